// One UPS at a glance: a dashboard card, and the header of a UPS page. Built once; update() writes only the
// fields whose text changed, so 50 cards with an event every few seconds each cost almost nothing.

import { h, setText, setAttr, setHidden, announce } from './dom.js';
import { percent, runtime, volts, celsius, ago } from './format.js';
import { upsPage } from './api.js';

const VALUES = [
  ['runtime', 'Runtime', (s) => runtime(s.runtime)],
  ['load', 'Load', (s) => percent(s.load)],
  ['inputVoltage', 'Input', (s) => volts(s.inputVoltage)],
  ['outputVoltage', 'Output', (s) => volts(s.outputVoltage)],
  ['temperature', 'Temperature', (s) => celsius(s.temperature)],
];

/** Why a UPS cannot be read, shown under a grey headline. */
function reason(s) {
  if (s.reachability === 'ok') return null;
  return s.problem || s.headline;
}

export class UpsCard {
  /** @param {object} s a UpsSummary; @param {{link: boolean}} options link: the name leads to the UPS page. */
  constructor(s, { link = true, tag = 'article' } = {}) {
    this.id = s.id;
    this.fields = {};
    const f = (name, tagName = 'span', attrs = {}) => (this.fields[name] = h(tagName, { 'data-field': name, ...attrs }));
    const title = link ? h('a', { href: upsPage(s.id), 'data-link': true, class: 'stretched' }, s.name) : s.name;
    this.fill = h('span', { class: 'fill' });
    this.bar = h('span', { class: 'bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': 'Battery charge' }, this.fill);
    this.el = h(tag, { class: 'card', 'data-ups': s.id },
      h('div', { class: 'card-head' },
        h(link ? 'h2' : 'h1', { class: 'name' }, title),
        f('server', 'span', { class: 'server' })),
      f('description', 'p', { class: 'description' }),
      f('model', 'p', { class: 'model' }),
      f('headline', 'p', { class: 'headline' }),
      f('problem', 'p', { class: 'problem' }),
      h('div', { class: 'charge' }, this.bar, f('charge', 'span', { class: 'charge-text' })),
      h('dl', { class: 'values' }, VALUES.map(([key, label]) => h('div', null, h('dt', null, label), f(key, 'dd')))),
      f('updated', 'p', { class: 'updated' }));
    this.summary = null;
    this.update(s);
  }

  update(s) {
    const old = this.summary;
    this.summary = s;
    const fl = this.fields;
    setText(fl.server, s.server);
    setText(fl.description, s.description || '');
    setHidden(fl.description, !s.description);
    setText(fl.model, s.model || '');
    setHidden(fl.model, !s.model);
    setText(fl.headline, s.headline);
    setAttr(fl.headline, 'data-severity', s.severity);
    setAttr(this.el, 'data-severity', s.severity);
    setAttr(this.el, 'data-reachability', s.reachability);
    setAttr(fl.headline, 'title', s.statusWords && s.statusWords.length ? s.statusWords.join(', ') : null);
    const why = reason(s);
    setText(fl.problem, why || '');
    setHidden(fl.problem, !why);
    const charge = s.charge;
    setText(fl.charge, percent(charge));
    const width = charge === null || charge === undefined ? '0%' : `${Math.max(0, Math.min(100, charge))}%`;
    if (this.fill.style.width !== width) this.fill.style.width = width;
    setAttr(this.bar, 'aria-valuenow', charge ?? null);
    setAttr(this.bar, 'aria-valuetext', charge === null || charge === undefined ? 'unknown' : percent(charge));
    setAttr(this.bar, 'data-level', charge === null || charge === undefined ? 'none' : charge < 25 ? 'low' : charge < 60 ? 'mid' : 'high');
    for (const [key, , fmt] of VALUES) setText(fl[key], fmt(s));
    this.tick(Date.now());
    // One shared live region speaks changes (not a live region per card: 50 of them would talk over each other).
    if (old && old.headline !== s.headline) announce(`${s.name}: ${s.headline}`);
  }

  /** Refreshes "updated N s ago": the data's age by the poll time, or since the last good read when unreadable. */
  tick(now) {
    const s = this.summary;
    let text;
    if (s.reachability === 'ok') text = `updated ${ago(now - s.polled)}`;
    else if (s.lastGood) text = `last good data ${ago(now - s.lastGood)}`;
    else text = `no data yet (checked ${ago(now - s.polled)})`;
    setText(this.fields.updated, text);
  }
}
