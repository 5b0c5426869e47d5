// The iframe mode (embed.html): for a site that cannot add a script tag.
// Renders one <certscope-inspector> full-frame, configured by the query
// (?compact&theme=dark&as-of=…&host=…&show=…&example=…&heading-level=…: the
// element's attributes), and talks to the embedding
// page only when it names itself with ?origin=https://its.site:
//   - to the parent, with exactly that targetOrigin:
//       {type: 'certscope-ready'}                once the inspector is mounted
//       {type: 'certscope-report', report}       each time the report changes (null: cleared)
//       {type: 'certscope-height', height}       the content height, for auto-resize
//   - from the parent, accepted only when event.origin is that origin and
//     event.source is the parent window:
//       {type: 'certscope-inspect', text}        as if pasted
// Without a valid ?origin= it posts nothing and accepts nothing. Any site can
// frame this page and name itself, so whenever the frame posts, it says to
// whom: a "Results go to {origin}" line above the inspector, and the same in
// its privacy note (the results-to attribute) instead of "nothing was
// uploaded". Which sites may frame it at all is the server's to say, with a
// frame-ancestors header (README.md, "Who may frame certscope"). An external
// module, because the page's CSP allows no inline script.
import { ATTRIBUTES } from './certscope-embed.js';

// What the query may set: every attribute of the element but results-to,
// which says who receives the reports and so is set only from a valid
// ?origin= (below): a framing page must not name someone else.
const FROM_QUERY = ATTRIBUTES.filter((name) => name !== 'results-to');

/** `value` when it is exactly an http(s) origin (scheme://host[:port]), else null. */
export function namedOrigin(value) {
  if (!value) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  // url.origin is the canonical form: anything else in `value` (a path, a
  // trailing slash, a default port, user info, upper case) makes it differ.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value) return null;
  return value;
}

const params = new URLSearchParams(location.search);
const origin = namedOrigin(params.get('origin'));
if (params.has('origin') && !origin) {
  console.warn(`certscope: ignoring ?origin=${params.get('origin')}: it must be exactly scheme://host[:port], like https://help.example.com`);
}
const parent = window.parent !== window ? window.parent : null;
const post = (message) => {
  if (origin && parent) parent.postMessage(message, origin);
};

const inspector = document.createElement('certscope-inspector');
if (origin && parent) {
  // Text only (textContent): the origin is the query's, i.e. anyone's.
  const line = document.createElement('p');
  line.className = 'results-to';
  line.setAttribute('role', 'note');
  line.textContent = `Results go to ${origin}`;
  // CSSOM, not a style attribute: the CSP allows no inline style.
  Object.assign(line.style, {
    margin: '0',
    padding: '6px 12px',
    font: '600 14px/1.4 system-ui, sans-serif',
    background: '#fff4ce',
    color: '#3d2f00',
    borderBottom: '1px solid #c9a600',
  });
  document.body.append(line);
  inspector.setAttribute('results-to', origin);
}
for (const name of FROM_QUERY) {
  const value = params.get(name);
  if (value === null) continue;
  // ?compact and ?compact=1 turn a flag on; ?compact=0 leaves it off.
  if (name === 'compact' && /^(0|false|no|off)$/i.test(value)) continue;
  inspector.setAttribute(name, value);
}
// Full-frame. CSSOM, not a style attribute: the CSP allows no inline style.
document.documentElement.style.height = '100%';
document.body.style.margin = '0';
const defined = customElements.whenDefined('certscope-inspector');
// The element's own certscope-ready: the wasm runs and the inspector is mounted.
inspector.addEventListener('certscope-ready', () => post({ type: 'certscope-ready' }));
inspector.addEventListener('certscope-report', (event) => post({ type: 'certscope-report', report: event.detail }));
document.body.append(inspector);

window.addEventListener('message', (event) => {
  if (!origin || event.origin !== origin || event.source !== parent) return;
  const data = event.data;
  if (data && data.type === 'certscope-inspect' && typeof data.text === 'string') defined.then(() => inspector.inspect(data.text));
});

if (origin && parent) {
  let last = 0;
  new ResizeObserver(() => {
    // The body's own height, not the document's: that is at least the
    // frame's, so a parent resizing to it could grow the frame but never shrink it.
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) post({ type: 'certscope-height', height: (last = height) });
  }).observe(document.body);
}
