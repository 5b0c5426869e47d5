//! Configuration for an embedded `<App>` (the `<certscope-inspector>`
//! element, www/certscope-embed.js) and the handle a host page drives it
//! with. The element's attributes arrive here as strings; this module turns
//! them into [`AppProps`](crate::app::AppProps) and [`Action`]s. Nothing
//! here checks certificates: reports come from the same reducer as the
//! standalone app's, and the JSON the host page receives is the Report
//! serialized exactly as the CLI's `--json` does.

use std::cell::RefCell;
use std::rc::Rc;

use certscope::{Report, Timestamp};
use yew::prelude::*;

use crate::examples::Example;
use crate::state::{parse_as_of_input, Action, AppState};

/// Which panels an embedded inspector shows (the `show` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels {
    pub input: bool,
    pub summary: bool,
    pub findings: bool,
    pub chain: bool,
    pub ocsp: bool,
    pub crl: bool,
    pub certificates: bool,
    pub actions: bool,
}

impl Panels {
    /// The panel names `show` takes, in page order.
    pub const NAMES: &'static [&'static str] =
        &["input", "summary", "findings", "chain", "ocsp", "crl", "certificates", "actions"];

    pub const fn all() -> Self {
        Panels {
            input: true,
            summary: true,
            findings: true,
            chain: true,
            ocsp: true,
            crl: true,
            certificates: true,
            actions: true,
        }
    }

    /// Reads `show="summary findings"` (spaces or commas between names).
    /// Empty or absent shows everything; unknown names are ignored, so a
    /// typo hides a panel rather than breaking the element.
    pub fn parse(value: &str) -> Self {
        let names: Vec<&str> = value.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).collect();
        if names.is_empty() {
            return Panels::all();
        }
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        Panels {
            input: has("input"),
            summary: has("summary"),
            findings: has("findings"),
            chain: has("chain"),
            ocsp: has("ocsp"),
            crl: has("crl"),
            certificates: has("certificates"),
            actions: has("actions"),
        }
    }
}

impl Default for Panels {
    fn default() -> Self {
        Panels::all()
    }
}

/// Reads the `as-of` attribute: empty or `now` follows the clock; otherwise
/// RFC 3339, a date, `@UNIX` (as the CLI's `--at`) or a `datetime-local`
/// value taken as UTC. `Err` carries a sentence for the page.
pub fn parse_as_of_attribute(value: &str) -> Result<Option<Timestamp>, String> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("now") {
        return Ok(None);
    }
    Timestamp::parse_rfc3339(v)
        .ok()
        .or_else(|| parse_as_of_input(v))
        .map(Some)
        .ok_or_else(|| format!("as-of={v:?} is not a time such as 2026-06-07T12:00:00Z."))
}

/// Reads the `example` attribute: `none` hides the example buttons, a name
/// loads that example, anything else (or nothing) shows the buttons.
pub fn parse_example_attribute(value: &str) -> (bool, Option<Example>) {
    let v = value.trim();
    if v.eq_ignore_ascii_case("none") {
        return (false, None);
    }
    (true, Example::ALL.iter().copied().find(|e| e.slug().eq_ignore_ascii_case(v)))
}

/// Reads the `heading-level` attribute: the level of the inspector's panel
/// headings in the host page's outline, 2 to 5; default 3 (the inspector
/// usually sits under an article's `<h2>`, as on the demo page).
pub fn parse_heading_level(value: &str) -> u8 {
    value.trim().parse::<u8>().ok().filter(|l| (2..=5).contains(l)).unwrap_or(3)
}

/// Reads the `results-to` attribute: who receives the reports, shown as
/// text in the privacy note; empty for nobody besides the host page.
pub fn parse_results_to(value: &str) -> Option<AttrValue> {
    let v = value.trim();
    (!v.is_empty()).then(|| AttrValue::from(v.to_string()))
}

/// The report as the host page receives it: the CLI's `--json` (serde), or
/// `None` when the inspector is empty.
pub type ReportCallback = Callback<Option<Rc<str>>>;

/// The link between a mounted `<App>` and whoever drives it from outside
/// (the wasm API below, or a test). Actions sent before the app's first
/// render are queued and replayed once it has a reducer.
#[derive(Clone, Default)]
pub struct Controller(Rc<RefCell<ControllerInner>>);

#[derive(Default)]
struct ControllerInner {
    dispatcher: Option<UseReducerDispatcher<AppState>>,
    queued: Vec<Action>,
    /// The paste area's text as last typed or set, ahead of the debounce.
    paste: String,
    on_report: Option<ReportCallback>,
    /// The last JSON sent, so an unchanged report is not sent again.
    last_sent: Option<Option<Rc<str>>>,
}

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Controller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Controller")
    }
}

impl Controller {
    pub fn with_report_callback(on_report: ReportCallback) -> Self {
        let c = Controller::default();
        c.0.borrow_mut().on_report = Some(on_report);
        c
    }

