// The event log of a UPS page: what GET /api/ups/{id}/events has (newest first), then each live 'log' event
// on top.

import { h, setText } from './dom.js';
import { get, upsApi, messageOf } from './api.js';
import { onLog } from './stream.js';
import { formatEventTime, formatDateTime } from './format.js';

const KEEP = 200; // a long outage can log a lot; the page keeps the newest

function row(e) {
  return h('li', { 'data-severity': e.severity, 'data-kind': e.kind },
    h('time', { datetime: new Date(e.time).toISOString(), title: formatDateTime(e.time) }, formatEventTime(e.time)),
    h('span', { class: 'sev', 'data-severity': e.severity }, e.severity),
    h('span', { class: 'text' }, e.text));
}

export function mountEvents(section, id) {
  const status = h('p', { class: 'muted' }, 'Loading…');
  const list = h('ol', { class: 'events', 'data-events': true, 'aria-live': 'polite', 'aria-relevant': 'additions' });
  section.append(status, list);

  let live = [];
  let loaded = false;

  function add(e) {
    list.prepend(row(e));
    while (list.childElementCount > KEEP) list.lastElementChild.remove();
    status.hidden = true;
  }

  const off = onLog((e) => {
    if (e.ups !== id) return;
    if (loaded) add(e); else live.push(e);
  });

  get(`${upsApi(id)}/events?limit=100`).then((reply) => {
    if (!reply.ok) {
      setText(status, `Cannot load the events: ${messageOf(reply)}`);
      return;
    }
    const events = reply.body || [];
    list.replaceChildren(...events.map(row));
    loaded = true;
    // Live events that arrived while loading and are newer than the newest stored one.
    const newest = events.length ? events[0].time : 0;
    for (const e of live) if (e.time > newest) add(e);
    live = [];
    status.hidden = list.childElementCount > 0;
    setText(status, 'No events yet.');
  });

  return off;
}
