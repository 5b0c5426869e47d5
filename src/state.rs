//! The app's state and its transitions: what was pasted and dropped, the
//! "as of" time and host name, and the Report they produce.
//!
//! This is the app's only call to `certscope::analyze`. The clock is read in
//! `app.rs` and arrives in an [`Action`], so everything here runs under plain
//! `cargo test`.

use std::ops::Deref;
use std::rc::Rc;

use certscope::{analyze, Input, Options, Profile, Report, Timestamp};
use yew::Reducible;

use crate::examples::Example;
use crate::permalink::{Snapshot, SnapshotFile};

/// Identifies a dropped or opened file (its chip) across re-renders.
pub type InputId = u32;

/// A file as read from the page: its name and its bytes, untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedBytes {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    pub id: InputId,
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
}

/// A report shared with the panels. Equality is identity, so a panel
/// re-renders only when a new report was produced.
#[derive(Clone, Debug)]
pub struct ReportHandle(pub Rc<Report>);

impl PartialEq for ReportHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for ReportHandle {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// Whether "as of" follows the clock or was pinned to a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    Now,
    At(Timestamp),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub paste: String,
    pub files: Vec<InputFile>,
    next_id: InputId,
    /// The clock's last reading, passed in by `app.rs`.
    pub now: Timestamp,
    pub as_of: AsOf,
    pub host: String,
    /// Extra trust anchors (PEM text) besides Mozilla's store.
    pub anchors: String,
    /// Judge by the strict profile instead of as browsers do.
    pub strict: bool,
    /// `None` until something was given.
    pub report: Option<ReportHandle>,
    /// How long `analyze` took, in milliseconds.
    pub elapsed_ms: f64,
    /// A short status line ("Markdown report copied"), announced politely.
    pub notice: Option<String>,
    /// The example shown, until the input is edited.
    pub example: Option<Example>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The paste area's text (already debounced).
    Paste(String),
    AddFiles(Vec<NamedBytes>),
    Remove(InputId),
    /// Pin "as of" to a moment.
    SetAsOf(Timestamp),
    /// Follow the clock again, with its current reading.
    UseNow(Timestamp),
    SetHost(String),
    SetAnchors(String),
    /// Switch between the browsers and the strict profile.
    SetStrict(bool),
    LoadExample(Example),
    /// Inputs from a permalink.
    Restore(Snapshot),
    Clear,
    Notice(Option<String>),
}

impl AppState {
    pub fn new(now: Timestamp) -> Self {
        AppState {
            paste: String::new(),
            files: Vec::new(),
            next_id: 1,
            now,
            as_of: AsOf::Now,
            host: String::new(),
            anchors: String::new(),
            strict: false,
            report: None,
            elapsed_ms: 0.0,
            notice: None,
            example: None,
        }
    }

    /// The moment the report is judged at.
    pub fn effective_as_of(&self) -> Timestamp {
        match self.as_of {
            AsOf::Now => self.now,
            AsOf::At(t) => t,
        }
    }

    /// The inputs in the order the core sees them: the paste, then files.
    pub fn inputs(&self) -> Vec<Input> {
        let mut inputs = Vec::with_capacity(self.files.len() + 1);
        if !self.paste.trim().is_empty() {
            inputs.push(Input::text(&self.paste));
        }
        for f in &self.files {
            inputs.push(Input::bytes(Some(f.name.clone()), f.bytes.as_ref().clone()));
        }
        inputs
    }

    pub fn options(&self) -> Options {
        let host = self.host.trim();
        let anchors = self.anchors.trim();
        Options {
            host: (!host.is_empty()).then(|| host.to_string()),
            extra_anchors: if anchors.is_empty() { Vec::new() } else { vec![anchors.as_bytes().to_vec()] },
            profile: if self.strict { Profile::Strict } else { Profile::Browsers },
            ..Options::at(self.effective_as_of())
        }
    }

