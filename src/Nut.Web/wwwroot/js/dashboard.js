// The dashboard (/): a card per UPS, sorted by name, and a summary line. Only cards whose UPS changed are
// touched (store.js hands over the changed ids once per frame).

import { h, setText } from './dom.js';
import { allSummaries, subscribe, storeLoaded, storeError } from './store.js';
import { messageOf } from './api.js';
import { UpsCard } from './card.js';

const sortKey = (s) => `${s.name}\u0000${s.server}`;

/** A UPS that needs a look: anything red or grey, or amber for another reason than being on battery. */
const hasProblem = (s) => s.severity === 'critical' || s.severity === 'unknown' || (s.severity === 'warning' && !s.onBattery);

export function mountDashboard(main) {
  document.title = 'UPS dashboard';
  const summaryLine = h('p', { id: 'summary', class: 'summary', 'aria-live': 'polite', 'data-field': 'summary' });
  const grid = h('div', { class: 'cards', id: 'cards' });
  const empty = h('p', { class: 'empty', hidden: true });
  main.replaceChildren(h('h1', { class: 'visually-hidden' }, 'All UPSes'), summaryLine, empty, grid);

  const cards = new Map();

  function insertSorted(card, key) {
    card.key = key;
    // Cards arrive mostly in order; scanning from the end keeps that O(1).
    let before = null;
    for (let el = grid.lastElementChild; el; el = el.previousElementSibling) {
      const other = cards.get(el.dataset.ups);
      if (other && other.key <= key) break;
      before = el;
    }
    grid.insertBefore(card.el, before);
  }

  function render(changed) {
    const summaries = allSummaries();
    const fresh = [];
    for (const id of changed) {
      const s = summaries.get(id);
      if (!s) continue;
      const card = cards.get(id);
      if (card) card.update(s);
      else fresh.push(s);
    }
    if (fresh.length) {
      fresh.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
      for (const s of fresh) {
        const card = new UpsCard(s);
        cards.set(s.id, card);
        insertSorted(card, sortKey(s));
      }
    }
    let onBattery = 0, problems = 0;
    for (const s of summaries.values()) {
      if (s.onBattery) onBattery++;
      if (hasProblem(s)) problems++;
    }
    const n = summaries.size;
    setText(summaryLine, `${n} ${n === 1 ? 'UPS' : 'UPSes'}, ${onBattery} on battery, ${problems} with problems`);
    summaryLine.dataset.severity = problems ? 'critical' : onBattery ? 'warning' : 'ok';
    summaryLine.dataset.count = String(n);
    const err = storeError();
    empty.hidden = n > 0 || !storeLoaded();
    setText(empty, err ? `Cannot read the UPS list: ${messageOf(err)}` : 'upsweb watches no UPS yet (see --ups and upsweb.conf).');
  }

  render(allSummaries().keys());
  const unsubscribe = subscribe(render);
  const ticker = setInterval(() => {
    const now = Date.now();
    for (const card of cards.values()) card.tick(now);
  }, 1000);

  return () => {
    unsubscribe();
    clearInterval(ticker);
  };
}
