// <certscope-inspector>: the certscope inspector as a custom element, for a
// host page (a CA's help centre, a hosting company's knowledge base):
//
//   <script type="module" src="/certscope/certscope-embed.js"></script>
//   <certscope-inspector example="none" compact></certscope-inspector>
//
// The wasm, its glue and the stylesheet load relative to this file's own URL
// (or to the `base` attribute, which must be on this file's own origin),
// once per page however many elements there are. Each element renders into an open shadow root, so the host page's CSS
// cannot reach in and ours cannot leak out. No inline script or style and no
// eval: the host page's CSP needs `script-src 'self' 'wasm-unsafe-eval'` and
// `style-src 'self'` (README.md, "Embed certscope on your site").
//
// Attributes (all live): `ATTRIBUTES` below, described in README.md ("Embed
// certscope on your site"); base is read once, when the element is first
// connected.
// API: element.inspect(text), element.value (get/set), element.report (the
// last report, read-only), element.password (write-only: a PFX's or an
// encrypted key's password; a property, never an attribute), and a
// `certscope-report` event (bubbles, composed) whose detail is the report
// object (the CLI's --json), or null when the inspector was cleared:
// element.report is that very object, parsed once; a
// `certscope-ready` event once the wasm runs and the inspector is mounted
// (inspect() and value work before that too: they are applied then).

const here = new URL('./', import.meta.url);

/**
 * The element's attributes, each configuring one thing: compact, theme
 * (light | dark | auto), as-of, host, show (panel names), example ("none" or
 * an example name), heading-level (2-5, default 3: the panels' headings in
 * the page's outline), results-to (who receives the reports, named in the
 * privacy note). The one list: the element observes it, embed-frame.js
 * imports it, and the wasm's `Attribute` (src/controller.rs) has the same
 * names in the same order, which a native test checks against this line.
 */
export const ATTRIBUTES = ['compact', 'theme', 'as-of', 'host', 'show', 'example', 'heading-level', 'results-to'];

// Elements added after the stylesheet has loaded adopt a constructed copy of
// it instead of linking the file again (a server that forbids caching would
// otherwise be asked once per element). Built from the loaded sheet's rules,
// so no fetch() and no inline <style>.
let loadedSheet = null; // { href, sheet }

function addStylesheet(root, href) {
  if (loadedSheet && loadedSheet.href === href) {
    root.adoptedStyleSheets = [loadedSheet.sheet];
    return;
  }
  // A <link>, not an injected <style>: allowed by `style-src 'self'`.
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.addEventListener('load', () => {
    if (loadedSheet) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync([...link.sheet.cssRules].map((r) => r.cssText).join('\n'));
      loadedSheet = { href, sheet };
    } catch {
      // A stylesheet from another origin cannot be read: later elements link it too.
    }
  }, { once: true });
  root.prepend(link);
}

/**
 * The directory the assets load from: the `base` attribute, or this file's.
 * `base` is the URL of a script this page will run (certscope-boot.js), so
 * it is taken only on this file's own origin: where untrusted markup can
 * contain the element (a forum post, a ticket), `base="https://evil.example/"`
 * would otherwise be script injection. Anything else is ignored, aloud.
 */
