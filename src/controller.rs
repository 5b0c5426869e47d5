//! What the app is configured to do, and the handle it is driven by from
//! outside. The standalone page is [`Config::default`]; an embedded
//! inspector (the `<certscope-inspector>` element, www/certscope-embed.js,
//! and through it embed.html's query) starts from [`Config::embedded`] and
//! takes each of its [`Attribute`]s, as strings, through [`Config::set`]:
//! some change the configuration, the others become [`Action`]s for the
//! reducer, sent through the [`Controller`].
//!
//! Nothing here checks certificates: reports come from the same reducer as
//! the standalone app's, and the JSON the host page receives is the Report
//! serialized exactly as the CLI's `--json` does. The wasm-bindgen surface
//! that JS calls is src/api.rs; this module knows nothing of the DOM.

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
    /// Private keys, CSRs and PFX files (the admin panel).
    pub keys: bool,
    pub certificates: bool,
    /// The Bytes view (ASN.1 tree and hex dump) and its "show bytes" links.
    pub bytes: bool,
    pub actions: bool,
}

impl Panels {
    /// The panel names `show` takes, in page order.
    pub const NAMES: &'static [&'static str] =
        &["input", "summary", "findings", "chain", "ocsp", "crl", "keys", "certificates", "bytes", "actions"];

    pub const fn all() -> Self {
        Panels {
            input: true,
            summary: true,
            findings: true,
            chain: true,
            ocsp: true,
            crl: true,
            keys: true,
            certificates: true,
            bytes: true,
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
            keys: has("keys"),
            certificates: has("certificates"),
            bytes: has("bytes"),
            actions: has("actions"),
        }
    }
}

impl Default for Panels {
    fn default() -> Self {
        Panels::all()
    }
}

/// The attributes of `<certscope-inspector>`, each configuring one thing.
/// www/certscope-embed.js exports the same names, in the same order, as
/// `ATTRIBUTES` (its `observedAttributes`, and what embed.html's query may
/// set); a test reads that file to keep the two lists one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    /// Summary and findings first, the details collapsed (a flag).
    Compact,
    /// `light`, `dark` or `auto`: the element's own stylesheet applies it,
    /// so the app has nothing to do.
    Theme,
    /// The moment to judge at ([`parse_as_of_attribute`]).
    AsOf,
    Host,
    /// Which panels to show ([`Panels::parse`]).
    Show,
    /// `none`, or an example to load ([`parse_example_attribute`]).
    Example,
    /// [`parse_heading_level`].
    HeadingLevel,
    /// [`parse_results_to`].
    ResultsTo,
}

impl Attribute {
    pub const ALL: [Attribute; 8] = [
        Attribute::Compact,
        Attribute::Theme,
        Attribute::AsOf,
        Attribute::Host,
        Attribute::Show,
        Attribute::Example,
        Attribute::HeadingLevel,
        Attribute::ResultsTo,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Attribute::Compact => "compact",
            Attribute::Theme => "theme",
            Attribute::AsOf => "as-of",
            Attribute::Host => "host",
            Attribute::Show => "show",
            Attribute::Example => "example",
            Attribute::HeadingLevel => "heading-level",
            Attribute::ResultsTo => "results-to",
        }
    }

    pub fn from_name(name: &str) -> Option<Attribute> {
        Attribute::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// What the app is configured to do: the standalone page, or an embed as
/// its attributes say.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The whole page: masthead, footer, permalinks in the URL fragment.
    /// False for an embedded inspector.
    pub standalone: bool,
    /// Summary and findings first; chain, OCSP and certificate cards collapsed.
    pub compact: bool,
    pub show: Panels,
    /// The "Try an example" buttons.
    pub examples: bool,
    /// The URL of the directory certscope's files are served from, ending
    /// in `/` (an embed's links must not resolve against the host page);
    /// empty for the standalone page.
    pub base: AttrValue,
    /// The level of a panel's heading: 2 under the standalone page's h1;
    /// an embed's host page says where it sits in its article (default 3).
    pub heading_level: u8,
    /// Where an embed's host sends the reports (embed.html names its
    /// parent's origin): the privacy note says so instead of "nothing was
    /// uploaded". `None` for the standalone page.
    pub results_to: Option<AttrValue>,
}

impl Default for Config {
    /// The standalone page.
    fn default() -> Self {
        Config {
            standalone: true,
            compact: false,
            show: Panels::all(),
            examples: true,
            base: AttrValue::Static(""),
            heading_level: 2,
            results_to: None,
        }
    }
}

impl Config {
    /// An embedded inspector with no attributes set, its files under `base`.
    pub fn embedded(base: AttrValue) -> Self {
        Config { standalone: false, base, heading_level: parse_heading_level(""), ..Config::default() }
    }

