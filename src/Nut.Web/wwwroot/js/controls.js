// Instant commands and writable variables, behind a login. The password goes to upsweb once (POST /api/login,
// which checks it against upsd and keeps it server-side behind an HttpOnly cookie); the page never stores it
// and clears the field straight away. upsd decides who may do what; the page only shows upsd's answer.

import { h, setText } from './dom.js';
import { get, post, put, upsApi, messageOf } from './api.js';

/** Commands that cut power or shut the UPS down ask first. */
const DANGEROUS = /(^|\.)load\.(off|cycle)(\.|$)|^shutdown\./;

/** Shows an answer: data-outcome="ok" or "refused", the server's words, and the result token. */
function showOutcome(el, ok, text) {
  el.hidden = false;
  el.dataset.outcome = ok ? 'ok' : 'refused';
  el.textContent = (ok ? '✓ ' : '✗ ') + text;
}

function outcomeText(reply) {
  const b = reply.body || {};
  const ok = reply.ok && b.ok !== false;
  const token = b.result && b.result !== 'OK' && !(b.message || '').includes(b.result) ? `${b.result}: ` : '';
  return { ok, text: b.message ? token + b.message : messageOf(reply) };
}

function editorFor(w) {
  const type = w.type || [];
  const label = `New value for ${w.name}`;
  if ((w.enum && w.enum.length) || type.includes('ENUM')) {
    const options = [...new Set([...(w.enum || []), w.value])];
    return h('select', { 'data-variable': w.name, 'aria-label': label },
      options.map((o) => h('option', { value: o, selected: o === w.value }, o)));
  }
  if ((w.ranges && w.ranges.length) || type.includes('RANGE') || type.includes('NUMBER')) {
    const bounds = (w.ranges || []).map((r) => r.split('..').map(Number)).filter((b) => b.length === 2 && b.every(Number.isFinite));
    const min = bounds.length ? Math.min(...bounds.map((b) => b[0])) : null;
    const max = bounds.length ? Math.max(...bounds.map((b) => b[1])) : null;
    return h('input', { type: 'number', step: 'any', min, max, value: w.value, 'data-variable': w.name, 'aria-label': label,
      title: w.ranges && w.ranges.length ? `Allowed: ${w.ranges.join(', ')}` : null });
  }
  const string = type.find((t) => t.startsWith('STRING:'));
  return h('input', { type: 'text', value: w.value, maxlength: string ? string.slice(7) : null, 'data-variable': w.name, 'aria-label': label });
}