    /// Sends an action to the app, or queues it until the app is mounted.
    pub fn dispatch(&self, action: Action) {
        if let Action::Paste(text) = &action {
            self.record_paste(text);
        }
        let dispatcher = self.0.borrow().dispatcher.clone();
        match dispatcher {
            Some(d) => d.dispatch(action),
            None => self.0.borrow_mut().queued.push(action),
        }
    }

    /// Called by `<App>` once it has a reducer: replays what was queued.
    pub(crate) fn attach(&self, dispatcher: UseReducerDispatcher<AppState>) {
        let queued = {
            let mut inner = self.0.borrow_mut();
            inner.dispatcher = Some(dispatcher.clone());
            std::mem::take(&mut inner.queued)
        };
        for action in queued {
            dispatcher.dispatch(action);
        }
    }

    pub(crate) fn detach(&self) {
        self.0.borrow_mut().dispatcher = None;
    }

    pub(crate) fn record_paste(&self, text: &str) {
        let mut inner = self.0.borrow_mut();
        if inner.paste != text {
            inner.paste = text.to_string();
        }
    }

    /// The paste area's text: what `element.value` reads.
    pub fn value(&self) -> String {
        self.0.borrow().paste.clone()
    }

    /// Called by `<App>` for every new report; tells the host page only
    /// when the JSON differs from what it was last told.
    pub(crate) fn report_changed(&self, report: Option<&Report>) {
        let Some(on_report) = self.0.borrow().on_report.clone() else { return };
        let json: Option<Rc<str>> = report.and_then(|r| serde_json::to_string(r).ok()).map(Rc::from);
        {
            let mut inner = self.0.borrow_mut();
            if inner.last_sent.as_ref() == Some(&json) {
                return;
            }
            // An empty inspector that never had a report has nothing to announce.
            if inner.last_sent.is_none() && json.is_none() {
                inner.last_sent = Some(None);
                return;
            }
            inner.last_sent = Some(json.clone());
        }
        on_report.emit(json);
    }
}