    /// An embedded inspector as its attributes say when it is mounted
    /// (`value_of` gives an attribute's value, `None` when absent), and the
    /// actions that bring the app there. The example is loaded first, so
    /// `as-of` and `host` override its own; an empty `as-of` or `host` is
    /// the default the app starts with, so it sends nothing.
    pub fn mount(
        base: AttrValue,
        value_of: impl Fn(Attribute) -> Option<String>,
        now: impl Fn() -> Timestamp,
    ) -> (Config, Vec<Action>) {
        let mut config = Config::embedded(base);
        let mut order = vec![Attribute::Example];
        order.extend(Attribute::ALL.into_iter().filter(|a| *a != Attribute::Example));
        let actions = order
            .into_iter()
            .filter_map(|attribute| {
                let value = value_of(attribute);
                let empty = value.as_deref().is_none_or(|v| v.trim().is_empty());
                if empty && matches!(attribute, Attribute::AsOf | Attribute::Host) {
                    return None;
                }
                config.set(attribute, value.as_deref(), &now)
            })
            .collect();
        (config, actions)
    }

    /// Takes an attribute's new value (`None`: removed). Returns the
    /// action it asks of the reducer, if any; the rest changes `self`.
    pub fn set(&mut self, attribute: Attribute, value: Option<&str>, now: impl Fn() -> Timestamp) -> Option<Action> {
        let text = value.unwrap_or_default();
        match attribute {
            // A flag: present, and not "false".
            Attribute::Compact => self.compact = value.is_some_and(|v| v != "false"),
            Attribute::Theme => {}
            Attribute::AsOf => {
                return Some(match parse_as_of_attribute(text) {
                    Ok(Some(t)) => Action::SetAsOf(t),
                    Ok(None) => Action::UseNow(now()),
                    Err(message) => Action::Notice(Some(message)),
                })
            }
            Attribute::Host => return Some(Action::SetHost(text.to_string())),
            Attribute::Show => self.show = Panels::parse(text),
            Attribute::Example => {
                let (examples, load) = parse_example_attribute(text);
                self.examples = examples;
                return load.map(Action::LoadExample);
            }
            Attribute::HeadingLevel => self.heading_level = parse_heading_level(text),
            Attribute::ResultsTo => self.results_to = parse_results_to(text),
        }
        None
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
/// (src/api.rs, or a test). Actions sent before the app's first
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
        // Pretty, as "Copy JSON" writes it: one serializer for the Report
        // instead of two (each is a copy of every Report type's serialize
        // code in the wasm), and the host page parses it all the same.
        let json: Option<Rc<str>> = report.and_then(|r| serde_json::to_string_pretty(r).ok()).map(Rc::from);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_lists_panels_and_empty_shows_all() {
        assert_eq!(Panels::parse(""), Panels::all());
        assert_eq!(Panels::parse("  "), Panels::all());
        let p = Panels::parse("summary, Findings  bogus");
        assert!(p.summary && p.findings);
        assert!(!p.input && !p.chain && !p.ocsp && !p.crl && !p.keys && !p.certificates && !p.bytes && !p.actions);
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

    /// The names between the brackets of `export const ATTRIBUTES = [...]`.
    fn js_attribute_list(js: &str) -> Vec<&str> {
        let start = js.find("export const ATTRIBUTES = [").expect("certscope-embed.js exports ATTRIBUTES");
        let list = &js[start..];
        let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
        list.split(',').map(|n| n.trim().trim_matches('\'')).filter(|n| !n.is_empty()).collect()
    }

    #[test]
    fn the_attribute_list_is_the_elements_one_list() {
        let element = include_str!("../www/certscope-embed.js");
        let names: Vec<&str> = Attribute::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(js_attribute_list(element), names, "www/certscope-embed.js ATTRIBUTES");
        assert!(element.contains("static observedAttributes = ATTRIBUTES;"), "the element observes the list");
        // The iframe takes the list from the element, so it cannot lose one again.
        let frame = include_str!("../www/embed-frame.js");
        assert!(frame.contains("import { ATTRIBUTES } from './certscope-embed.js';"), "embed-frame.js imports it");
        assert!(!frame.contains("'heading-level'"), "embed-frame.js keeps a list of its own");
        for a in Attribute::ALL {
            assert_eq!(Attribute::from_name(a.name()), Some(a));
        }
        assert_eq!(Attribute::from_name("base"), None, "base is read once by the element, not an attribute here");
    }

    /// A password in an attribute would be in the DOM for every script,
    /// CSS selector and saved copy of the page to read: the element takes
    /// it as a write-only property, handed straight to the wasm.
    #[test]
    fn the_password_is_a_property_never_an_attribute() {
        let element = include_str!("../www/certscope-embed.js");
        assert!(!js_attribute_list(element).contains(&"password"));
        assert_eq!(Attribute::from_name("password"), None);
        assert!(element.contains("set password(value)"), "the element has the property");
        assert!(!element.contains("get password("), "and it cannot be read back");
        assert!(!element.contains("getAttribute('password')"), "nor taken from an attribute");
    }

    fn now() -> Timestamp {
        Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()
    }

    #[test]
    fn mounting_loads_the_example_first_then_pins_as_of_and_host() {
        let attributes = |a: Attribute| match a {
            Attribute::Compact => Some(String::new()),
            Attribute::AsOf => Some("2012-10-12".into()),
            Attribute::Host => Some("example.com".into()),
            Attribute::Example => Some("healthy".into()),
            Attribute::HeadingLevel => Some("4".into()),
            Attribute::Show => Some("summary findings".into()),
            Attribute::Theme | Attribute::ResultsTo => None,
        };
        let (config, actions) = Config::mount("https://help.example/".into(), attributes, now);
        assert_eq!(
            actions,
            [
                Action::LoadExample(Example::Healthy),
                Action::SetAsOf(Timestamp::parse_rfc3339("2012-10-12T00:00:00Z").unwrap()),
                Action::SetHost("example.com".into()),
            ]
        );
        assert!(!config.standalone && config.compact && config.examples);
        assert_eq!((config.heading_level, config.results_to.clone()), (4, None));
        assert_eq!(config.show, Panels::parse("summary findings"));
        assert_eq!(config.base, AttrValue::from("https://help.example/"));
    }

    #[test]
    fn mounting_with_no_attributes_is_the_embedded_default_and_sends_nothing() {
        let (config, actions) = Config::mount("/".into(), |_| None, now);
        assert_eq!(actions, []);
        assert_eq!(config, Config::embedded("/".into()));
        assert_eq!((config.heading_level, config.compact, config.examples), (3, false, true));
        // Present but empty as-of and host are the defaults too.
        let (_, actions) =
            Config::mount("/".into(), |a| matches!(a, Attribute::AsOf | Attribute::Host).then(|| " ".into()), now);
        assert_eq!(actions, []);
    }

    #[test]
    fn live_attribute_changes_set_the_config_or_send_an_action() {
        let mut c = Config::embedded("/".into());
        assert_eq!(c.set(Attribute::Compact, Some(""), now), None);
        assert!(c.compact);
        c.set(Attribute::Compact, Some("false"), now);
        assert!(!c.compact, "compact=\"false\" is off");
        c.set(Attribute::Compact, Some("yes"), now);
        c.set(Attribute::Compact, None, now);
        assert!(!c.compact, "removed");
        let before = c.clone();
        assert_eq!(c.set(Attribute::Theme, Some("dark"), now), None);
        assert_eq!(c, before, "the element applies its theme itself");
        // Removing as-of follows the clock again, read when it happens.
        assert_eq!(c.set(Attribute::AsOf, None, now), Some(Action::UseNow(now())));
        assert!(matches!(c.set(Attribute::AsOf, Some("soon"), now), Some(Action::Notice(Some(_)))));
        assert_eq!(c.set(Attribute::Host, None, now), Some(Action::SetHost(String::new())));
        assert_eq!(c.set(Attribute::Example, Some("none"), now), None);
        assert!(!c.examples);
        assert_eq!(c.set(Attribute::Example, Some("revoked"), now), Some(Action::LoadExample(Example::Revoked)));
        assert!(c.examples);
        c.set(Attribute::HeadingLevel, Some("5"), now);
        c.set(Attribute::ResultsTo, Some("https://help.example"), now);
        c.set(Attribute::Show, Some("chain"), now);
        assert_eq!((c.heading_level, c.results_to.as_deref()), (5, Some("https://help.example")));
        assert_eq!(c.show, Panels::parse("chain"));
        assert_eq!(c.set(Attribute::HeadingLevel, None, now), None);
        assert_eq!(c.heading_level, 3);
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
        let report = analyze(
            &[Input::text(include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem"))],
            &Options::at(at),
        );
        c.report_changed(Some(&report));
        c.report_changed(Some(&report.clone()));
        assert_eq!(sent.borrow().len(), 1, "the same report twice is one event");
        let json = sent.borrow()[0].clone().unwrap();
        assert_eq!(&*json, serde_json::to_string_pretty(&report).unwrap());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["schema_version"], certscope::report::SCHEMA_VERSION);
        c.report_changed(None);
        assert_eq!(sent.borrow().len(), 2);
        assert!(sent.borrow()[1].is_none(), "clearing is announced with null");
    }
}
