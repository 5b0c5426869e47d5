// Starts the standalone certscope page. An external module, because the
// page's CSP allows no inline script.
//
// The page arrives with its shell: the app's first view as plain HTML
// (www/shell.html, put into index.html at build time), so the paste area,
// the file button, the examples and the fields work before the wasm does.
// This script keeps what is done there meanwhile, and once the wasm runs it
// removes the shell and calls start_app() with it: the app starts from the
// same text, files, fields and focus, and checks a paste, a drop or a file
// at once (typed text still waits for the typing pause).
//
// certscope-boot.js is imported dynamically: a static import would hold
// this script back until the whole wasm had arrived. index.html preloads
// it (modulepreload), so it is on its way from the start.
//
// start_app() mounts the app into #certscope explicitly, here and only
// here, because the same wasm also runs on host pages of the
// <certscope-inspector> element, which may have an #certscope of their own.

const root = document.querySelector('#certscope');
const $ = (selector) => root.querySelector(selector);
const listening = new AbortController();
const on = (target, type, fn) => target?.addEventListener(type, fn, { signal: listening.signal });

// The moment the page opened, shown in "as of" (the shell's markup has no
// clock) and handed to the app, which follows the clock from it.
const openedAt = Math.floor(Date.now() / 1000);
const asOfValue = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 19);

// What is done in the shell before the app runs. The text fields are read
// from the page when the app takes over; these are what the page does not keep.
// pasteWhole starts true: a text already there when this script starts came
// before it (the shell is usable as soon as it is parsed, this script one
// request later), and is complete as far as anyone can tell; typing from
// now on is seen and keeps the typing pause.
const shell = { example: null, asOfEdited: false, pasteWhole: true, files: [] };

// A paste or a drop is a whole input (W3C Input Events: the same types as
// `Entry::of` in src/components/input_panel.rs); anything else is typing.
const WHOLE = ['insertFromPaste', 'insertFromPasteAsQuotation', 'insertFromDrop'];

function waiting() {
  const notice = $('.notice');
  if (notice) notice.textContent = 'certscope is still loading: this is checked as soon as it is ready.';
}

/** Shows opened files as chips, as the app will (names are text, never markup). */
function showFiles() {
  $('.shell-files')?.remove();
  if (shell.files.length === 0) return;
  const list = document.createElement('ul');
  list.className = 'chips shell-files';
  list.setAttribute('aria-label', 'Opened files');
  for (const file of shell.files) {
    const chip = document.createElement('li');
    chip.className = 'chip';
    const name = document.createElement('span');
    name.className = 'chip-name';
    name.textContent = file.name;
    chip.append(name);
    list.append(chip);
  }
  $('.file-row label[for="files"]')?.after(list);
}

function clearShell() {
  for (const id of ['paste', 'host', 'anchors']) {
    const field = $(`#${id}`);
    if (field) field.value = '';
  }
  shell.pasteWhole = false;
  shell.asOfEdited = false;
  shell.files = [];
  const asOf = $('#as-of');
  if (asOf) asOf.value = asOfValue(openedAt);
  showFiles();
}

function addFiles(list) {
  shell.files.push(...list);
  showFiles();
  waiting();
}

