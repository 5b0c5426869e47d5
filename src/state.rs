//! The app's state and its transitions: what was pasted and dropped, the
//! "as of" time and host name, and the Report they produce.
//!
//! This is the app's only call to `certscope::analyze`. It reads no clock:
//! the wall clock's reading arrives in [`AppState::new`] and
//! [`Action::UseNow`], and the stopwatch that times `analyze` is handed in
//! by the caller ([`Stopwatch`]), so everything here runs under plain
//! `cargo test` and says the same every time.

use std::rc::Rc;

use certscope::{analyze, Input, Limits, Options, Profile, Timestamp};
use yew::Reducible;

use crate::examples::Example;
use crate::permalink::{Decoded, Snapshot, SnapshotFile};
use crate::types::{fits_a_textarea, size_words, InputFile, InputId, LeftOut, NamedBytes, Opened, ReportHandle, Room};

/// A monotonic clock in milliseconds, read just before and after `analyze`
/// for "checked in 0.4 ms". The caller supplies it (the page passes
/// `browser::now_ms`), so the reducer itself never reads a clock.
#[derive(Clone, Copy)]
pub struct Stopwatch(pub fn() -> f64);

impl Stopwatch {
    /// A stopwatch that never moves: every check takes 0 ms.
    pub const STILL: Stopwatch = Stopwatch(|| 0.0);

    fn read(self) -> f64 {
        (self.0)()
    }
}

/// A clock is not part of what the page shows: two states that differ only
/// in their stopwatch are the same state.
impl PartialEq for Stopwatch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Stopwatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stopwatch")
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
    /// Times `analyze` for [`AppState::elapsed_ms`].
    stopwatch: Stopwatch,
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
    /// What the last change of inputs left out (files over the limits, a
    /// link with too many files), shown until the next edit.
    pub input_note: Option<String>,
    /// The example shown, until the input is edited.
    pub example: Option<Example>,
    /// Certificate policy settings (RFC 5280 §6.1.1).
    pub policy: PolicyInputs,
    /// The password for PFX files and encrypted keys: held only here,
    /// never in a snapshot (so never in a permalink).
    pub password: String,
}

/// The certificate policy settings as typed: OIDs or names, and the flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyInputs {
    /// Separated by spaces or commas; empty means anyPolicy.
    pub oids: String,
    pub require_explicit: bool,
    pub inhibit_mapping: bool,
    pub inhibit_any: bool,
}

impl PolicyInputs {
    pub fn words(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty())
    }

    /// Sets the `Options` fields; words the core does not accept are left
    /// out (the settings panel lists them).
    fn apply(&self, opts: &mut Options) {
        let set: Vec<_> = Self::words(&self.oids).filter_map(|w| certscope::parse_policy(w).ok()).collect();
        if !set.is_empty() {
            opts.initial_policy_set = set;
        }
        opts.initial_explicit_policy = self.require_explicit;
        opts.initial_policy_mapping_inhibit = self.inhibit_mapping;
        opts.initial_any_policy_inhibit = self.inhibit_any;
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The paste area's text (already debounced).
    Paste(String),
    /// A paste of this many UTF-16 units, more than the core reads at all:
    /// cleared unread, with a note.
    PasteTooLong(u32),
    AddFiles(Opened),
    Remove(InputId),
    /// Pin "as of" to a moment.
    SetAsOf(Timestamp),
    /// Follow the clock again, with its current reading.
    UseNow(Timestamp),
    SetHost(String),
    SetAnchors(String),
    SetPassword(String),
    SetPolicy(PolicyInputs),
    /// Switch between the browsers and the strict profile.
    SetStrict(bool),
    LoadExample(Example),
    /// Inputs from a permalink.
    Restore(Decoded),
    Clear,
    Notice(Option<String>),
}

impl AppState {
    /// An empty page as of `now` (the wall clock's reading), timing its
    /// checks with `stopwatch`.
    pub fn new(now: Timestamp, stopwatch: Stopwatch) -> Self {
        AppState {
            paste: String::new(),
            files: Vec::new(),
            next_id: 1,
            now,
            stopwatch,
            as_of: AsOf::Now,
            host: String::new(),
            anchors: String::new(),
            strict: false,
            report: None,
            elapsed_ms: 0.0,
            notice: None,
            input_note: None,
            example: None,
            policy: PolicyInputs::default(),
            password: String::new(),
        }
    }

