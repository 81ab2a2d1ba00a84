// Light and dark: the system's preference unless the user picked one with the toggle (remembered in
// localStorage; theme-early.js applies it before the first paint).

const KEY = 'upsweb.theme';
const dark = window.matchMedia('(prefers-color-scheme: dark)');

export function currentTheme() {
  const chosen = document.documentElement.getAttribute('data-theme');
  return chosen === 'light' || chosen === 'dark' ? chosen : dark.matches ? 'dark' : 'light';
}

function label(button) {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  button.textContent = next === 'dark' ? '☾ Dark' : '☀ Light';
  button.setAttribute('aria-label', `Switch to the ${next} theme`);
  button.dataset.theme = currentTheme();
}

export function setupThemeToggle(button) {
  label(button);
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    try { localStorage.setItem(KEY, next); } catch { /* storage disabled: this page only */ }
    label(button);
    window.dispatchEvent(new CustomEvent('themechange'));
  });
  dark.addEventListener('change', () => label(button));
}
