// How values read on screen. NUT sends seconds, percent and volts; people read "12 min" and "1:05:00".

export const DASH = '—';

export function percent(v) {
  return v === null || v === undefined ? DASH : `${Math.round(v)} %`;
}

/** Runtime: "45 s" and "12 min" below an hour (what matters in an outage), h:mm:ss above. */
export function runtime(seconds) {
  if (seconds === null || seconds === undefined) return DASH;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

function decimals(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function volts(v) {
  return v === null || v === undefined ? DASH : `${decimals(v)} V`;
}

export function celsius(v) {
  return v === null || v === undefined ? DASH : `${decimals(v)} °C`;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago". Negative ages (clock skew) read as now. */
export function ago(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

export const formatClock = (ms) => clock.format(ms);
export const formatClockSeconds = (ms) => clockSeconds.format(ms);
export const formatDay = (ms) => day.format(ms);
export const formatDateTime = (ms) => full.format(ms);

/** An event's time: the clock for today, the date and clock before. */
export function formatEventTime(ms) {
  const d = new Date(ms), now = new Date();
  return d.toDateString() === now.toDateString() ? clockSeconds.format(d) : full.format(d);
}