    /// Whether the page shows the password field: when the report says a
    /// PFX or key needs one (the core decides), or one was typed.
    pub fn wants_password(&self) -> bool {
        const CODES: [&str; 4] =
            ["pfx-password-needed", "pfx-password-wrong", "key-encrypted-no-password", "key-unreadable"];
        !self.password.is_empty()
            || self
                .report
                .as_ref()
                .is_some_and(|r| !r.0.pfx.is_empty() || r.0.findings.iter().any(|f| CODES.contains(&f.code.code())))
    }

    /// The files and bytes the core's limits still allow (the paste counts
    /// as one input, and its bytes count too).
    pub fn room(&self) -> Room {
        let limits = Limits::default();
        let paste = usize::from(!self.paste.trim().is_empty());
        let held = self.files.iter().fold(self.paste.len(), |sum, f| sum.saturating_add(f.bytes.len()));
        Room {
            files: limits.max_inputs.saturating_sub(paste).saturating_sub(self.files.len()),
            bytes: limits.max_input_bytes.saturating_sub(held),
        }
    }

    /// The paste area's text as its textarea shows it: empty when the
    /// paste is too large to show ([`fits_a_textarea`]).
    pub fn paste_shown(&self) -> &str {
        shown(&self.paste)
    }

    /// The paste's size in bytes when it is too large to show (a chip).
    pub fn paste_held(&self) -> Option<usize> {
        held(&self.paste)
    }

    /// The trust-anchors box's text as it shows it (see [`AppState::paste_shown`]).
    pub fn anchors_shown(&self) -> &str {
        shown(&self.anchors)
    }

    /// The anchors text's size in bytes when it is too large to show.
    pub fn anchors_held(&self) -> Option<usize> {
        held(&self.anchors)
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
        let password = (!self.password.is_empty()).then(|| certscope::Password::new(self.password.clone()));
        inputs.into_iter().map(|i| i.with_password(password.clone())).collect()
    }

    /// The DER of one object of the current report, read again from the
    /// inputs it was made from (the report holds ranges, not bytes).
    pub fn object_der(&self, object: certscope::report::ObjectRef) -> Option<Vec<u8>> {
        let report = self.report.as_ref()?;
        certscope::object_der(&self.inputs(), report, object)
    }

