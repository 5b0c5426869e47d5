// Starts the standalone certscope page. An external module, because the
// page's CSP allows no inline script. certscope-boot.js loads the wasm, and
// start_app() mounts the app into #certscope: explicitly, here and only
// here, because the same wasm also runs on host pages of the
// <certscope-inspector> element, which may have an #certscope of their own.
import { ready } from './certscope-boot.js';

const loading = document.querySelector('#certscope .loading');
let certscope;
try {
  certscope = await ready;
  certscope.start_app();
  if (loading) loading.remove();
} catch (err) {
  if (loading) loading.textContent = 'certscope could not start: ' + err;
  throw err;
}

// The browser compiles each wasm function the first time it runs: check two
// built-in examples out of sight once the page is idle, so that the first
// check a person makes does not pay for that (src/api.rs, warm_up).
const whenIdle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
whenIdle(() => certscope.warm_up(), { timeout: 2000 });

// Offline: the service worker (www/sw.js) precaches the app's own files so
// the installed app starts with the network off. Only over http(s): a copy
// opened from file: has no worker and works as before. Registered after the
// app started, so it never delays the first report.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  // When a new build's worker takes over a page that an older one (or the
  // network, before) served, the page runs the older build: say so, so that
  // nobody checks with an old version unawares (and a developer sees why).
  // The first worker taking control is no update.
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const update = controlled;
    controlled = true;
    if (!update || document.querySelector('.update-notice')) return;
    const notice = document.createElement('p');
    notice.className = 'update-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = 'A new version of certscope is ready. ';
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Reload';
    reload.addEventListener('click', () => location.reload());
    notice.append(reload);
    document.body.append(notice);
  });
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('certscope: offline mode unavailable:', err));
}