    /// What a permalink needs to reproduce this report.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            paste: self.paste.clone(),
            files: self
                .files
                .iter()
                .map(|f| SnapshotFile { name: f.name.clone(), bytes: f.bytes.as_ref().clone() })
                .collect(),
            as_of: match self.as_of {
                AsOf::Now => None,
                AsOf::At(t) => Some(t.unix()),
            },
            host: self.host.clone(),
            anchors: self.anchors.clone(),
            strict: self.strict,
        }
    }

    fn add_files(&mut self, files: Vec<NamedBytes>) {
        for f in files {
            let id = self.next_id;
            self.next_id = self.next_id.wrapping_add(1);
            self.files.push(InputFile { id, name: f.name, bytes: Rc::new(f.bytes) });
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.paste = snapshot.paste;
        self.files.clear();
        self.add_files(snapshot.files.into_iter().map(|f| NamedBytes { name: f.name, bytes: f.bytes }).collect());
        self.as_of = match snapshot.as_of {
            Some(t) => AsOf::At(Timestamp::from_unix(t)),
            None => AsOf::Now,
        };
        self.host = snapshot.host;
        self.anchors = snapshot.anchors;
        self.strict = snapshot.strict;
    }

    /// Re-runs the checks; an empty page has no report rather than an
    /// "input is empty" error.
    fn reanalyze(&mut self) {
        let inputs = self.inputs();
        if inputs.is_empty() {
            self.report = None;
            self.elapsed_ms = 0.0;
            return;
        }
        let opts = self.options();
        let started = crate::browser::now_ms();
        let report = analyze(&inputs, &opts);
        self.elapsed_ms = (crate::browser::now_ms() - started).max(0.0);
        self.report = Some(ReportHandle(Rc::new(report)));
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut edited = true;
        match action {
            Action::Paste(text) => {
                if text == next.paste {
                    return self;
                }
                next.paste = text;
            }
            Action::AddFiles(files) => next.add_files(files),
            Action::Remove(id) => next.files.retain(|f| f.id != id),
            Action::SetAsOf(t) => next.as_of = AsOf::At(t),
            Action::UseNow(now) => {
                next.now = now;
                next.as_of = AsOf::Now;
            }
            Action::SetHost(host) => {
                if host == next.host {
                    return self;
                }
                next.host = host;
            }
            Action::SetAnchors(anchors) => {
                if anchors == next.anchors {
                    return self;
                }
                next.anchors = anchors;
            }
            Action::SetStrict(strict) => {
                if strict == next.strict {
                    return self;
                }
                next.strict = strict;
            }
            Action::LoadExample(example) => {
                next.restore(example.snapshot());
                next.example = Some(example);
                edited = false;
            }
            Action::Restore(snapshot) => next.restore(snapshot),
            Action::Clear => {
                next.paste.clear();
                next.files.clear();
                next.host.clear();
                next.anchors.clear();
                next.as_of = AsOf::Now;
            }
            Action::Notice(notice) => {
                next.notice = notice;
                return Rc::new(next);
            }
        }
        if edited {
            next.example = None;
        }
        next.notice = None;
        next.reanalyze();
        Rc::new(next)
    }
}

/// The value for `<input type="datetime-local" step="1">`, in UTC.
pub fn as_of_input_value(t: Timestamp) -> String {
    let (y, mo, d, h, mi, s) = t.to_civil();
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
}

