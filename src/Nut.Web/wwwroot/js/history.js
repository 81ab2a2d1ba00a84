// The history graphs of a UPS page: a zoom selector and one chart per quantity. The range always ends now:
// points from the live stream are appended as they come, and the whole range is fetched again every 30 s
// (the server's averages are better than ours, and it knows the on-battery periods exactly). Times are Unix
// milliseconds, as the history API and the stream send them.

import { h, setText } from './dom.js';
import { get, upsApi, messageOf } from './api.js';
import { onUps } from './stream.js';
import { Chart } from './chart.js';
import { percent, runtime, volts, celsius } from './format.js';

const HOUR = 3600000;
/** Key (for the address), length in ms, label. */
export const RANGES = [
  ['1h', HOUR, '1 h'], ['6h', 6 * HOUR, '6 h'], ['24h', 24 * HOUR, '24 h'], ['7d', 168 * HOUR, '7 d'], ['30d', 720 * HOUR, '30 d'],
];
const REFETCH_MS = 30000;
const FIELDS = ['charge', 'runtime', 'load', 'inputVoltage', 'outputVoltage', 'temperature'];
const trim = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

const CHARTS = [
  { key: 'charge', title: 'Battery charge', series: [['charge', 'Charge']], min: 0, max: 100, format: percent },
  // Runtime is plotted in minutes: axis steps of 10 min read better than steps of 500 s.
  { key: 'runtime', title: 'Runtime', series: [['runtime', 'Runtime']], min: 0, scale: 1 / 60,
    format: (v) => runtime(v * 60), axis: (v) => `${trim(v)} min` },
  { key: 'load', title: 'Load', series: [['load', 'Load']], min: 0, max: 100, format: percent },
  { key: 'voltage', title: 'Voltage', series: [['inputVoltage', 'Input'], ['outputVoltage', 'Output']], format: volts },
  { key: 'temperature', title: 'Temperature', series: [['temperature', 'Temperature']], format: celsius, optional: true },
];

export function mountHistory(section, id) {
  const url = new URL(location.href);
  let range = RANGES.find((r) => r[0] === url.searchParams.get('range')) ?? RANGES[0];
  const status = h('p', { class: 'chart-status', 'aria-live': 'polite' });
  const buttons = RANGES.map(([key, , label]) =>
    h('button', { type: 'button', 'data-range': key, 'aria-pressed': String(key === range[0]), onclick: () => choose(key) }, label));
  const zoom = h('div', { class: 'zoom', role: 'group', 'aria-label': 'Time range' }, buttons);
  const charts = CHARTS.map((c) => {
    const plot = h('div', { class: 'plot' });
    const legend = c.series.length > 1
      ? h('span', { class: 'legend' }, c.series.map(([, label], k) => h('span', null, h('span', { class: `swatch s${k}` }), label)))
      : null;
    const figure = h('figure', { class: 'chart', 'data-chart': c.key }, h('figcaption', null, c.title, legend), plot);
    return { c, figure, chart: null, plot };
  });
  section.append(h('div', { class: 'history-head' }, zoom, status), h('div', { class: 'charts' }, charts.map((x) => x.figure)));
  for (const x of charts) {
    x.chart = new Chart(x.plot, { label: x.c.title, series: x.c.series.map(([, label]) => ({ label })), format: x.c.format,
      axis: x.c.axis, min: x.c.min, max: x.c.max });
  }

  let data = null, seq = 0, drawTimer = 0;

  function draw() {
    drawTimer = 0;
    if (!data) return;
    for (const x of charts) {
      const scale = x.c.scale ?? 1;
      const values = x.c.series.map(([field]) => data[field].map((v) => (v === null || v === undefined ? null : v * scale)));
      const empty = values.every((v) => v.every((n) => n === null));
      x.figure.hidden = Boolean(x.c.optional) && empty;
      x.chart.setData({ from: data.from, to: data.to, time: data.time, values, onBattery: data.onBattery, bucketMs: data.bucketMs });
    }
  }

  /** Redraws at most once a second: the stream can bring several points a second. */
  function drawSoon() {
    if (!drawTimer) drawTimer = setTimeout(draw, 1000);
  }

  async function fetchRange() {
    const mine = ++seq;
    const to = Date.now(), from = to - range[1];
    const points = Math.round(charts[0].chart.plotWidth());
    const reply = await get(`${upsApi(id)}/history?from=${from}&to=${to}&points=${points}`);
    if (mine !== seq) return; // a newer request (another range) is under way
    if (!reply.ok) {
      setText(status, `Cannot load the history: ${messageOf(reply)}`);
      return;
    }
    data = reply.body;
    for (const f of FIELDS) data[f] = data[f] || [];
    data.onBattery = data.onBattery || [];
    data.bucketMs = data.bucketMs || 1000;
    setText(status, data.time.length ? '' : 'No history for this range yet: points appear as they are recorded.');
    draw();
  }

  function choose(key) {
    range = RANGES.find((r) => r[0] === key);
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === key)));
    const u = new URL(location.href);
    if (key === RANGES[0][0]) u.searchParams.delete('range'); else u.searchParams.set('range', key);
    history.replaceState(history.state, '', u);
    fetchRange();
  }

  /** A live summary becomes a point; within one bucket it replaces the last point instead. */
  function append(s) {
    if (!data || s.id !== id) return;
    const t = s.polled;
    const n = data.time.length;
    if (n && t < data.time[n - 1]) return;
    if (n && t - data.time[n - 1] < data.bucketMs) {
      for (const f of FIELDS) data[f][n - 1] = s[f] ?? null;
    } else {
      data.time.push(t);
      for (const f of FIELDS) data[f].push(s[f] ?? null);
    }
    if (s.onBattery) {
      const last = data.onBattery[data.onBattery.length - 1];
      if (last && t - last[1] <= 3 * Math.max(data.bucketMs, 10000)) last[1] = t;
      else data.onBattery.push([t, t]);
    }
    data.to = Math.max(data.to, t);
    data.from = data.to - range[1];
    // Drop what slid out of the range.
    let cut = 0;
    while (cut < data.time.length && data.time[cut] < data.from) cut++;
    if (cut) {
      data.time.splice(0, cut);
      for (const f of FIELDS) data[f].splice(0, cut);
    }
    if (data.time.length) setText(status, '');
    drawSoon();
  }

  const off = onUps(append);
  const refetch = setInterval(fetchRange, REFETCH_MS);
  fetchRange();

  return () => {
    off();
    clearInterval(refetch);
    clearTimeout(drawTimer);
    seq++;
    for (const x of charts) x.chart.destroy();
  };
}
