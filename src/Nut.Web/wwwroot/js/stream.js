// The one live connection of the page (GET /api/stream, Server-Sent Events), shared by every view so that moving
// between the dashboard and a UPS page does not reconnect. upsweb sends every UPS every 5 s even when nothing
// changed, so silence for longer than SILENCE_MS means the stream is broken even if the socket looks open
// (a proxy or a suspended laptop can leave it half-dead).

const SILENCE_MS = 15000;
const REOPEN_MS = 3000;

const upsListeners = new Set();
const logListeners = new Set();
const stateListeners = new Set();

let source = null;
let connected = false;
let lastMessage = 0;

function setConnected(value) {
  if (connected === value) return;
  connected = value;
  for (const fn of stateListeners) fn(value);
}

function parse(event) {
  lastMessage = Date.now();
  setConnected(true);
  try { return JSON.parse(event.data); } catch { return null; }
}

function open() {
  source = new EventSource('/api/stream');
  source.addEventListener('open', () => { lastMessage = Date.now(); setConnected(true); });
  source.addEventListener('ups', (e) => {
    const s = parse(e);
    if (s) for (const fn of upsListeners) fn(s);
  });
  source.addEventListener('log', (e) => {
    const s = parse(e);
    if (s) for (const fn of logListeners) fn(s);
  });
  source.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself (the server asks for 2 s). CLOSED: it gave up (an HTTP error
    // answer), so we open a new one ourselves.
    setConnected(false);
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(open, REOPEN_MS);
    }
  });
}

/** Starts the stream (once) and the silence watchdog. */
export function startStream() {
  if (source) return;
  open();
  setInterval(() => {
    if (connected && Date.now() - lastMessage > SILENCE_MS) {
      setConnected(false);
      // Force a fresh connection: the old one is not delivering.
      if (source) source.close();
      source = null;
      open();
    }
  }, 2000);
}

export const onUps = (fn) => { upsListeners.add(fn); return () => upsListeners.delete(fn); };
export const onLog = (fn) => { logListeners.add(fn); return () => logListeners.delete(fn); };
export const onStreamState = (fn) => { stateListeners.add(fn); fn(connected); return () => stateListeners.delete(fn); };
export const isConnected = () => connected;
