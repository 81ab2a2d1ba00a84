// A small SVG line chart for the history graphs: a time axis with ticks on round local times, a value axis with
// 1-2-5 steps, shaded on-battery periods, gaps where there is no data, and a tooltip (pointer or arrow keys).
// Redrawn whole on each change: at most a few thousand points, far cheaper than a library. Times are Unix
// milliseconds throughout, as the history API sends them and Date takes them.

import { formatClock, formatDay, formatDateTime } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 190;
const M = { l: 50, r: 14, t: 10, b: 24 };
const MIN = 60000, HOUR = 3600000, DAY = 86400000;
const TIME_STEPS = [MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 4 * DAY, 7 * DAY];

function s(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  return el;
}

/** Value ticks on 1, 2, 2.5 or 5 times a power of ten, and the domain widened to them. */
export function niceScale(min, max, count = 4) {
  if (!(max > min)) {
    const pad = Math.abs(min) * 0.05 || 1;
    min -= pad; max += pad;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw - 1e-12);
  const lo = Math.floor(min / step + 1e-9) * step, hi = Math.ceil(max / step - 1e-9) * step;
  const ticks = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { lo, hi, ticks, step };
}

/** Time ticks (Unix ms) on round local times, about one per 90 px. */
export function timeTicks(from, to, width) {
  const most = Math.max(2, Math.floor(width / 90));
  const step = TIME_STEPS.find((x) => (to - from) / x <= most) ?? TIME_STEPS[TIME_STEPS.length - 1];
  // Local midnight is UTC minus the zone offset; aligning to it puts ticks on 12:00, 18:00, not 11:37.
  const offset = new Date(from).getTimezoneOffset() * MIN;
  const ticks = [];
  for (let t = Math.ceil((from + offset) / step) * step - offset; t <= to; t += step) ticks.push(t);
  return { ticks, step };
}

function tickLabel(t, step) {
  const d = new Date(t);
  const midnight = d.getHours() === 0 && d.getMinutes() === 0;
  return step >= DAY || midnight ? formatDay(d) : formatClock(d);
}

function median(values) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let nextId = 0;

