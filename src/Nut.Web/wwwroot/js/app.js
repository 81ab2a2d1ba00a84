// The single-page app: routes / to the dashboard and /ups/<id> to a UPS page with history.pushState (upsweb
// serves index.html for both), so the live stream and the data already loaded survive navigation.

import { startStream, onStreamState } from './stream.js';
import { loadStore } from './store.js';
import { setupThemeToggle } from './theme.js';
import { mountDashboard } from './dashboard.js';
import { mountUpsPage } from './upspage.js';

const main = document.getElementById('main');
let unmount = null;

function route() {
  if (unmount) unmount();
  unmount = null;
  const path = location.pathname;
  if (path.startsWith('/ups/') && path.length > 5) {
    let id;
    try { id = decodeURIComponent(path.slice(5)); } catch { id = path.slice(5); }
    unmount = mountUpsPage(main, id);
  } else {
    unmount = mountDashboard(main);
  }
}

/** Follows same-origin links marked data-link without reloading (ctrl/middle click still opens a tab). */
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) {
    history.pushState(null, '', url);
    route();
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
});

window.addEventListener('popstate', route);

const banner = document.getElementById('stream-banner');
let everConnected = false;
onStreamState((connected) => {
  if (connected) everConnected = true;
  // Before the first connection a short delay is normal; say nothing for a moment.
  banner.hidden = connected || !everConnected;
  document.body.dataset.stream = connected ? 'connected' : 'disconnected';
});
setTimeout(() => { if (!everConnected) banner.hidden = false; }, 4000);

setupThemeToggle(document.getElementById('theme-toggle'));
startStream();
route();
loadStore();
