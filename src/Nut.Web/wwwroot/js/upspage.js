// The page of one UPS (/ups/<id>): live header, history graphs, event log, controls, every variable and the
// configuration. The detail (variables, commands) is fetched again when the stream says the UPS changed, at
// most every DETAIL_MS, so a chatty UPS does not cost a request per event.

import { h } from './dom.js';
import { get, upsApi, messageOf } from './api.js';
import { subscribe, summaryOf } from './store.js';
import { UpsCard } from './card.js';
import { mountHistory } from './history.js';
import { mountEvents } from './events.js';
import { mountVariables } from './variables.js';
import { renderConfig } from './config.js';
import { mountControls } from './controls.js';
import { mountHealth } from './health.js';

const DETAIL_MS = 5000;

function section(id, title, ...extra) {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...extra);
}

export function mountUpsPage(main, id) {
  const back = h('nav', { class: 'crumbs' }, h('a', { href: '/', 'data-link': true }, '← All UPSes'));
  main.replaceChildren(back, h('p', { class: 'loading' }, 'Loading…'));
  const cleanups = [];
  let gone = false;

  (async () => {
    const reply = await get(upsApi(id));
    if (gone) return;
    if (!reply.ok) {
      main.replaceChildren(back, h('p', { class: 'error', role: 'alert' }, reply.status === 404
        ? `No watched UPS is called ${id}.` : `Cannot load ${id}: ${messageOf(reply)}`));
      return;
    }
    let detail = reply.body;
    const s = summaryOf(id) ?? detail.summary;
    document.title = `${s.name} – UPS dashboard`;
    const card = new UpsCard(s, { link: false, tag: 'header' });
    card.el.classList.add('ups-head');

    const history = section('history', 'History');
    const events = section('events', 'Events');
    const health = section('health', 'Battery health');
    const controls = section('controls', 'Commands and settings');
    const variables = section('variables', 'All variables');
    const configBody = h('div');
    const config = section('config', 'Configuration', configBody);
    main.replaceChildren(back, card.el, history, events, health, controls, variables, config);

    cleanups.push(mountHistory(history, id));
    cleanups.push(mountEvents(events, id));
    cleanups.push(mountHealth(health, id));
    const ctl = mountControls(controls, id);
    cleanups.push(() => ctl.destroy());
    const updateVariables = mountVariables(variables);

    function showDetail(d) {
      updateVariables(d.variables || []);
      renderConfig(configBody, d.config);
      ctl.update(d);
    }
    showDetail(detail);

    let lastFetch = Date.now(), timer = 0;
    async function refresh() {
      timer = 0;
      lastFetch = Date.now();
      const r = await get(upsApi(id));
      if (gone || !r.ok) return;
      detail = r.body;
      showDetail(detail);
    }
    cleanups.push(subscribe((changed) => {
      if (!changed.has(id)) return;
      const now = summaryOf(id);
      if (now) card.update(now);
      if (!timer) timer = setTimeout(refresh, Math.max(0, lastFetch + DETAIL_MS - Date.now()));
    }));
    const ticker = setInterval(() => card.tick(Date.now()), 1000);
    cleanups.push(() => { clearInterval(ticker); clearTimeout(timer); });
  })();

  return () => {
    gone = true;
    for (const c of cleanups) c();
  };
}