/// Reads a `datetime-local` value (`2012-10-12T12:00` or with seconds) as UTC.
pub fn parse_as_of_input(value: &str) -> Option<Timestamp> {
    let v = value.trim();
    let full = match v.len() {
        16 => format!("{v}:00Z"),
        _ => format!("{v}Z"),
    };
    Timestamp::parse_rfc3339(&full).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use certscope::report::Badge;

    fn at(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
        state.reduce(action)
    }

    fn row<'a>(state: &'a AppState, label: &str) -> &'a certscope::report::SummaryRow {
        let report = state.report.as_ref().expect("a report");
        report.summary.rows.iter().find(|r| r.label == label).unwrap_or_else(|| panic!("no row {label}"))
    }

    #[test]
    fn empty_page_has_no_report() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::Paste("   \n".into()));
        assert!(s.report.is_none());
        assert!(s.inputs().is_empty());
    }

    #[test]
    fn paste_produces_a_report_at_now() {
        let now = at("2017-10-01T00:00:00Z");
        let pem = include_str!("../www/examples/must-staple-chain.pem");
        let s = reduce(Rc::new(AppState::new(now)), Action::Paste(pem.into()));
        let report = s.report.as_ref().unwrap();
        assert_eq!(report.as_of, now);
        assert_eq!(report.inputs.len(), 1);
        assert!(report.summary.rows.iter().any(|r| r.label == "Certificate"));
        assert!(s.elapsed_ms >= 0.0);
    }

    #[test]
    fn same_paste_keeps_the_same_report() {
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"))), Action::Paste("junk".into()));
        let again = reduce(s.clone(), Action::Paste("junk".into()));
        assert!(Rc::ptr_eq(&s, &again));
    }

    #[test]
    fn files_are_added_removed_and_passed_as_is() {
        let der = include_bytes!("../www/examples/healthy-staple.der").to_vec();
        let s = reduce(
            Rc::new(AppState::new(at("2012-10-12T12:00:00Z"))),
            Action::AddFiles(vec![
                NamedBytes { name: "a.der".into(), bytes: der.clone() },
                NamedBytes { name: "b.der".into(), bytes: vec![1, 2, 3] },
            ]),
        );
        assert_eq!(s.files.len(), 2);
        let inputs = s.inputs();
        assert_eq!(inputs[0].bytes, der);
        assert_eq!(inputs[0].name.as_deref(), Some("a.der"));
        assert_eq!(s.report.as_ref().unwrap().inputs.len(), 2);
        let first = s.files[0].id;
        let s = reduce(s, Action::Remove(first));
        assert_eq!(s.files.len(), 1);
        assert_eq!(s.files[0].name, "b.der");
        let second = s.files[0].id;
        let s = reduce(s, Action::Remove(second));
        assert!(s.report.is_none());
    }

    #[test]
    fn as_of_pins_and_follows_the_clock() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::Paste("x".into()));
        let s = reduce(s, Action::SetAsOf(at("2012-10-12T12:00:00Z")));
        assert_eq!(s.report.as_ref().unwrap().as_of, at("2012-10-12T12:00:00Z"));
        let s = reduce(s, Action::UseNow(at("2026-02-02T00:00:00Z")));
        assert_eq!(s.as_of, AsOf::Now);
        assert_eq!(s.report.as_ref().unwrap().as_of, at("2026-02-02T00:00:00Z"));
    }

    #[test]
    fn the_strict_switch_rejudges_and_the_permalink_keeps_it() {
        let pem = include_str!("../www/examples/must-staple-chain.pem");
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"))), Action::Paste(pem.into()));
        assert_eq!(s.report.as_ref().unwrap().profile, Profile::Browsers);
        let s = reduce(s, Action::SetStrict(true));
        assert_eq!(s.report.as_ref().unwrap().profile, Profile::Strict);
        let link = crate::permalink::decode(&crate::permalink::encode(&s.snapshot())).unwrap();
        assert!(link.strict);
        let restored = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"))), Action::Restore(link));
        assert_eq!(restored.report.as_ref().unwrap().profile, Profile::Strict);
    }

    #[test]
    fn host_row_appears_only_with_a_host() {
        let pem = include_str!("../www/examples/must-staple-chain.pem");
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"))), Action::Paste(pem.into()));
        assert!(!s.report.as_ref().unwrap().summary.rows.iter().any(|r| r.label == "Host Name"));
        let s = reduce(s, Action::SetHost("  scotthelme.co.uk ".into()));
        assert_eq!(s.options().host.as_deref(), Some("scotthelme.co.uk"));
        assert_eq!(s.report.as_ref().unwrap().host.as_deref(), Some("scotthelme.co.uk"));
        assert!(s.report.as_ref().unwrap().summary.rows.iter().any(|r| r.label == "Host Name"));
    }

    #[test]
    fn examples_load_their_time_host_and_files() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::LoadExample(Example::Healthy));
        assert_eq!(s.example, Some(Example::Healthy));
        assert_eq!(s.effective_as_of(), at("2012-10-12T12:00:00Z"));
        assert_eq!(s.files.len(), 1, "the staple is loaded as a file");
        assert!(s.options().extra_anchors.len() == 1, "the example trusts AddTrust explicitly");
        assert_eq!(row(&s, "Trusted").badge, Badge::Good, "{:?}", row(&s, "Trusted"));
        assert_eq!(row(&s, "OCSP Status").badge, Badge::Good, "{:?}", row(&s, "OCSP Status"));
        assert_eq!(row(&s, "Certificate").label, "Certificate");
        for example in Example::ALL {
            let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::LoadExample(*example));
            let report = s.report.as_ref().unwrap();
            assert!(!report.summary.rows.is_empty(), "{example:?}");
            assert!(report.host.is_some(), "{example:?}");
        }
        // Editing leaves the example.
        let s = reduce(s, Action::SetHost("example.org".into()));
        assert_eq!(s.example, None);
    }

    #[test]
    fn broken_example_reports_chain_issues() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::LoadExample(Example::BrokenChain));
        let r = row(&s, "Chain Issues");
        assert_ne!(r.badge, Badge::Good, "{r:?}");
        let codes: Vec<&str> = s.report.as_ref().unwrap().findings.iter().map(|f| f.code.code()).collect();
        assert!(codes.contains(&"issuer-missing"), "{codes:?}");
    }

    #[test]
    fn must_staple_example_is_must_staple_without_a_staple() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::LoadExample(Example::MustStaple));
        let report = s.report.as_ref().unwrap();
        assert!(report.summary.must_staple);
        assert!(report.ocsp.is_none());
        assert!(report.findings.iter().any(|f| f.code.code() == "must-staple-without-ocsp"), "{:?}", report.findings);
    }

    #[test]
    fn snapshot_restores_the_same_report() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::LoadExample(Example::Healthy));
        let snap = s.snapshot();
        let restored = reduce(Rc::new(AppState::new(at("2030-01-01T00:00:00Z"))), Action::Restore(snap));
        assert_eq!(restored.report.as_ref().unwrap().0, s.report.as_ref().unwrap().0);
    }

    #[test]
    fn notices_do_not_reanalyze_and_edits_clear_them() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"))), Action::Paste("x".into()));
        let n = reduce(s.clone(), Action::Notice(Some("Copied".into())));
        assert!(n.report.as_ref().unwrap() == s.report.as_ref().unwrap());
        let n = reduce(n, Action::Paste("y".into()));
        assert_eq!(n.notice, None);
        let n = reduce(n, Action::Clear);
        assert!(n.report.is_none());
    }

    #[test]
    fn datetime_local_values_round_trip_in_utc() {
        let t = at("2012-10-12T12:00:05Z");
        assert_eq!(as_of_input_value(t), "2012-10-12T12:00:05");
        assert_eq!(parse_as_of_input("2012-10-12T12:00:05"), Some(t));
        assert_eq!(parse_as_of_input("2012-10-12T12:00"), Some(at("2012-10-12T12:00:00Z")));
        assert_eq!(parse_as_of_input(""), None);
        assert_eq!(parse_as_of_input("soon"), None);
    }
}
