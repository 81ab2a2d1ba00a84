// The configuration summary of a UPS page: driver, port and device identity as upsd reports them, and the
// driver's parameters (ups.conf as the driver understood it).

import { h } from './dom.js';

const ROWS = [
  ['Driver', (c) => (c.driver ? c.driver + (c.driverVersion ? ` ${c.driverVersion}` : '') : null)],
  ['Port', (c) => c.port],
  ['Manufacturer', (c) => c.manufacturer],
  ['Model', (c) => c.model],
  ['Serial number', (c) => c.serial],
  ['Firmware', (c) => c.firmware],
  ['Device type', (c) => c.type],
];

export function renderConfig(container, config) {
  const c = config || {};
  const list = h('dl', { class: 'config', 'data-config': true });
  for (const [label, get] of ROWS) {
    const value = get(c);
    list.append(h('div', null, h('dt', null, label), h('dd', null, value ?? '—')));
  }
  const params = c.driverParameters || [];
  const paramList = params.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'vars' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Driver parameter'), h('th', { scope: 'col' }, 'Value'))),
        h('tbody', null, params.map((p) => h('tr', null, h('th', { scope: 'row' }, h('code', null, p.name)), h('td', null, p.value))))))
    : h('p', { class: 'muted' }, 'The driver reports no parameters.');
  container.replaceChildren(list, paramList);
}