    pub fn options(&self) -> Options {
        let host = self.host.trim();
        let anchors = self.anchors.trim();
        let mut opts = Options {
            host: (!host.is_empty()).then(|| host.to_string()),
            extra_anchors: if anchors.is_empty() { Vec::new() } else { vec![anchors.as_bytes().to_vec()] },
            profile: if self.strict { Profile::Strict } else { Profile::Browsers },
            ..Options::at(self.effective_as_of())
        };
        self.policy.apply(&mut opts);
        opts
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

    /// Adds what fits in [`AppState::room`] (re-checked here: two drops can
    /// be read at once); returns what was left out.
    fn add_files(&mut self, opened: Opened) -> Vec<LeftOut> {
        let mut left_out = opened.left_out;
        for f in opened.files {
            let room = self.room();
            if room.files == 0 {
                left_out.push(LeftOut::TooMany { name: f.name });
                continue;
            }
            if f.bytes.len() > room.bytes {
                left_out.push(LeftOut::TooLarge { name: f.name, size: f.bytes.len() as u64 });
                continue;
            }
            let id = self.next_id;
            self.next_id = self.next_id.wrapping_add(1);
            self.files.push(InputFile { id, name: f.name, bytes: Rc::new(f.bytes) });
        }
        left_out
    }

    fn restore(&mut self, decoded: Decoded) {
        let Decoded { snapshot, files_left_out } = decoded;
        self.paste = snapshot.paste;
        self.files.clear();
        self.as_of = match snapshot.as_of {
            Some(t) => AsOf::At(Timestamp::from_unix(t)),
            None => AsOf::Now,
        };
        self.host = snapshot.host;
        self.anchors = snapshot.anchors;
        let files = snapshot.files.into_iter().map(|f| NamedBytes { name: f.name, bytes: f.bytes }).collect();
        let left_out = self.add_files(Opened { files, left_out: Vec::new() });
        // The files the link named past the cap were never decoded: only counted.
        self.input_note = left_out_note(&left_out, files_left_out);
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
        let started = self.stopwatch.read();
        let report = analyze(&inputs, &opts);
        self.elapsed_ms = (self.stopwatch.read() - started).max(0.0);
        self.report = Some(ReportHandle(Rc::new(report)));
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut edited = true;
        // False when a paste or a setting is what it already was: the same
        // state comes back, so nothing re-renders or re-runs.
        let mut changed = true;
        if !matches!(action, Action::Notice(_)) {
            // Cleared before the action, so one that leaves input out can say so.
            next.notice = None;
            next.input_note = None;
        }
        match action {
            Action::Paste(text) => changed = replace(&mut next.paste, text),
            Action::PasteTooLong(units) => {
                next.paste.clear();
                next.input_note = Some(paste_too_long_note(units));
            }
            Action::AddFiles(opened) => {
                let left_out = next.add_files(opened);
                next.input_note = left_out_note(&left_out, 0);
            }
            Action::Remove(id) => next.files.retain(|f| f.id != id),
            Action::SetAsOf(t) => next.as_of = AsOf::At(t),
            Action::UseNow(now) => {
                next.now = now;
                next.as_of = AsOf::Now;
            }
            Action::SetHost(host) => changed = replace(&mut next.host, host),
            Action::SetPassword(password) => changed = replace(&mut next.password, password),
            Action::SetAnchors(anchors) => changed = replace(&mut next.anchors, anchors),
            Action::SetPolicy(policy) => changed = replace(&mut next.policy, policy),
            Action::SetStrict(strict) => changed = replace(&mut next.strict, strict),
            Action::LoadExample(example) => {
                next.restore(Decoded { snapshot: example.snapshot(), files_left_out: 0 });
                next.example = Some(example);
                edited = false;
            }
            Action::Restore(snapshot) => next.restore(snapshot),
            Action::Clear => {
                next.paste.clear();
                next.files.clear();
                next.host.clear();
                next.anchors.clear();
                next.password.clear();
                next.as_of = AsOf::Now;
            }
            Action::Notice(notice) => {
                next.notice = notice;
                return Rc::new(next);
            }
        }
        if !changed {
            return self;
        }
        if edited {
            next.example = None;
        }
        next.reanalyze();
        Rc::new(next)
    }
}

/// Sets `slot` to `value`; false when it already held it, so that an
/// unchanged setting neither re-renders nor re-runs the analysis.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

fn shown(text: &str) -> &str {
    if fits_a_textarea(text) {
        text
    } else {
        ""
    }
}

fn held(text: &str) -> Option<usize> {
    (!fits_a_textarea(text)).then_some(text.len())
}

/// Names shown in a note before "and N more".
const NAMES_IN_A_NOTE: usize = 3;

/// One sentence per reason, naming the first few files; `None` when
/// nothing was left out. `uncounted_too_many` adds files known only by
/// number (a link's files past the cap are counted, never decoded).
fn left_out_note(left_out: &[LeftOut], uncounted_too_many: usize) -> Option<String> {
    let limits = Limits::default();
    let names = |names: Vec<String>, extra: usize| {
        let total = names.len() + extra;
        let mut shown: Vec<String> = names.iter().take(NAMES_IN_A_NOTE).map(|n| format!("{n:?}")).collect();
        if total > shown.len() {
            shown.push(format!("{} more", total - shown.len()));
        }
        shown.join(", ")
    };
    let mut sentences = Vec::new();
    let large: Vec<&LeftOut> = left_out.iter().filter(|l| matches!(l, LeftOut::TooLarge { .. })).collect();
    if let [LeftOut::TooLarge { name, size }] = large.as_slice() {
        sentences.push(format!(
            "{name:?} ({}) was not opened: certscope reads at most {} of input in all.",
            size_words(*size),
            size_words(limits.max_input_bytes as u64)
        ));
    } else if !large.is_empty() {
        let list = large.iter().filter_map(|l| match l {
            LeftOut::TooLarge { name, .. } => Some(name.clone()),
            LeftOut::TooMany { .. } => None,
        });
        sentences.push(format!(
            "{} files were not opened ({}): certscope reads at most {} of input in all.",
            large.len(),
            names(list.collect(), 0),
            size_words(limits.max_input_bytes as u64)
        ));
    }
    let many: Vec<String> = left_out
        .iter()
        .filter_map(|l| match l {
            LeftOut::TooMany { name } => Some(name.clone()),
            LeftOut::TooLarge { .. } => None,
        })
        .collect();
    let count = many.len() + uncounted_too_many;
    if count > 0 {
        let what = if count == 1 { "1 file was".to_string() } else { format!("{count} files were") };
        let which = if many.is_empty() { String::new() } else { format!(" ({})", names(many, uncounted_too_many)) };
        sentences.push(format!(
            "{what} left out{which}: certscope checks at most {} inputs at a time (a paste counts as one).",
            limits.max_inputs
        ));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// Why a paste was cleared unread. `units` (UTF-16) is at most its UTF-8
/// length, so the size said is a lower bound.
fn paste_too_long_note(units: u32) -> String {
    format!(
        "The pasted text (at least {}) was cleared unread: certscope reads at most {} of input in all. \
         Split it, or open the parts as files.",
        size_words(u64::from(units)),
        size_words(Limits::default().max_input_bytes as u64)
    )
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
    use crate::types::{TEXTAREA_MAX_BYTES, TEXTAREA_MAX_LINES};
    use certscope::report::{Badge, RowId};

    fn at(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
        state.reduce(action)
    }

    fn row(state: &AppState, id: RowId) -> &certscope::report::SummaryRow {
        let report = state.report.as_ref().expect("a report");
        report.summary.rows.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no row {id:?}"))
    }

    #[test]
    fn a_pfx_asks_for_its_password_and_opens_with_it() {
        let b64 = include_str!("../crates/certscope/tests/data/pfx/default.pfx.b64");
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste(b64.into()));
        let codes: Vec<&str> = s.report.as_ref().unwrap().findings.iter().map(|f| f.code.code()).collect();
        assert!(codes.contains(&"pfx-password-needed"), "{codes:?}");
        assert!(s.wants_password());
        let s = reduce(s, Action::SetPassword("certscope-test".into()));
        assert_eq!(s.report.as_ref().unwrap().certificates.len(), 2);
        // The password is nowhere in what a permalink or a copy carries.
        assert!(!format!("{:?}", s.snapshot()).contains("certscope-test"));
        assert!(!serde_json::to_string(&*s.report.as_ref().unwrap().0).unwrap().contains("certscope-test"));
        let s = reduce(s, Action::Clear);
        assert!(s.password.is_empty());
    }

    #[test]
    fn empty_page_has_no_report() {
        let s =
            reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste("   \n".into()));
        assert!(s.report.is_none());
        assert!(s.inputs().is_empty());
    }

    #[test]
    fn paste_produces_a_report_at_now() {
        let now = at("2017-10-01T00:00:00Z");
        let pem = include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem");
        let s = reduce(Rc::new(AppState::new(now, Stopwatch::STILL)), Action::Paste(pem.into()));
        let report = s.report.as_ref().unwrap();
        assert_eq!(report.as_of, now);
        assert_eq!(report.inputs.len(), 1);
        assert!(report.summary.rows.iter().any(|r| r.id == RowId::Certificate));
        assert_eq!(s.elapsed_ms, 0.0, "a still stopwatch");
    }

    #[test]
    fn the_callers_stopwatch_times_each_check_and_only_checks() {
        thread_local!(static READS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        // Each reading is 1.5 ms after the one before.
        fn ticking() -> f64 {
            READS.with(|r| {
                r.set(r.get() + 1);
                f64::from(r.get()) * 1.5
            })
        }
        let s = reduce(
            Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch(ticking))),
            Action::Paste("junk".into()),
        );
        assert_eq!((s.elapsed_ms, READS.with(|r| r.get())), (1.5, 2));
        // A notice does not re-check, so the stopwatch is not read.
        let s = reduce(s, Action::Notice(Some("Copied".into())));
        assert_eq!((s.elapsed_ms, READS.with(|r| r.get())), (1.5, 2));
        // An empty page has nothing to time.
        let s = reduce(s, Action::Clear);
        assert_eq!((s.elapsed_ms, READS.with(|r| r.get())), (0.0, 2));
    }

