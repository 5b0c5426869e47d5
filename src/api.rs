//! What JavaScript calls (wasm-bindgen): `start_app()` for the standalone
//! page (www/loader.js), and `mount_inspector(root, config)` with its
//! `Inspector` for each `<certscope-inspector>` element
//! (www/certscope-embed.js). One wasm instance serves every element on a
//! page; each element mounts its own `<App>` into a `<div>` inside its
//! shadow root.
//!
//! The only module that joins the app (src/app.rs) and its configuration
//! (src/controller.rs): it turns JS values into a [`Config`] and
//! [`Action`]s and hands them over, and decides nothing itself.

#[cfg(target_arch = "wasm32")]
pub use wasm::*;

#[cfg(not(target_arch = "wasm32"))]
pub fn start_app() {
    eprintln!("certscope-app runs in a browser: build it with `trunk build --release` (see scripts/serve.sh).");
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::prelude::*;

    use certscope::Timestamp;
    use gloo_timers::callback::Timeout;

    use crate::app::{App, AppProps, Handover, ShellPaste};
    use crate::browser;
    use crate::components::input_panel::Entry;
    use crate::controller::{parse_example_attribute, Attribute, Config, Controller};
    use crate::examples::Example;
    use crate::state::{Action, AppState, PolicyInputs, Stopwatch};
    use yew::functional::Reducible;

    /// Mounts the standalone app into `#certscope`. Called only by the
    /// standalone page's loader (www/loader.js), never by the wasm's start
    /// function: a host page that loads the wasm for `<certscope-inspector>`
    /// elements ([`mount_inspector`]) may have its own `id="certscope"`, and
    /// the app would take it over and rewrite the page's URL fragment.
    ///
    /// `handover` is what the person did in the page shell before the wasm
    /// ran (www/loader.js; `undefined` when nothing): `{ openedAt: unix
    /// seconds, example: slug, asOf: string, host, anchors, policy: { oids,
    /// requireExplicit, inhibitMapping, inhibitAny }, paste: string,
    /// pasteWhole: bool, pasteTooLong: UTF-16 units, files: [File],
    /// focus: { selector, start, end } }`, every key optional. The page
    /// shell is removed by the loader before this call.
    #[wasm_bindgen]
    pub fn start_app(handover: JsValue) {
        let target = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("certscope"));
        if let Some(element) = target {
            let props = AppProps { handover: Rc::new(read_handover(&handover)), ..AppProps::default() };
            yew::Renderer::<App>::with_root_and_props(element, props).render();
        }
    }

    /// Reads the loader's plain object; what is missing or of the wrong type is left out.
    fn read_handover(value: &JsValue) -> Handover {
        if !value.is_object() {
            return Handover::default();
        }
        let text = |key| get(value, key).as_string().unwrap_or_default();
        let policy = get(value, "policy");
        let flag = |key| get(&policy, key).as_bool().unwrap_or(false);
        let paste = match (get(value, "pasteTooLong").as_f64(), get(value, "paste").as_string()) {
            (Some(units), _) => ShellPaste::TooLong(units as u32),
            (None, Some(text)) if !text.is_empty() => {
                let entry = if get(value, "pasteWhole").as_bool() == Some(true) { Entry::Whole } else { Entry::Typed };
                ShellPaste::Text(text, entry)
            }
            _ => ShellPaste::Empty,
        };
        let files = js_sys::Array::from(&get(value, "files"))
            .iter()
            .filter_map(|f| f.dyn_into::<web_sys::File>().ok())
            .collect();
        let focus = get(value, "focus");
        let offset = |key| get(&focus, key).as_f64().map(|n| n as u32);
        Handover {
            opened_at: get(value, "openedAt").as_f64().map(|t| Timestamp::from_unix(t as i64)),
            example: get(value, "example").as_string().and_then(|slug| parse_example_attribute(&slug).1),
            as_of: get(value, "asOf").as_string(),
            host: text("host"),
            anchors: text("anchors"),
            policy: policy.is_object().then(|| PolicyInputs {
                oids: get(&policy, "oids").as_string().unwrap_or_default(),
                require_explicit: flag("requireExplicit"),
                inhibit_mapping: flag("inhibitMapping"),
                inhibit_any: flag("inhibitAny"),
            }),
            paste,
            files,
            focus: get(&focus, "selector").as_string().map(|s| (s, offset("start").zip(offset("end")))),
        }
    }

    /// Checks two built-in examples in a hidden element ([`warm_up_root`]),
    /// then unmounts and removes it. A browser compiles a wasm function the
    /// first time it runs (V8's lazy compilation, then tiering up what runs
    /// often), and styles and lays out a kind of element the first time it
    /// shows one, so the first check in a fresh tab paid for both: several
    /// times what a later check costs (docs/performance.md). The standalone
    /// page calls this once, when idle after start; it changes nothing a
    /// person or a script of the page can see, nor the URL, and costs the checks of
    /// [`WARM_UP_CHECKS`], each in a task of its own, then
    /// [`ANALYSIS_ROUNDS`] analyses of two examples with no view.
    #[wasm_bindgen]
    pub fn warm_up() {
        let Some((host, root)) = warm_up_root() else { return };
        let controller = Controller::default();
        let props = AppProps {
            config: Config::embedded(AttrValue::default()),
            controller: controller.clone(),
            ..AppProps::default()
        };
        let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
        warm_up_step(controller, handle, WARM_UP_CHECKS, host);
    }

    /// Where the warm-up renders: an element in a closed shadow root of a
    /// hidden, off-screen element of the page, with the page's stylesheet,
    /// so that Blink styles and lays out a report once before the person's
    /// (in a detached element it did neither). Closed, so that no query of
    /// the page's document or of a test finds a second report; hidden from
    /// sight and from assistive technology, and removed when done. Returns
    /// the host, to remove, and the root to render into.
    fn warm_up_root() -> Option<(web_sys::Element, web_sys::Element)> {
        let document = web_sys::window()?.document()?;
        let host = document.create_element("div").ok()?;
        // A class of style.css: the CSP allows no style attribute.
        host.set_attribute("class", "warm-up").ok()?;
        host.set_attribute("aria-hidden", "true").ok()?;
        let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Closed)).ok()?;
        let sheet = document.create_element("link").ok()?;
        sheet.set_attribute("rel", "stylesheet").ok()?;
        sheet.set_attribute("href", "style.css").ok()?;
        let root = document.create_element("div").ok()?;
        shadow.append_child(&sheet).ok()?;
        shadow.append_child(&root).ok()?;
        document.body()?.append_child(&host).ok()?;
        Some((host, root))
    }

    /// An RSA chain checked against Mozilla's store and a P-256 chain with
    /// its OCSP response, in turn: V8 optimises a function once it has run
    /// often enough, and each check builds the report's DOM afresh. Five
    /// of each: against three, the first check in a fresh tab went from a
    /// median of 10.1 to 8.8 ms over six A/B runs (docs/performance.md), for
    /// ~40 ms more of idle time in tasks of at most ~30 ms.
    const WARM_UP_CHECKS: &[Example] = &[
        Example::BrokenChain,
        Example::Healthy,
        Example::BrokenChain,
        Example::Healthy,
        Example::BrokenChain,
        Example::Healthy,
        Example::BrokenChain,
        Example::Healthy,
        Example::BrokenChain,
        Example::Healthy,
    ];

    /// Checks the first example, lets Yew render it, then goes on with the
    /// rest in a later task (Yew would render only the last of two actions
    /// given at once); unmounts when none is left.
    fn warm_up_step(
        controller: Controller,
        handle: yew::AppHandle<App>,
        examples: &'static [Example],
        host: web_sys::Element,
    ) {
        match examples.split_first() {
            Some((example, rest)) => {
                controller.dispatch(Action::LoadExample(*example));
                Timeout::new(0, move || warm_up_step(controller, handle, rest, host)).forget();
            }
            None => {
                controller.detach();
                handle.destroy();
                host.remove();
                analyze_examples(ANALYSIS_ROUNDS);
            }
        }
    }

    /// Rounds of [`analyze_examples`] after the rendered checks.
    const ANALYSIS_ROUNDS: usize = 10;

    /// The same two examples analysed again, without a view, two per task,
    /// and a P-384 signature verified ([`certscope::warm_up_p384`]).
    /// V8 optimises a wasm function only once it has run often enough, and
    /// most of the core's functions run once per check: after six
    /// rendered checks `analyze` still took ~4 ms in a fresh tab against
    /// 1.5 ms warm, after these twenty ~2.3 ms (docs/performance.md). The
    /// rendering needs fewer rounds: each check creates hundreds of elements.
    fn analyze_examples(rounds: usize) {
        let Some(left) = rounds.checked_sub(1) else { return };
        for example in [Example::BrokenChain, Example::Healthy] {
            let state = Rc::new(AppState::new(browser::wall_clock(), Stopwatch::STILL));
            drop(state.reduce(Action::LoadExample(example)));
        }
        // Neither example verifies a P-384 signature (Let's Encrypt's and
        // DigiCert's ECDSA chains do): without this a P-384-rooted chain's
        // first check ran its arithmetic unoptimised. black_box, since the
        // call has no effect the optimiser could otherwise see.
        std::hint::black_box(certscope::warm_up_p384());
        Timeout::new(0, move || analyze_examples(left)).forget();
    }

    fn get(object: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The most text `Inspector.inspect` takes, in UTF-16 units (the core's
    /// input limit in bytes; UTF-8 is never shorter): the element checks a
    /// string's length against it before handing it over, so a longer one
    /// is never copied into the wasm that every inspector on the page shares.
    #[wasm_bindgen]
    pub fn max_text_length() -> usize {
        certscope::Limits::default().max_input_bytes
    }

    /// An inspector mounted into a host page's element.
    #[wasm_bindgen]
    pub struct Inspector {
        handle: yew::AppHandle<App>,
        props: AppProps,
    }

    /// Mounts an inspector into `root` (an element, typically inside a
    /// shadow root). `config` is a plain object:
    /// `{ attributes: { "compact": null | "", "as-of": "2026-06-07T12:00:00Z", … }
    ///      (each of the element's attributes by name, null when absent: [`Attribute`]),
    ///    base: "https://help.example/certscope/" (for links to certscope's own pages),
    ///    onReport: (json|null) => void }`.
    #[wasm_bindgen]
    pub fn mount_inspector(root: web_sys::Element, config: JsValue) -> Inspector {
        let on_report = get(&config, "onReport").dyn_into::<js_sys::Function>().ok();
        let controller = match on_report {
            Some(f) => Controller::with_report_callback(Callback::from(move |json: Option<Rc<str>>| {
                let arg = json.map_or(JsValue::NULL, |j| JsValue::from_str(&j));
                let _ = f.call1(&JsValue::NULL, &arg);
            })),
            None => Controller::default(),
        };
        let attributes = get(&config, "attributes");
        let base = AttrValue::from(get(&config, "base").as_string().unwrap_or_default());
        let (app_config, actions) =
            Config::mount(base, |a| get(&attributes, a.name()).as_string(), browser::wall_clock);
        // Queued until the app's first render gives it a reducer.
        for action in actions {
            controller.dispatch(action);
        }
        let props = AppProps { config: app_config, controller, ..AppProps::default() };
        Inspector { handle: yew::Renderer::<App>::with_root_and_props(root, props.clone()).render(), props }
    }

    #[wasm_bindgen]
    impl Inspector {
        /// Replaces the paste area's text and checks it at once (no debounce).
        pub fn inspect(&self, text: String) {
            self.props.controller.dispatch(Action::Paste(text));
        }

        /// Says that a text of `units` UTF-16 units was too long to take
        /// (see [`max_text_length`]): the paste area is cleared, with a note.
        pub fn refuse_text(&self, units: u32) {
            self.props.controller.record_paste("");
            self.props.controller.dispatch(Action::PasteTooLong(units));
        }

        /// Sets the PFX / encrypted-key password (`element.password`, a
        /// write-only property, never an attribute): the report is made
        /// again with it. Empty clears it.
        pub fn set_password(&self, password: String) {
            self.props.controller.dispatch(Action::SetPassword(password));
        }

        /// The paste area's text.
        pub fn value(&self) -> String {
            self.props.controller.value()
        }

        /// One of the element's attributes changed (`value` null: removed).
        /// A name that is not an [`Attribute`] is ignored.
        pub fn set_attribute(&mut self, name: &str, value: Option<String>) {
            let Some(attribute) = Attribute::from_name(name) else { return };
            let before = self.props.config.clone();
            let action = self.props.config.set(attribute, value.as_deref(), browser::wall_clock);
            if self.props.config != before {
                self.handle.update(self.props.clone());
            }
            if let Some(action) = action {
                self.props.controller.dispatch(action);
            }
        }

        /// Unmounts the app (the element was removed from the page).
        pub fn destroy(self) {
            self.props.controller.detach();
            self.handle.destroy();
        }
    }
}
