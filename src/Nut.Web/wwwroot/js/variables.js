// Every variable of a UPS in a table, filtered as you type (a USB UPS has well over a hundred). Rows are kept
// by name and only their values rewritten on refresh, so the filter and scroll position survive.

import { h, setText } from './dom.js';

export function mountVariables(section) {
  const filter = h('input', { type: 'search', id: 'var-filter', placeholder: 'e.g. battery', autocomplete: 'off', spellcheck: 'false' });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const body = h('tbody');
  const table = h('table', { class: 'vars', 'data-variables': true },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Variable'), h('th', { scope: 'col' }, 'Value'))), body);
  section.append(
    h('div', { class: 'filter' }, h('label', { for: 'var-filter' }, 'Filter variables'), filter, count),
    h('div', { class: 'table-scroll' }, table));

  const rows = new Map();

  function apply() {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows.values()) {
      const match = !q || r.name.toLowerCase().includes(q) || r.value.toLowerCase().includes(q);
      if (r.tr.hidden === match) r.tr.hidden = !match;
      if (match) shown++;
    }
    setText(count, q ? `${shown} of ${rows.size}` : `${rows.size} variables`);
  }

  filter.addEventListener('input', apply);

  /** @param {{name: string, value: string}[]} variables */
  function update(variables) {
    const seen = new Set();
    let prev = null;
    for (const { name, value } of variables) {
      seen.add(name);
      let r = rows.get(name);
      if (!r) {
        const cell = h('td', null, value);
        r = { name, value, cell, tr: h('tr', { 'data-variable-row': name }, h('th', { scope: 'row' }, h('code', null, name)), cell) };
        rows.set(name, r);
        // Keep upsd's order: after the previous row, or first.
        if (prev) prev.tr.after(r.tr); else body.prepend(r.tr);
      } else if (r.value !== value) {
        r.value = value;
        setText(r.cell, value);
      }
      prev = r;
    }
    for (const [name, r] of rows) if (!seen.has(name)) { r.tr.remove(); rows.delete(name); }
    apply();
  }

  return update;
}