export function mountControls(section, id) {
  const who = h('span', { 'data-field': 'session' });
  const logout = h('button', { type: 'button', class: 'ghost', 'data-action': 'logout' }, 'Log out');
  const sessionBar = h('div', { class: 'session', hidden: true }, who, logout);

  const user = h('input', { id: 'login-user', name: 'user', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const loginOutcome = h('p', { class: 'outcome', role: 'status', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { id: 'login', class: 'login', hidden: true },
    h('p', { class: 'muted' }, 'Log in with a upsd.users account to run commands and change settings.'),
    h('div', { class: 'fields' },
      h('label', { for: 'login-user' }, 'User'), user,
      h('label', { for: 'login-password' }, 'Password'), password),
    submit, loginOutcome);

  const actions = h('div', { class: 'actions', hidden: true });
  section.append(sessionBar, form, actions);

  let detail = null, signature = '', loggedIn = false, destroyed = false;

  function showLogin(message) {
    loggedIn = false;
    sessionBar.hidden = true;
    actions.hidden = true;
    form.hidden = false;
    if (message) showOutcome(loginOutcome, false, message);
  }

  function showActions(name) {
    loggedIn = true;
    setText(who, `Logged in as ${name}`);
    form.hidden = true;
    loginOutcome.hidden = true;
    sessionBar.hidden = false;
    actions.hidden = false;
    render(true);
  }

  /** A 401 on a command means the session ended (idle timeout, upsweb restart). */
  function sessionEnded(reply) {
    if (reply.status !== 401) return false;
    showLogin('Your session has ended: log in again.');
    return true;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const secret = password.value;
    password.value = ''; // never kept in the page longer than the request
    submit.disabled = true;
    loginOutcome.hidden = true;
    const reply = await post('/api/login', { ups: id, user: user.value.trim(), password: secret });
    submit.disabled = false;
    if (reply.ok) showActions(reply.body?.user ?? user.value);
    else {
      showOutcome(loginOutcome, false, `Login refused: ${messageOf(reply)}`);
      password.focus();
    }
  });

  logout.addEventListener('click', async () => {
    await post('/api/logout');
    showLogin();
    loginOutcome.hidden = true;
  });

  async function runCommand(name, paramInput, out, button) {
    if (DANGEROUS.test(name) && !window.confirm(`Run ${name} on ${id}? This can cut power to the equipment on this UPS.`)) return;
    button.disabled = true;
    out.hidden = false;
    out.dataset.outcome = 'pending';
    out.textContent = 'Sending…';
    const parameter = paramInput.value.trim();
    const reply = await post(`${upsApi(id)}/commands/${encodeURIComponent(name)}`, parameter ? { parameter } : {});
    button.disabled = false;
    if (sessionEnded(reply)) { out.hidden = true; return; }
    const { ok, text } = outcomeText(reply);
    showOutcome(out, ok, text);
  }

  async function setVariable(name, editor, out, button) {
    button.disabled = true;
    out.hidden = false;
    out.dataset.outcome = 'pending';
    out.textContent = 'Sending…';
    const reply = await put(`${upsApi(id)}/variables/${encodeURIComponent(name)}`, { value: editor.value });
    button.disabled = false;
    if (sessionEnded(reply)) { out.hidden = true; return; }
    const { ok, text } = outcomeText(reply);
    showOutcome(out, ok, text);
    if (ok) editor.dataset.dirty = '';
  }

  function render(force) {
    if (!detail || !loggedIn) return;
    const commands = detail.commands || [], writable = detail.writable || [];
    const sig = JSON.stringify([commands, writable.map((w) => [w.name, w.type, w.enum, w.ranges])]);
    if (!force && sig === signature) {
      // Same controls: refresh the "now" values, and the editors nobody is typing in.
      for (const w of writable) {
        const row = actions.querySelector(`[data-writable="${CSS.escape(w.name)}"]`);
        if (!row) continue;
        setText(row.querySelector('.now'), w.value);
        const editor = row.querySelector('[data-variable]');
        if (editor !== document.activeElement && !editor.dataset.dirty) editor.value = w.value;
      }
      return;
    }
    signature = sig;
    const cmdList = commands.length
      ? h('ul', { class: 'commands' }, commands.map((c) => {
        const param = h('input', { type: 'text', class: 'param', placeholder: 'parameter (optional)', 'aria-label': `Parameter for ${c.name}`, 'data-parameter': c.name });
        const out = h('p', { class: 'outcome', role: 'status', hidden: true });
        const danger = DANGEROUS.test(c.name);
        const button = h('button', { type: 'button', 'data-command': c.name, class: danger ? 'danger' : null }, c.name);
        button.addEventListener('click', () => runCommand(c.name, param, out, button));
        return h('li', { 'data-command-row': c.name },
          h('div', { class: 'cmd-main' }, button, h('span', { class: 'desc' }, c.description || '')), param, out);
      }))
      : h('p', { class: 'muted' }, 'This UPS has no instant commands.');
    const varRows = writable.map((w) => {
      const editor = editorFor(w);
      editor.addEventListener('input', () => { editor.dataset.dirty = '1'; });
      const out = h('p', { class: 'outcome', role: 'status', hidden: true });
      const button = h('button', { type: 'button', 'data-set': w.name }, 'Set');
      button.addEventListener('click', () => setVariable(w.name, editor, out, button));
      return h('tr', { 'data-writable': w.name },
        h('th', { scope: 'row' }, h('code', null, w.name), h('div', { class: 'desc' }, w.description || '')),
        h('td', { class: 'now' }, w.value),
        h('td', null, h('div', { class: 'set' }, editor, button), out));
    });
    const varTable = writable.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'vars writable' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Variable'), h('th', { scope: 'col' }, 'Now'), h('th', { scope: 'col' }, 'New value'))),
        h('tbody', null, varRows)))
      : h('p', { class: 'muted' }, 'This UPS has no writable variables.');
    actions.replaceChildren(h('h3', null, 'Instant commands'), cmdList, h('h3', null, 'Writable variables'), varTable);
  }

  get('/api/session').then((reply) => {
    if (destroyed) return;
    if (reply.ok && reply.body?.user) showActions(reply.body.user);
    else showLogin();
  });

  return {
    update(d) { detail = d; render(false); },
    destroy() { destroyed = true; },
  };
}