    #[test]
    fn same_paste_keeps_the_same_report() {
        let s =
            reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste("junk".into()));
        let again = reduce(s.clone(), Action::Paste("junk".into()));
        assert!(Rc::ptr_eq(&s, &again));
    }

    #[test]
    fn policy_settings_reach_the_options_and_the_report() {
        let chain = include_str!("../crates/certscope/tests/data/real/amazon/valid.rootca1.chain.pem");
        let s =
            reduce(Rc::new(AppState::new(at("2025-02-25T00:00:00Z"), Stopwatch::STILL)), Action::Paste(chain.into()));
        assert_eq!(s.options().initial_policy_set, vec![certscope::ANY_POLICY]);
        let policy = PolicyInputs { oids: "EV, not-an-oid".into(), require_explicit: true, ..PolicyInputs::default() };
        let s = reduce(s, Action::SetPolicy(policy.clone()));
        let opts = s.options();
        assert_eq!(opts.initial_policy_set.iter().map(|o| o.to_string()).collect::<Vec<_>>(), ["2.23.140.1.1"]);
        assert!(opts.initial_explicit_policy && !opts.initial_policy_mapping_inhibit);
        let report = s.report.as_ref().unwrap();
        assert!(report.findings.iter().any(|f| f.code.code() == "policy-required-none-valid"));
        assert!(Rc::ptr_eq(&s, &reduce(s.clone(), Action::SetPolicy(policy))));
    }

    /// Issue 16: the Bytes view reads an object's DER again from the
    /// same inputs, a pasted certificate and a dropped CRL alike.
    #[test]
    fn an_objects_der_comes_back_from_the_inputs() {
        use certscope::report::ObjectRef;
        let crl = include_bytes!("../crates/certscope/tests/data/real/amazon/r2m04.crl").to_vec();
        let s = reduce(
            Rc::new(AppState::new(at("2025-03-01T00:00:00Z"), Stopwatch::STILL)),
            Action::Paste(include_str!("../crates/certscope/tests/data/real/amazon/valid.rootca1.chain.pem").into()),
        );
        let s = reduce(s, Action::AddFiles(opened(vec![NamedBytes { name: "r2m04.crl".into(), bytes: crl.clone() }])));
        let report = s.report.clone().unwrap();
        assert_eq!(report.crls.len(), 1);
        assert_eq!(s.object_der(ObjectRef::Crl { index: 0 }), Some(crl));
        let leaf = s.object_der(ObjectRef::Certificate { index: 0 }).unwrap();
        assert_eq!(
            leaf,
            include_bytes!("../crates/certscope/tests/data/real/amazon/valid.rootca1.demo.amazontrust.com.cer")
        );
        assert_eq!(s.object_der(ObjectRef::Ocsp), None, "no OCSP response was given");
    }

    #[test]
    fn files_are_added_removed_and_passed_as_is() {
        let der = include_bytes!("../crates/certscope/tests/data/ocsp/ND1.der").to_vec();
        let s = reduce(
            Rc::new(AppState::new(at("2012-10-12T12:00:00Z"), Stopwatch::STILL)),
            Action::AddFiles(opened(vec![
                NamedBytes { name: "a.der".into(), bytes: der.clone() },
                NamedBytes { name: "b.der".into(), bytes: vec![1, 2, 3] },
            ])),
        );
        assert_eq!(s.input_note, None);
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

    fn opened(files: Vec<NamedBytes>) -> Opened {
        Opened { files, left_out: Vec::new() }
    }

    fn empty_files(n: usize) -> Vec<NamedBytes> {
        (0..n).map(|i| NamedBytes { name: format!("f{i}.der"), bytes: Vec::new() }).collect()
    }

    #[test]
    fn files_past_max_inputs_are_left_out_and_said_so() {
        let max = Limits::default().max_inputs;
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::AddFiles(opened(empty_files(70))),
        );
        assert_eq!(s.files.len(), max);
        assert_eq!(s.room().files, 0);
        assert_eq!(s.report.as_ref().unwrap().inputs.len(), max);
        let note = s.input_note.as_deref().unwrap();
        assert!(note.starts_with(&format!("{} files were left out (\"f{max}.der\"", 70 - max)), "{note}");
        assert!(note.contains("at most 64 inputs"), "{note}");
        // A paste counts as one input: a full page takes no more files.
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste("x".into()));
        let s = reduce(s, Action::AddFiles(opened(empty_files(max))));
        assert_eq!(s.files.len(), max - 1);
        assert!(
            s.input_note.as_deref().unwrap().starts_with("1 file was left out (\"f63.der\")"),
            "{:?}",
            s.input_note
        );
        // The next edit clears the note; removing a file makes room again.
        let id = s.files[0].id;
        let s = reduce(s, Action::Remove(id));
        assert_eq!(s.input_note, None);
        let s = reduce(s, Action::AddFiles(opened(empty_files(1))));
        assert_eq!((s.files.len(), s.input_note.as_deref()), (max - 1, None));
    }

    #[test]
    fn files_over_the_byte_limit_are_left_out_and_said_so() {
        let max = Limits::default().max_input_bytes;
        // What the page's reader refused before reading (src/browser.rs).
        let refused =
            Opened { files: Vec::new(), left_out: vec![LeftOut::TooLarge { name: "huge.bin".into(), size: 3 << 30 }] };
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::AddFiles(refused));
        assert!(s.files.is_empty() && s.report.is_none());
        assert_eq!(
            s.input_note.as_deref(),
            Some("\"huge.bin\" (3072.0 MB) was not opened: certscope reads at most 8.0 MB of input in all.")
        );
        // The paste's bytes count: a file that fits alone does not fit beside it.
        let s = reduce(s, Action::Paste("x".repeat(max / 2)));
        assert_eq!(s.room().bytes, max - max / 2);
        let big = NamedBytes { name: "big.crl".into(), bytes: vec![0; max / 2 + 1] };
        let fits = NamedBytes { name: "fits.crl".into(), bytes: vec![0; max / 2] };
        let s = reduce(s, Action::AddFiles(opened(vec![big.clone(), fits.clone(), big])));
        assert_eq!(s.files.len(), 1);
        assert_eq!(s.files[0].name, "fits.crl");
        assert_eq!(s.room(), Room { files: Limits::default().max_inputs - 2, bytes: 0 });
        let note = s.input_note.as_deref().unwrap();
        assert!(note.starts_with("2 files were not opened (\"big.crl\", \"big.crl\")"), "{note}");
    }

    #[test]
    fn a_paste_over_the_limit_is_cleared_with_a_note_and_the_next_one_works() {
        let pem = include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem");
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste(pem.into()));
        let s = reduce(s, Action::PasteTooLong(9 << 20));
        assert_eq!(s.paste, "");
        assert!(s.report.is_none());
        assert_eq!(
            s.input_note.as_deref(),
            Some(
                "The pasted text (at least 9.0 MB) was cleared unread: certscope reads at most 8.0 MB of input in all. \
                 Split it, or open the parts as files."
            )
        );
        let s = reduce(s, Action::Paste(pem.into()));
        assert_eq!(s.input_note, None);
        assert!(s.report.is_some());
    }

    #[test]
    fn a_paste_too_large_to_show_is_held_and_checked_as_it_is() {
        let now = at("2017-10-01T00:00:00Z");
        let pem = include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem");
        // The chain padded to just past the threshold with blank lines.
        let big = format!("{pem}{}", "\n".repeat(TEXTAREA_MAX_LINES));
        assert!(!fits_a_textarea(&big));
        let s = reduce(Rc::new(AppState::new(now, Stopwatch::STILL)), Action::Paste(big.clone()));
        assert_eq!((s.paste_shown(), s.paste_held()), ("", Some(big.len())));
        assert_eq!(s.paste, big, "kept whole");
        // The same Report as the text analysed directly.
        let direct = analyze(&[Input::text(&big)], &Options::at(now));
        assert_eq!(*s.report.as_ref().unwrap().0, direct);
        assert!(s.report.as_ref().unwrap().summary.must_staple);
        // Typing replaces it; a text that fits is shown as today.
        let s = reduce(s, Action::Paste(pem.into()));
        assert_eq!((s.paste_shown(), s.paste_held()), (pem, None));
        // Removing the chip is an empty paste.
        let s = reduce(s, Action::Paste(big));
        let s = reduce(s, Action::Paste(String::new()));
        assert_eq!((s.paste_held(), s.report.is_none()), (None, true));
    }

    #[test]
    fn anchors_too_large_to_show_are_held_and_still_trusted() {
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::LoadExample(Example::Healthy),
        );
        let anchor = s.anchors.clone();
        assert_eq!((s.anchors_shown(), s.anchors_held()), (anchor.as_str(), None));
        let big = format!("{anchor}{}", " ".repeat(TEXTAREA_MAX_BYTES));
        let s = reduce(s, Action::SetAnchors(big.clone()));
        assert_eq!((s.anchors_shown(), s.anchors_held()), ("", Some(big.len())));
        assert_eq!(row(&s, RowId::Trusted).badge, Badge::Good, "{:?}", row(&s, RowId::Trusted));
        let s = reduce(s, Action::SetAnchors(String::new()));
        assert_eq!(s.anchors_held(), None);
        assert_ne!(row(&s, RowId::Trusted).badge, Badge::Good);
    }

    #[test]
    fn a_link_whose_anchors_are_two_million_newlines_holds_them() {
        let json = format!(r#"{{"a":"{}"}}"#, "\\n".repeat(2_000_000));
        let fragment = crate::permalink::fragment_of(json.as_bytes());
        let decoded = crate::permalink::decode(&fragment).unwrap();
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Restore(decoded));
        assert_eq!((s.anchors_shown(), s.anchors_held()), ("", Some(2_000_000)));
        assert_eq!((s.paste_shown(), s.paste_held()), ("", None));
    }

    #[test]
    fn a_link_with_too_many_files_opens_the_first_and_says_how_many_were_not() {
        let max = Limits::default().max_inputs;
        let mut json = String::from(r#"{"p":"-----BEGIN CERTIFICATE-----","f":["#);
        json.push_str(&vec![r#"{"n":"e","b":""}"#; 100_000].join(","));
        json.push_str("]}");
        let fragment = crate::permalink::fragment_of(json.as_bytes());
        let decoded = crate::permalink::decode(&fragment).unwrap();
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Restore(decoded));
        // The paste is one input, so 63 files: 64 inputs in all.
        assert_eq!(s.files.len(), max - 1);
        assert_eq!(s.inputs().len(), max);
        let note = s.input_note.as_deref().unwrap();
        assert!(note.starts_with(&format!("{} files were left out", 100_000 - (max - 1))), "{note}");
    }

    #[test]
    fn as_of_pins_and_follows_the_clock() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste("x".into()));
        let s = reduce(s, Action::SetAsOf(at("2012-10-12T12:00:00Z")));
        assert_eq!(s.report.as_ref().unwrap().as_of, at("2012-10-12T12:00:00Z"));
        let s = reduce(s, Action::UseNow(at("2026-02-02T00:00:00Z")));
        assert_eq!(s.as_of, AsOf::Now);
        assert_eq!(s.report.as_ref().unwrap().as_of, at("2026-02-02T00:00:00Z"));
    }

    #[test]
    fn the_strict_switch_rejudges_and_the_permalink_keeps_it() {
        let pem = include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem");
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste(pem.into()));
        assert_eq!(s.report.as_ref().unwrap().profile, Profile::Browsers);
        let s = reduce(s, Action::SetStrict(true));
        assert_eq!(s.report.as_ref().unwrap().profile, Profile::Strict);
        let link = crate::permalink::decode(&crate::permalink::encode(&s.snapshot())).unwrap();
        assert!(link.snapshot.strict);
        let restored =
            reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch::STILL)), Action::Restore(link));
        assert_eq!(restored.report.as_ref().unwrap().profile, Profile::Strict);
    }

    #[test]
    fn host_row_appears_only_with_a_host() {
        let pem = include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem");
        let s = reduce(Rc::new(AppState::new(at("2017-10-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste(pem.into()));
        assert!(!s.report.as_ref().unwrap().summary.rows.iter().any(|r| r.id == RowId::HostName));
        let s = reduce(s, Action::SetHost("  scotthelme.co.uk ".into()));
        assert_eq!(s.options().host.as_deref(), Some("scotthelme.co.uk"));
        assert_eq!(s.report.as_ref().unwrap().host.as_deref(), Some("scotthelme.co.uk"));
        assert!(s.report.as_ref().unwrap().summary.rows.iter().any(|r| r.id == RowId::HostName));
    }

    #[test]
    fn examples_load_their_time_host_and_files() {
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::LoadExample(Example::Healthy),
        );
        assert_eq!(s.example, Some(Example::Healthy));
        assert_eq!(s.effective_as_of(), at("2026-12-02T17:49:36Z"));
        assert_eq!(s.files.len(), 1, "the staple is loaded as a file");
        assert!(s.options().extra_anchors.len() == 1, "the example trusts its own root explicitly");
        assert_eq!(row(&s, RowId::Trusted).badge, Badge::Good, "{:?}", row(&s, RowId::Trusted));
        assert_eq!(row(&s, RowId::OcspStatus).badge, Badge::Good, "{:?}", row(&s, RowId::OcspStatus));
        assert_eq!(row(&s, RowId::Certificate).label, "Certificate");
        for example in Example::ALL {
            let s = reduce(
                Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
                Action::LoadExample(*example),
            );
            let report = s.report.as_ref().unwrap();
            assert!(!report.summary.rows.is_empty(), "{example:?}");
            assert!(report.host.is_some(), "{example:?}");
        }
        // Each lab example's one lesson is its only red row (issue 14).
        for (example, red) in [
            (Example::Healthy, vec![]),
            (Example::MustStaple, vec!["OCSP Must Staple"]),
            (Example::Revoked, vec!["Valid", "OCSP Status"]),
        ] {
            let s = reduce(
                Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
                Action::LoadExample(example),
            );
            let rows = &s.report.as_ref().unwrap().summary.rows;
            let errors: Vec<&str> = rows.iter().filter(|r| r.badge == Badge::Error).map(|r| r.label.as_str()).collect();
            assert_eq!(errors, red, "{example:?}: {rows:?}");
        }
        // Editing leaves the example.
        let s = reduce(s, Action::SetHost("example.org".into()));
        assert_eq!(s.example, None);
    }

    #[test]
    fn broken_example_reports_chain_issues() {
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::LoadExample(Example::BrokenChain),
        );
        let r = row(&s, RowId::ChainIssues);
        assert_ne!(r.badge, Badge::Good, "{r:?}");
        let codes: Vec<&str> = s.report.as_ref().unwrap().findings.iter().map(|f| f.code.code()).collect();
        assert!(codes.contains(&"issuer-missing"), "{codes:?}");
    }

    #[test]
    fn must_staple_example_is_must_staple_without_a_staple() {
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::LoadExample(Example::MustStaple),
        );
        let report = s.report.as_ref().unwrap();
        assert!(report.summary.must_staple);
        assert!(report.ocsp.is_none());
        assert!(report.findings.iter().any(|f| f.code.code() == "must-staple-without-ocsp"), "{:?}", report.findings);
    }

    #[test]
    fn snapshot_restores_the_same_report() {
        let s = reduce(
            Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::LoadExample(Example::Healthy),
        );
        let snap = s.snapshot();
        let restored = reduce(
            Rc::new(AppState::new(at("2030-01-01T00:00:00Z"), Stopwatch::STILL)),
            Action::Restore(Decoded { snapshot: snap, files_left_out: 0 }),
        );
        assert_eq!(restored.input_note, None);
        assert_eq!(restored.report.as_ref().unwrap().0, s.report.as_ref().unwrap().0);
    }

    #[test]
    fn notices_do_not_reanalyze_and_edits_clear_them() {
        let s = reduce(Rc::new(AppState::new(at("2026-01-01T00:00:00Z"), Stopwatch::STILL)), Action::Paste("x".into()));
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