export function assetBase(base, pageBase = document.baseURI) {
  if (base === null || base === '') return here;
  let url = null;
  try {
    url = new URL(base, pageBase);
  } catch {
    // not a URL at all: ignored below
  }
  if (!url || url.protocol !== here.protocol || url.origin !== here.origin) {
    console.warn(`certscope: ignoring base=${JSON.stringify(base)}: it must be on ${here.origin}, where certscope-embed.js is; loading from ${here.href}`);
    return here;
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

class CertscopeInspector extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #container;
  #mountPoint;
  #inspector = null;
  #starting = null;
  #pendingValue = null;
  #pendingPassword = null;
  #lastReport = null;
  #maxText = Infinity;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#container = document.createElement('div');
    this.#container.className = 'certscope';
    this.#mountPoint = document.createElement('div');
    const loading = document.createElement('p');
    loading.className = 'certscope-loading';
    loading.textContent = 'Loading the certificate inspector…';
    this.#mountPoint.append(loading);
    this.#container.append(this.#mountPoint);
    root.append(this.#container);
  }

  connectedCallback() {
    this.#applyTheme();
    if (this.#inspector || this.#starting) return;
    const base = assetBase(this.getAttribute('base'));
    if (!this.shadowRoot.querySelector('link') && this.shadowRoot.adoptedStyleSheets.length === 0) {
      addStylesheet(this.shadowRoot, new URL('certscope-embed.css', base).href);
    }
    this.#starting = import(new URL('certscope-boot.js', base).href)
      .then((boot) => boot.ready)
      .then((certscope) => {
        this.#starting = null;
        if (!this.isConnected) return;
        this.#maxText = certscope.max_text_length();
        this.#inspector = certscope.mount_inspector(this.#mountPoint, {
          // Every attribute by name, null when absent: the wasm reads them.
          attributes: Object.fromEntries(ATTRIBUTES.map((name) => [name, this.getAttribute(name)])),
          base: base.href, // for links to certscope's own pages (privacy.html)
          onReport: (json) => this.#report(json),
        });
        if (this.#pendingPassword !== null) {
          this.#inspector.set_password(this.#pendingPassword);
          this.#pendingPassword = null;
        }
        if (this.#pendingValue !== null) {
          this.#apply(this.#pendingValue);
          this.#pendingValue = null;
        }
        this.dispatchEvent(new CustomEvent('certscope-ready', { bubbles: true, composed: true }));
      })
      .catch((err) => {
        this.#starting = null;
        this.#mountPoint.textContent = `The certificate inspector could not start: ${err}`;
        throw err;
      });
  }

  disconnectedCallback() {
    // Moving the element (disconnect, then connect in the same task) keeps its state.
    queueMicrotask(() => {
      if (!this.isConnected && this.#inspector) {
        this.#pendingValue = this.#inspector.value();
        this.#inspector.destroy();
        this.#inspector = null;
      }
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'theme') this.#applyTheme();
    // Before the mount, mount_inspector reads every attribute when it runs.
    this.#inspector?.set_attribute(name, value);
  }

  /** Checks `text` (PEM, base64, an s_client transcript …) at once. */
  inspect(text) {
    const value = String(text ?? '');
    if (this.#inspector) this.#apply(value);
    else this.#pendingValue = value;
  }

  // A text longer than the wasm reads at all is refused here, by its
  // length, before it is copied into the one wasm instance that every
  // inspector on the page shares; the inspector says so in its note.
  #apply(value) {
    if (value.length > this.#maxText) this.#inspector.refuse_text(value.length);
    else this.#inspector.inspect(value);
  }

  get value() {
    return this.#inspector ? this.#inspector.value() : (this.#pendingValue ?? '');
  }

  set value(text) {
    this.inspect(text);
  }

  /**
   * The password of a PFX or an encrypted private key, for a host page that
   * already holds it (the inspector's own password field asks otherwise).
   * Write-only, and a property, never an attribute: an attribute is part of
   * the DOM, so the host page's markup, outerHTML, a saved copy of the page,
   * devtools, any script's MutationObserver and CSS attribute selectors
   * (`[password^="a"] { background: url(…) }`) would all see it. Here it
   * goes straight to the wasm, which holds it in memory only and puts it
   * in no report, JSON, event or permalink.
   */
  set password(value) {
    const text = String(value ?? '');
    if (this.#inspector) this.#inspector.set_password(text);
    else this.#pendingPassword = text;
  }

  /** The last report (what the last certscope-report event carried), or null. */
  get report() {
    return this.#lastReport;
  }

  #applyTheme() {
    const theme = this.getAttribute('theme');
    this.#container.dataset.theme = theme === 'light' || theme === 'dark' ? theme : 'auto';
  }

  // One object for both: what the event carried is what element.report
  // reads, so a page that keeps either has the same report.
  #report(json) {
    const detail = json === null ? null : JSON.parse(json);
    this.#lastReport = detail;
    this.dispatchEvent(new CustomEvent('certscope-report', { bubbles: true, composed: true, detail }));
  }
}

if (!customElements.get('certscope-inspector')) {
  customElements.define('certscope-inspector', CertscopeInspector);
}
