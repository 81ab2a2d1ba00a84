// Runs before the first paint (a classic script in <head>): applies the theme the user chose with the toggle.
// Without a stored choice the stylesheet follows prefers-color-scheme.
(function () {
  try {
    var t = localStorage.getItem('upsweb.theme');
    if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
  } catch (e) { /* storage disabled: follow the system */ }
})();
