// The latest summary of every UPS, fed by GET /api/ups once and then by the stream. Changes are handed to the
// views once per animation frame, as a set of ids: a burst of events (every UPS at once every 5 s) becomes one
// DOM pass, and a hidden tab does no DOM work at all until it is shown.

import { get } from './api.js';
import { onUps } from './stream.js';

const summaries = new Map();
const listeners = new Set();
let pending = new Set();
let frame = 0;
let loaded = false;
let loadError = null;

function flush() {
  frame = 0;
  const changed = pending;
  pending = new Set();
  for (const fn of listeners) fn(changed);
}

function schedule(id) {
  pending.add(id);
  if (!frame) frame = requestAnimationFrame(flush);
}

/** Keeps a summary unless an older one arrives late (the list request can race the stream). */
function put(s) {
  const old = summaries.get(s.id);
  if (old && old.polled > s.polled) return;
  if (old && sameSummary(old, s)) {
    // Only the poll time moved: keep the object (views compare fields) but remember the time for "updated".
    old.polled = s.polled;
    old.lastGood = s.lastGood;
    schedule(s.id);
    return;
  }
  summaries.set(s.id, s);
  schedule(s.id);
}

function sameSummary(a, b) {
  for (const k of Object.keys(b)) {
    if (k === 'polled' || k === 'lastGood') continue;
    const x = a[k], y = b[k];
    if (Array.isArray(y) ? !Array.isArray(x) || x.join('\u0001') !== y.join('\u0001') : x !== y) return false;
  }
  return true;
}

export async function loadStore() {
  onUps(put);
  const reply = await get('/api/ups');
  if (reply.ok && Array.isArray(reply.body)) reply.body.forEach(put);
  else loadError = reply;
  loaded = true;
  schedule('');
}

export const allSummaries = () => summaries;
export const summaryOf = (id) => summaries.get(id);
export const storeLoaded = () => loaded;
export const storeError = () => loadError;

/** fn(changedIds) after each frame with changes; returns the unsubscribe function. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