if (root && $('#paste')) {
  const asOf = $('#as-of');
  // Changed before this script ran: kept, as a change.
  if (asOf && asOf.value) shell.asOfEdited = true;
  else if (asOf) asOf.value = asOfValue(openedAt);
  // Files chosen before this script ran.
  if ($('#files')?.files.length) {
    addFiles([...$('#files').files]);
    $('#files').value = '';
  }
  on($('#paste'), 'input', (e) => {
    shell.pasteWhole = WHOLE.includes(e.inputType);
    if (shell.pasteWhole) waiting();
  });
  on($('#files'), 'change', (e) => {
    addFiles([...e.target.files]);
    // So the same file can be chosen again (the app does the same).
    e.target.value = '';
  });
  if (asOf) on(asOf, 'change', () => (shell.asOfEdited = true));
  // The "Now" button, beside "as of".
  on($('.field-row button'), 'click', () => {
    shell.asOfEdited = false;
    if (asOf) asOf.value = asOfValue(openedAt);
  });
  // "Clear all".
  on($('.file-row .link-button'), 'click', () => {
    clearShell();
    shell.example = null;
    for (const b of root.querySelectorAll('[data-example]')) b.setAttribute('aria-pressed', 'false');
  });
  // An example replaces every input, as in the app; what is edited after it still counts.
  for (const button of root.querySelectorAll('[data-example]')) {
    on(button, 'click', () => {
      clearShell();
      shell.example = button.dataset.example;
      for (const b of root.querySelectorAll('[data-example]')) b.setAttribute('aria-pressed', String(b === button));
      waiting();
    });
  }
  // Files dropped anywhere on the page; dragged text drops into a field as usual.
  on(document, 'dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  on(document, 'drop', (e) => {
    if (e.dataTransfer?.files.length) {
      e.preventDefault();
      addFiles([...e.dataTransfer.files]);
    }
  });
}

/** Where the focus is, as a selector for the app's own element, with the text selection. */
function focusOf() {
  const el = document.activeElement;
  if (!el || el === document.body || !root.contains(el)) return undefined;
  const selector = el.id ? `#${CSS.escape(el.id)}` : el.dataset.example ? `[data-example="${CSS.escape(el.dataset.example)}"]` : null;
  if (!selector) return undefined;
  const focus = { selector };
  // Only text fields have a selection (reading it from others throws or is null).
  if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && ['text', 'search', 'url'].includes(el.type))) {
    focus.start = el.selectionStart;
    focus.end = el.selectionEnd;
  }
  return focus;
}

/** The shell's state for start_app() (src/api.rs reads it). */
function handover(maxTextLength) {
  const value = (id) => $(`#${id}`)?.value ?? '';
  const checks = [...root.querySelectorAll('.policy-settings input[type="checkbox"]')].map((c) => c.checked);
  const policy = { oids: value('policy-oids'), requireExplicit: !!checks[0], inhibitMapping: !!checks[1], inhibitAny: !!checks[2] };
  const paste = $('#paste');
  const h = {
    openedAt,
    host: value('host'),
    anchors: value('anchors'),
    files: shell.files,
    focus: focusOf(),
  };
  if (shell.example) h.example = shell.example;
  if (shell.asOfEdited) h.asOf = value('as-of');
  if (policy.oids || policy.requireExplicit || policy.inhibitMapping || policy.inhibitAny) h.policy = policy;
  // textLength counts UTF-16 units, which UTF-8 never undercuts: a text
  // over the core's limit is refused unread, never copied into the wasm.
  if (paste && paste.textLength > maxTextLength) h.pasteTooLong = paste.textLength;
  else if (paste) {
    h.paste = paste.value;
    h.pasteWhole = shell.pasteWhole;
  }
  return h;
}

try {
  const { ready } = await import('./certscope-boot.js');
  const certscope = await ready;
  const state = handover(certscope.max_text_length());
  listening.abort();
  // The shell goes and the app comes in the same task: no frame shows neither.
  for (const el of [...root.children]) if (el.tagName !== 'NOSCRIPT') el.remove();
  certscope.start_app(state);
  root.dataset.state = 'app';
  // For bench/browser/run.mjs: when the app took over (the shell was usable long before).
  performance.mark('certscope-app');
  // The browser compiles each wasm function the first time it runs: check
  // two built-in examples out of sight once the page is idle, so that the
  // first check a person makes does not pay for that (src/api.rs, warm_up).
  const whenIdle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  whenIdle(() => certscope.warm_up(), { timeout: 2000 });
} catch (err) {
  // The shell stays; it says why nothing will be checked.
  const notice = $('.notice');
  if (notice) notice.textContent = 'certscope could not start: ' + err;
  root.dataset.state = 'failed';
  throw err;
}

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
