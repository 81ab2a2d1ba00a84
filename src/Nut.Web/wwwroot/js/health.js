// The battery-health panel of a UPS page: GET /api/ups/{id}/health (the same report nut-health prints), the
// shutdown budget as a verdict, and the discharges it learnt from. Refetched every minute and when a health
// event arrives on the stream.

import { h } from './dom.js';
import { get, upsApi, messageOf } from './api.js';
import { onLog } from './stream.js';
import { runtime, formatDateTime } from './format.js';

const REFRESH_MS = 60000;

function verdict(budget) {
  if (!budget) return null;
  return h('p', { class: 'budget', 'data-budget': budget.fits ? 'fits' : 'short', 'data-severity': budget.fits ? 'ok' : 'warning' },
    budget.fits
      ? `Shutdown budget fits: ${runtime(budget.runtimeAtTrigger)} left at ${budget.trigger}, shutdowns need ${runtime(budget.needed)}.`
      : `Shutdown budget does NOT fit: ${runtime(budget.runtimeAtTrigger)} left at ${budget.trigger}, shutdowns need ${runtime(budget.needed)}.`);
}

function discharges(list) {
  if (!list.length) return null;
  const rows = list.slice().reverse().map((d) => h('tr', null,
    h('td', null, formatDateTime(d.start)),
    h('td', null, `${Math.round(d.chargeStart)} % → ${Math.round(d.chargeEnd)} %`),
    h('td', null, runtime(d.seconds)),
    h('td', null, `${d.load} %`),
    h('td', null, runtime(d.fullRuntime))));
  return h('div', { class: 'table-scroll' }, h('table', { 'data-discharges': list.length },
    h('thead', null, h('tr', null, h('th', null, 'Outage'), h('th', null, 'Charge'), h('th', null, 'On battery'),
      h('th', null, 'Load'), h('th', null, 'Full battery at that load'))),
    h('tbody', null, ...rows)));
}

export function mountHealth(section, id) {
  const body = h('div', { 'data-health': true }, h('p', { class: 'muted' }, 'Loading…'));
  section.append(body);
  let gone = false;

  async function load() {
    const reply = await get(`${upsApi(id)}/health`);
    if (gone) return;
    if (!reply.ok) {
      body.replaceChildren(h('p', { class: 'error' }, `Cannot load the battery health: ${messageOf(reply)}`));
      return;
    }
    const r = reply.body;
    body.replaceChildren(...[verdict(r.budget), ...r.lines.map((l) => h('p', null, l)), discharges(r.discharges)].filter(Boolean));
  }
  load();
  const timer = setInterval(load, REFRESH_MS);
  const off = onLog((e) => { if (e.ups === id && e.kind === 'health') load(); });
  return () => { gone = true; clearInterval(timer); off(); };
}
