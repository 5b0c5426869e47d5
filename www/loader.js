// Starts the standalone certscope page. An external module, because the
// page's CSP allows no inline script. certscope-boot.js loads the wasm; its
// start function mounts the app into #certscope.
import { ready } from './certscope-boot.js';

const loading = document.querySelector('#certscope .loading');
try {
  await ready;
  if (loading) loading.remove();
} catch (err) {
  if (loading) loading.textContent = 'certscope could not start: ' + err;
  throw err;
}

// Offline: the service worker (www/sw.js) precaches the app's own files so
// the installed app starts with the network off. Only over http(s): a copy
// opened from file: has no worker and works as before. Registered after the
// app started, so it never delays the first report.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('certscope: offline mode unavailable:', err));
}
