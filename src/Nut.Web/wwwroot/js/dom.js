// Small DOM helpers. Views build their elements once and afterwards touch only what changed: with 50 UPSes
// and an event every few seconds each, rebuilding would cost layout work and lose focus and text selection.

/** Creates an element: h('p', { class: 'x', 'data-field': 'y' }, 'text', child). Attribute values of
 *  null/undefined/false are left out; true sets an empty attribute. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Sets text only when it differs (a write, even of the same text, invalidates layout). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el, name, value) {
  if (value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, String(value));
  }
}

export function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** Announces a short sentence to screen readers (the polite live region in index.html). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  const line = h('p', null, text);
  region.append(line);
  // Keep the region small: old lines have been read by now.
  while (region.childElementCount > 5) region.firstElementChild.remove();
}