export class Chart {
  /**
   * @param {HTMLElement} plot where the SVG goes (its width is the chart's)
   * @param {{label: string, series: {label: string}[], format: (v:number)=>string, axis?: (v:number)=>string,
   *          min?: number, max?: number}} options min/max: fixed ends of the value axis (the data may widen them)
   */
  constructor(plot, options) {
    this.plot = plot;
    this.o = options;
    this.data = null;
    this.hover = -1;
    this.clip = `clip${++nextId}`;
    this.svg = s('svg', { height: HEIGHT, role: 'img', tabindex: 0, 'data-points': 0, 'aria-label': options.label });
    this.tip = document.createElement('div');
    this.tip.className = 'tooltip';
    this.tip.hidden = true;
    plot.append(this.svg, this.tip);
    this.svg.addEventListener('pointermove', (e) => this.pointer(e));
    this.svg.addEventListener('pointerleave', () => this.showHover(-1));
    this.svg.addEventListener('keydown', (e) => this.key(e));
    this.svg.addEventListener('blur', () => this.showHover(-1));
    let frame = 0;
    this.resize = new ResizeObserver(() => {
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; this.render(); });
    });
    this.resize.observe(plot);
  }

  destroy() {
    this.resize.disconnect();
  }

  /** @param {{from:number, to:number, time:number[], values:(number|null)[][], onBattery:number[][], bucketMs:number}} data
   *  times in Unix ms */
  setData(data) {
    this.data = data;
    this.render();
  }

  /** The width of the plot area in pixels: how many points are worth asking the server for. */
  plotWidth() {
    return Math.max(50, (this.plot.clientWidth || 600) - M.l - M.r);
  }

  render() {
    const d = this.data;
    const width = Math.max(200, this.plot.clientWidth || 600);
    this.width = width;
    const svg = this.svg;
    svg.setAttribute('width', width);
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    svg.replaceChildren();
    if (!d) return;
    const pw = width - M.l - M.r, ph = HEIGHT - M.t - M.b;
    const span = Math.max(1, d.to - d.from);
    const x = (t) => M.l + ((t - d.from) / span) * pw;

    // The value axis: fixed ends where given, widened to the data.
    let lo = Infinity, hi = -Infinity, drawn = 0;
    for (let i = 0; i < d.time.length; i++) {
      let any = false;
      for (const series of d.values) {
        const v = series[i];
        if (v === null || v === undefined) continue;
        any = true;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (any) drawn++;
    }
    if (this.o.min !== undefined) lo = Math.min(this.o.min, lo);
    if (this.o.max !== undefined) hi = Math.max(this.o.max, hi);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) { lo = 0; hi = 1; }
    const scale = niceScale(lo, hi);
    const y = (v) => M.t + ph - ((v - scale.lo) / (scale.hi - scale.lo)) * ph;
    this.x = x; this.y = y;

    const defs = s('defs');
    const clip = s('clipPath', { id: this.clip });
    clip.append(s('rect', { x: M.l, y: M.t, width: pw, height: ph }));
    defs.append(clip);
    svg.append(defs);

    // On-battery periods first, under everything.
    for (const [start, end] of d.onBattery || []) {
      const x0 = Math.max(M.l, x(start)), x1 = Math.min(M.l + pw, x(Math.max(end, start)));
      if (x1 < M.l || x0 > M.l + pw) continue;
      const r = s('rect', { class: 'ob', x: x0, y: M.t, width: Math.max(2, x1 - x0), height: ph });
      const title = s('title');
      title.textContent = `On battery ${formatDateTime(start)} – ${formatDateTime(end)}`;
      r.append(title);
      svg.append(r);
    }

    const grid = s('g', { class: 'grid' });
    for (const v of scale.ticks) {
      const yy = y(v);
      grid.append(s('line', { x1: M.l, x2: M.l + pw, y1: yy, y2: yy }));
      const label = s('text', { x: M.l - 6, y: yy + 4, 'text-anchor': 'end' });
      label.textContent = (this.o.axis || this.o.format)(v);
      grid.append(label);
    }
    const times = timeTicks(d.from, d.to, pw);
    for (const t of times.ticks) {
      const xx = x(t);
      grid.append(s('line', { class: 'tick', x1: xx, x2: xx, y1: M.t + ph, y2: M.t + ph + 4 }));
      const label = s('text', { x: xx, y: HEIGHT - 6, 'text-anchor': 'middle' });
      label.textContent = tickLabel(t, times.step);
      grid.append(label);
    }
    grid.append(s('line', { class: 'axis', x1: M.l, x2: M.l + pw, y1: M.t + ph, y2: M.t + ph }));
    svg.append(grid);

    // Lines break where a value is missing or samples are far apart (upsweb was not running).
    const deltas = [];
    for (let i = 1; i < d.time.length; i++) deltas.push(d.time[i] - d.time[i - 1]);
    this.gap = Math.max(3 * (d.bucketMs || 1000), 3 * median(deltas));
    const lines = s('g', { 'clip-path': `url(#${this.clip})` });
    d.values.forEach((series, k) => {
      let path = '', prev = -1;
      for (let i = 0; i < d.time.length; i++) {
        const v = series[i];
        if (v === null || v === undefined) { prev = -1; continue; }
        const px = x(d.time[i]).toFixed(1), py = y(v).toFixed(1);
        // A lone point still shows: a zero-length segment with round caps is a dot.
        path += prev >= 0 && d.time[i] - d.time[prev] <= this.gap ? `L${px} ${py}` : `M${px} ${py}l0 0`;
        prev = i;
      }
      lines.append(s('path', { class: `line s${k}`, d: path }));
    });
    svg.append(lines);

    this.cursor = s('g', { class: 'cursor', visibility: 'hidden' });
    this.cursorLine = s('line', { y1: M.t, y2: M.t + ph });
    this.cursor.append(this.cursorLine);
    this.dots = d.values.map((_, k) => {
      const c = s('circle', { r: 3.5, class: `dot s${k}` });
      this.cursor.append(c);
      return c;
    });
    svg.append(this.cursor);

    svg.setAttribute('data-points', drawn);
    const last = lastValue(d.values[0]);
    svg.setAttribute('aria-label', `${this.o.label}: ${drawn} points` + (last === null ? '' : `, latest ${this.o.format(last)}`));
    if (this.hover >= d.time.length) this.hover = -1;
    this.showHover(this.hover);
  }

  pointer(e) {
    const d = this.data;
    if (!d || !d.time.length) return;
    const rect = this.svg.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const t = d.from + ((px - M.l) / (this.width - M.l - M.r)) * (d.to - d.from);
    this.showHover(nearest(d.time, t));
  }

  key(e) {
    const d = this.data;
    if (!d || !d.time.length) return;
    let i = this.hover;
    if (e.key === 'ArrowLeft') i = i < 0 ? d.time.length - 1 : Math.max(0, i - 1);
    else if (e.key === 'ArrowRight') i = i < 0 ? 0 : Math.min(d.time.length - 1, i + 1);
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = d.time.length - 1;
    else if (e.key === 'Escape') i = -1;
    else return;
    e.preventDefault();
    this.showHover(i);
  }

  showHover(i) {
    this.hover = i;
    const d = this.data;
    if (!d || i < 0 || i >= d.time.length || !this.cursor) {
      if (this.cursor) this.cursor.setAttribute('visibility', 'hidden');
      this.tip.hidden = true;
      return;
    }
    const xx = this.x(d.time[i]);
    this.cursorLine.setAttribute('x1', xx);
    this.cursorLine.setAttribute('x2', xx);
    this.cursor.setAttribute('visibility', 'visible');
    const rows = [];
    d.values.forEach((series, k) => {
      const v = series[i];
      const dot = this.dots[k];
      if (v === null || v === undefined) {
        dot.setAttribute('visibility', 'hidden');
      } else {
        dot.setAttribute('visibility', 'visible');
        dot.setAttribute('cx', xx);
        dot.setAttribute('cy', this.y(v));
      }
      rows.push([this.o.series[k].label, v === null || v === undefined ? '—' : this.o.format(v), k]);
    });
    const tip = this.tip;
    tip.replaceChildren();
    const time = document.createElement('div');
    time.className = 'tip-time';
    time.textContent = formatDateTime(d.time[i]);
    tip.append(time);
    for (const [label, value, k] of rows) {
      const row = document.createElement('div');
      const swatch = document.createElement('span');
      swatch.className = `swatch s${k}`;
      row.append(swatch, `${label}: ${value}`);
      tip.append(row);
    }
    if (inBattery(d.onBattery, d.time[i])) {
      const ob = document.createElement('div');
      ob.className = 'tip-ob';
      ob.textContent = 'on battery';
      tip.append(ob);
    }
    tip.hidden = false;
    // Beside the cursor, on whichever side has room.
    const left = xx + 12 + tip.offsetWidth > this.width ? xx - 12 - tip.offsetWidth : xx + 12;
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${M.t}px`;
  }
}

function lastValue(series) {
  for (let i = series.length - 1; i >= 0; i--) if (series[i] !== null && series[i] !== undefined) return series[i];
  return null;
}

function inBattery(periods, t) {
  return (periods || []).some(([a, b]) => t >= a && t <= b);
}

/** The index of the time nearest to t (times ascending). */
function nearest(times, t) {
  let lo = 0, hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid; else hi = mid;
  }
  return Math.abs(times[lo] - t) <= Math.abs(times[hi] - t) ? lo : hi;
}