/// The JS API (wasm-bindgen): `mount_inspector(root, config)` returns an
/// `Inspector`. One wasm instance serves every element on a page; each
/// element mounts its own `<App>` into a `<div>` inside its shadow root.
#[cfg(target_arch = "wasm32")]
mod api {
    use super::*;
    use crate::app::{App, AppProps};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn get(config: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(config, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn get_string(config: &JsValue, key: &str) -> Option<String> {
        get(config, key).as_string()
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
    /// shadow root). `config` is a plain object, every key optional:
    /// `{ compact: bool, show: "summary findings …", asOf: "2026-06-07T12:00:00Z",
    ///    host: "example.com", example: "none" | "healthy" | …,
    ///    base: "https://help.example/certscope/" (for links to certscope's own pages),
    ///    headingLevel: "3" (the panels' heading level in the host page's outline),
    ///    resultsTo: "https://help.example" (who receives the reports: the privacy note says so),
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
        let (examples, example) = parse_example_attribute(&get_string(&config, "example").unwrap_or_default());
        let props = AppProps {
            standalone: false,
            compact: get(&config, "compact").is_truthy(),
            show: Panels::parse(&get_string(&config, "show").unwrap_or_default()),
            examples,
            base: AttrValue::from(get_string(&config, "base").unwrap_or_default()),
            heading_level: parse_heading_level(&get_string(&config, "headingLevel").unwrap_or_default()),
            results_to: parse_results_to(&get_string(&config, "resultsTo").unwrap_or_default()),
            controller: controller.clone(),
        };
        if let Some(example) = example {
            controller.dispatch(Action::LoadExample(example));
        }
        let mut inspector =
            Inspector { handle: yew::Renderer::<App>::with_root_and_props(root, props.clone()).render(), props };
        // Empty means the defaults (now, no host) the app starts with anyway.
        if let Some(as_of) = get_string(&config, "asOf").filter(|s| !s.trim().is_empty()) {
            inspector.set_as_of(&as_of);
        }
        if let Some(host) = get_string(&config, "host").filter(|s| !s.trim().is_empty()) {
            inspector.set_host(host);
        }
        inspector
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

        /// The paste area's text.
        pub fn value(&self) -> String {
            self.props.controller.value()
        }

        /// `""` or `"now"` follows the clock; otherwise a time as the
        /// `as-of` attribute takes it. A bad value shows a notice.
        pub fn set_as_of(&mut self, value: &str) {
            let action = match parse_as_of_attribute(value) {
                Ok(Some(t)) => Action::SetAsOf(t),
                Ok(None) => Action::UseNow(crate::browser::wall_clock()),
                Err(message) => Action::Notice(Some(message)),
            };
            self.props.controller.dispatch(action);
        }

        pub fn set_host(&mut self, host: String) {
            self.props.controller.dispatch(Action::SetHost(host));
        }

        pub fn set_compact(&mut self, compact: bool) {
            self.props.compact = compact;
            self.handle.update(self.props.clone());
        }

        pub fn set_show(&mut self, show: &str) {
            self.props.show = Panels::parse(show);
            self.handle.update(self.props.clone());
        }

        pub fn set_heading_level(&mut self, level: &str) {
            self.props.heading_level = parse_heading_level(level);
            self.handle.update(self.props.clone());
        }

        /// Who receives the reports (the `results-to` attribute); empty for nobody.
        pub fn set_results_to(&mut self, value: &str) {
            self.props.results_to = parse_results_to(value);
            self.handle.update(self.props.clone());
        }

        /// `"none"` hides the example buttons; a name loads that example.
        pub fn set_example(&mut self, example: &str) {
            let (examples, load) = parse_example_attribute(example);
            self.props.examples = examples;
            self.handle.update(self.props.clone());
            if let Some(e) = load {
                self.props.controller.dispatch(Action::LoadExample(e));
            }
        }

        /// Unmounts the app (the element was removed from the page).
        pub fn destroy(self) {
            self.props.controller.detach();
            self.handle.destroy();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_lists_panels_and_empty_shows_all() {
        assert_eq!(Panels::parse(""), Panels::all());
        assert_eq!(Panels::parse("  "), Panels::all());
        let p = Panels::parse("summary, Findings  bogus");
        assert!(p.summary && p.findings);
        assert!(!p.input && !p.chain && !p.ocsp && !p.crl && !p.certificates && !p.actions);
        let every = Panels::parse(&Panels::NAMES.join(" "));
        assert_eq!(every, Panels::all());
    }

    #[test]
    fn as_of_attribute_takes_the_clis_forms_and_datetime_local() {
        let t = |s| Timestamp::parse_rfc3339(s).unwrap();
        assert_eq!(parse_as_of_attribute(""), Ok(None));
        assert_eq!(parse_as_of_attribute("now"), Ok(None));
        assert_eq!(parse_as_of_attribute("2012-10-12T12:00:00Z"), Ok(Some(t("2012-10-12T12:00:00Z"))));
        assert_eq!(parse_as_of_attribute("2012-10-12"), Ok(Some(t("2012-10-12T00:00:00Z"))));
        assert_eq!(parse_as_of_attribute("@1350043200"), Ok(Some(t("2012-10-12T12:00:00Z"))));
        assert_eq!(parse_as_of_attribute("2012-10-12T12:00"), Ok(Some(t("2012-10-12T12:00:00Z"))));
        assert!(parse_as_of_attribute("yesterday").is_err());
    }

    #[test]
    fn heading_level_is_two_to_five_else_three() {
        assert_eq!(parse_heading_level(""), 3);
        assert_eq!(parse_heading_level("2"), 2);
        assert_eq!(parse_heading_level(" 5 "), 5);
        assert_eq!(parse_heading_level("1"), 3);
        assert_eq!(parse_heading_level("9"), 3);
        assert_eq!(parse_heading_level("h2"), 3);
    }

    #[test]
    fn example_attribute_names_an_example_or_hides_the_buttons() {
        assert_eq!(parse_example_attribute("none"), (false, None));
        assert_eq!(parse_example_attribute(""), (true, None));
        assert_eq!(parse_example_attribute("healthy"), (true, Some(Example::Healthy)));
        assert_eq!(parse_example_attribute("must-staple"), (true, Some(Example::MustStaple)));
        assert_eq!(parse_example_attribute("revoked"), (true, Some(Example::Revoked)));
        assert_eq!(parse_example_attribute("broken-chain"), (true, Some(Example::BrokenChain)));
        assert_eq!(parse_example_attribute("nope"), (true, None));
    }

    #[test]
    fn results_to_is_text_or_nobody() {
        assert_eq!(parse_results_to(""), None);
        assert_eq!(parse_results_to("  "), None);
        assert_eq!(parse_results_to(" https://help.example "), Some(AttrValue::from("https://help.example")));
    }

    #[test]
    fn controller_queues_until_mounted_and_tracks_the_value() {
        let c = Controller::default();
        c.dispatch(Action::Paste("abc".into()));
        c.dispatch(Action::SetHost("example.com".into()));
        assert_eq!(c.value(), "abc");
        assert_eq!(c.0.borrow().queued.len(), 2);
    }

    #[test]
    fn reports_are_sent_once_per_change_as_the_clis_json() {
        use certscope::{analyze, Input, Options};
        let sent: Rc<RefCell<Vec<Option<Rc<str>>>>> = Rc::default();
        let c = Controller::with_report_callback({
            let sent = sent.clone();
            Callback::from(move |j| sent.borrow_mut().push(j))
        });
        c.report_changed(None);
        assert!(sent.borrow().is_empty(), "an empty inspector announces nothing");
        let at = Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap();
        let report = analyze(&[Input::text(include_str!("../www/examples/must-staple-chain.pem"))], &Options::at(at));
        c.report_changed(Some(&report));
        c.report_changed(Some(&report.clone()));
        assert_eq!(sent.borrow().len(), 1, "the same report twice is one event");
        let json = sent.borrow()[0].clone().unwrap();
        assert_eq!(&*json, serde_json::to_string(&report).unwrap());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["schema_version"], certscope::report::SCHEMA_VERSION);
        c.report_changed(None);
        assert_eq!(sent.borrow().len(), 2);
        assert!(sent.borrow()[1].is_none(), "clearing is announced with null");
    }
}
