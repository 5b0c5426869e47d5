//! Finding objects in whatever a person pastes: PEM blocks, DER, PKCS#7,
//! base64 of DER, `openssl s_client -showcerts -status` transcripts.
//!
//! Runs first. Emits `input-empty`, `input-unrecognized`, `input-truncated`,
//! `input-too-large`, `input-too-many-objects`, `input-unsupported-object`,
//! and `ocsp-unparseable` for an `--ocsp` input that holds no OCSP response.
//! Leaves decoding certificates to `x509`, OCSP responses to `ocsp`, CRLs to
//! `crl`: this module only splits and classifies (by PEM label and by DER
//! shape, [`der`]), handing each object on as DER bytes with its [`Source`].
//!
//! Text is scanned for PEM blocks ([`pem`]), then for base64 or hex outside
//! them ([`base64`]); binary input is read as back-to-back DER elements.
//! PKCS#7 bundles are opened in [`pkcs7`]; transcripts add stapling facts
//! ([`transcript`]). Nothing here trusts a length: every slice is checked,
//! and work is bounded by [`Limits`].

use crate::options::Limits;
use crate::report::{Code, Finding, InputSummary, Source};
use crate::work::{Limit, Stage, Work};

/// One file or paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// A file name, shown in messages ("chain.pem block 2").
    pub name: Option<String>,
    pub bytes: Vec<u8>,
    pub hint: InputHint,
    /// The password of a PFX (or encrypted key) in this input.
    pub password: Option<key::Password>,
}

/// What the caller says an input is (the CLI's `--ocsp FILE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputHint {
    /// Detect everything.
    #[default]
    Any,
    /// An OCSP response, in any encoding.
    OcspResponse,
}

impl Input {
    pub fn text(text: &str) -> Self {
        Input { name: None, bytes: text.as_bytes().to_vec(), hint: InputHint::Any, password: None }
    }
    pub fn bytes(name: Option<String>, bytes: Vec<u8>) -> Self {
        Input { name, bytes, hint: InputHint::Any, password: None }
    }
    pub fn ocsp(name: Option<String>, bytes: Vec<u8>) -> Self {
        Input { name, bytes, hint: InputHint::OcspResponse, password: None }
    }
    /// The same input, opened with `password` when it is a PFX.
    pub fn with_password(self, password: Option<key::Password>) -> Self {
        Input { password, ..self }
    }
}

/// One object found in the input, as DER.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawObject {
    pub der: Vec<u8>,
    pub source: Source,
}

/// What an `openssl s_client -status` transcript says about stapling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TranscriptOcsp {
    /// "OCSP response: no response sent".
    NotSent,
    /// The server stapled a response; `claim` is what s_client printed of
    /// it ("OCSP Response Data: …").
    Stapled { claim: StapleClaim },
    /// No `-status` flag was used: the transcript says nothing about OCSP.
    NotRequested,
}

/// The stapled response as s_client printed it (`OCSP_RESPONSE_print`):
/// the server's claim, as text, unverifiable by itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StapleClaim {
    /// `successful`, `tryLater`, …
    pub response_status: Option<String>,
    pub responder_id: Option<String>,
    pub produced_at: Option<String>,
    pub singles: Vec<ClaimedSingle>,
    /// More SingleResponses were printed than were kept.
    pub more_singles: bool,
}

/// One printed SingleResponse, each value as printed (hashes and serial
/// in lowercase hex).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClaimedSingle {
    pub hash_algorithm: Option<String>,
    pub issuer_name_hash: Option<String>,
    pub issuer_key_hash: Option<String>,
    pub serial: Option<String>,
    /// `good`, `revoked`, `unknown`.
    pub cert_status: Option<String>,
    pub revocation_time: Option<String>,
    pub revocation_reason: Option<String>,
    pub this_update: Option<String>,
    pub next_update: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transcript {
    pub ocsp: TranscriptOcsp,
    /// The stapled OCSPResponse's DER, from the `-msg` hex dump.
    pub staple_der: Option<Vec<u8>>,
    /// Where that DER went among the OCSP responses, once handed on.
    pub staple_source: Option<Source>,
}

/// Everything found in all inputs, by kind, in input order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Decoded {
    pub certs: Vec<RawObject>,
    pub ocsp: Vec<RawObject>,
    pub crls: Vec<RawObject>,
    /// Private keys, for the key-match check only (never reported).
    pub keys: Vec<key::KeyObject>,
    /// Certificate signing requests (PKCS#10).
    pub requests: Vec<RawObject>,
    /// What each PFX held and how it was opened.
    pub pfx: Vec<crate::report::PfxReport>,
    pub transcript: Option<Transcript>,
    pub inputs: Vec<InputSummary>,
}

/// Finds every object in every input and hands each on by kind. Problems
/// (empty, unrecognised, cut-off, over-limit input) become `input-*`
/// findings; whatever did decode is still returned. Inputs, bytes and
/// objects are paid for from `work`, which the trust-anchors box shares
/// (`stage` says which is reading).
pub(crate) fn decode_inputs(inputs: &[Input], work: &mut Work, stage: Stage, findings: &mut Vec<Finding>) -> Decoded {
    let mut decoded = Decoded::default();
    if inputs.is_empty() && stage == Stage::Input {
        findings.push(Finding::new(Code::InputEmpty, "Nothing was given to check."));
    }
    let limits = work.limits().clone();
    let mut budget = Budget { refused: 0, limits: limits.clone(), work, stage };
    let readable = budget.work.spend_up_to(Limit::Inputs, inputs.len(), stage);
    for (index, input) in inputs.iter().enumerate().take(readable) {
        let label = match &input.name {
            Some(name) => name.clone(),
            None if inputs.len() == 1 => "The input".to_string(),
            None => format!("Input {}", index + 1),
        };
        let take = budget.work.spend_up_to(Limit::InputBytes, input.bytes.len(), stage);
        if take < input.bytes.len() {
            findings.push(Finding::new(
                Code::InputTooLarge,
                format!(
                    "{label} is {} bytes; certscope read only the first {take} of them, as its limit is {} bytes for all inputs{} together (max_input_bytes).",
                    input.bytes.len(),
                    limits.max_input_bytes,
                    if stage == Stage::Anchors { " and trust anchors" } else { "" },
                ),
            ));
        }
        let bytes = input.bytes.get(..take).unwrap_or_default();
        let mut sink = Sink {
            index,
            name: input.name.clone(),
            label,
            hint: input.hint,
            password: input.password.clone(),
            block: 0,
            counts: Counts::default(),
            encodings: Vec::new(),
            transcript: None,
            problems: 0,
            suppressed: (None, 0),
            piece_tries_left: MAX_PIECE_TRIES,
            decoded: &mut decoded,
            budget: &mut budget,
            findings,
        };
        if take > 0 || input.bytes.is_empty() {
            decode_one(bytes, &mut sink);
        }
        sink.report_suppressed();
        let summary = sink.summary(input.bytes.len());
        decoded.inputs.push(summary);
    }
    if readable < inputs.len() {
        findings.push(Finding::new(
            Code::WorkBudgetExceeded,
            format!(
                "{} inputs were given; certscope reads at most {} in one analysis (max_inputs = {}), so the last {} were not read.",
                inputs.len(),
                limits.max_inputs,
                limits.max_inputs,
                inputs.len() - readable
            ),
        ));
    }
    if budget.refused > 0 {
        findings.push(Finding::new(
            Code::InputTooManyObjects,
            format!(
                "The inputs{} hold more than {} objects (max_objects); the {} after that limit were not decoded.",
                if stage == Stage::Anchors { " and trust anchors" } else { "" },
                limits.max_objects,
                budget.refused
            ),
        ));
    }
    decoded
}

/// Findings listed one by one per input; a hostile paste of thousands of
/// broken blocks gets one more finding that counts the rest.
const MAX_FINDINGS_PER_INPUT: usize = 20;

/// The analysis's meter as the input stage uses it.
struct Budget<'w> {
    work: &'w mut Work,
    stage: Stage,
    /// Objects found past `max_objects`.
    refused: usize,
    /// The per-object size limits.
    limits: Limits,
}

impl Budget<'_> {
    /// One more object, if the analysis's object budget allows it.
    fn take_object(&mut self) -> bool {
        if self.work.spend(Limit::Objects, 1, self.stage) {
            return true;
        }
        self.refused += 1;
        false
    }

    fn objects_left(&self) -> bool {
        self.work.left(Limit::Objects) > 0
    }
}

#[derive(Default)]
struct Counts {
    certs: usize,
    ocsp: usize,
    crls: usize,
    keys: usize,
    requests: usize,
}

/// Collects the objects of one input, numbering them and reporting problems.
struct Sink<'a, 'w> {
    index: usize,
    name: Option<String>,
    /// "chain.pem", or "Input 2" for a paste.
    label: String,
    hint: InputHint,
    password: Option<key::Password>,
    /// Units seen so far (PEM blocks and objects): the next `Source.block` is one more.
    block: usize,
    counts: Counts,
    encodings: Vec<&'static str>,
    /// This input's transcript facts, when it is an s_client transcript.
    transcript: Option<Transcript>,
    /// Findings raised for this input, and the codes of those not listed.
    problems: usize,
    suppressed: (Option<Code>, usize),
    /// Lines and tokens still worth trying one by one ([`MAX_PIECE_TRIES`]).
    piece_tries_left: usize,
    decoded: &'a mut Decoded,
    budget: &'a mut Budget<'w>,
    findings: &'a mut Vec<Finding>,
}

impl Sink<'_, '_> {
    fn next_block(&mut self) -> usize {
        self.block += 1;
        self.block
    }

    /// Records a problem; after [`MAX_FINDINGS_PER_INPUT`] the rest are
    /// only counted, so a hostile paste cannot bury the report.
    fn finding(&mut self, code: Code, message: String) {
        if self.problems < MAX_FINDINGS_PER_INPUT {
            self.findings.push(Finding::new(code, message));
        } else {
            self.suppressed = (Some(self.suppressed.0.unwrap_or(code)), self.suppressed.1 + 1);
        }
        self.problems += 1;
    }

    /// One closing finding for the problems that were only counted.
    fn report_suppressed(&mut self) {
        let (Some(code), count) = self.suppressed else { return };
        let message =
            format!("{} has {} more problems like the ones above; they were not listed one by one.", self.label, count);
        self.findings.push(Finding::new(code, message));
    }

    /// Routes one element by its kind. `place` names it in messages.
    fn push(&mut self, kind: Kind, der: &[u8], encoding: &'static str, block: usize, place: &str) {
        if self.hint == InputHint::OcspResponse && kind != Kind::OcspResponse {
            self.finding(Code::OcspUnparseable, format!("{place} is {}, not an OCSP response.", kind.describe()));
            return;
        }
        match kind {
            Kind::Certificate | Kind::Crl | Kind::OcspResponse => {}
            Kind::Pkcs7 => return self.push_bundle(der, encoding, block, place),
            Kind::PrivateKey => {
                return self.push_key(key::KeyBody::Plain(key::Secret::new(der.to_vec())), encoding, block);
            }
            Kind::EncryptedPrivateKey => {
                let body = key::KeyBody::Encrypted { legacy: false, der: key::Secret::new(der.to_vec()) };
                return self.push_key(body, encoding, block);
            }
            Kind::Pkcs12 => return self.push_pfx(der, encoding, block, place),
            Kind::CertificateRequest => {
                if self.budget.take_object() {
                    let source =
                        Source { input: self.index, name: self.name.clone(), block, encoding: encoding.to_string() };
                    self.counts.requests += 1;
                    if !self.encodings.contains(&encoding) {
                        self.encodings.push(encoding);
                    }
                    self.decoded.requests.push(RawObject { der: der.to_vec(), source });
                }
                return;
            }
            Kind::Unknown => {
                return self.finding(
                    Code::InputUnrecognized,
                    format!("{place} is DER-shaped but is not a certificate, OCSP response, CRL or PKCS#7 bundle."),
                );
            }
            Kind::OcspRequest | Kind::Pkcs7Other | Kind::PublicKey => {
                return self
                    .finding(Code::InputUnsupportedObject, format!("{place} is {}; it was skipped.", kind.describe()));
            }
        }
        let (limit, field) = match kind {
            Kind::Crl => (self.budget.limits.max_crl_bytes, "max_crl_bytes"),
            Kind::OcspResponse => (self.budget.limits.max_ocsp_response_bytes, "max_ocsp_response_bytes"),
            _ => (self.budget.limits.max_certificate_bytes, "max_certificate_bytes"),
        };
        if der.len() > limit {
            return self.finding(
                Code::InputObjectTooLarge,
                format!(
                    "{place} is {} of {} bytes; certscope's limit for one is {limit} bytes ({field}), so it was not decoded.",
                    kind.describe(),
                    der.len()
                ),
            );
        }
        if !self.budget.take_object() {
            return;
        }
        let raw = RawObject {
            der: der.to_vec(),
            source: Source { input: self.index, name: self.name.clone(), block, encoding: encoding.to_string() },
        };
        if !self.encodings.contains(&encoding) {
            self.encodings.push(encoding);
        }
        match kind {
            Kind::Crl => {
                self.counts.crls += 1;
                self.decoded.crls.push(raw);
            }
            Kind::OcspResponse => {
                self.counts.ocsp += 1;
                self.decoded.ocsp.push(raw);
            }
            _ => {
                self.counts.certs += 1;
                self.decoded.certs.push(raw);
            }
        }
    }

    /// A private key, kept (zeroized on drop) for the key-match check.
    /// Paid for as an object like any other.
    fn push_key(&mut self, body: key::KeyBody, encoding: &'static str, block: usize) {
        if !self.budget.take_object() {
            return;
        }
        let source = Source { input: self.index, name: self.name.clone(), block, encoding: encoding.to_string() };
        self.counts.keys += 1;
        if !self.encodings.contains(&encoding) {
            self.encodings.push(encoding);
        }
        self.decoded.keys.push(key::KeyObject { body, source, password: self.password.clone(), local_key_id: None });
    }

    /// The certificates of a PKCS#12 file, each its own block, with their
    /// friendlyName and localKeyId in `Decoded::pfx`.
    fn push_pfx(&mut self, der: &[u8], encoding: &'static str, block: usize, place: &str) {
        let source = Source { input: self.index, name: self.name.clone(), block, encoding: encoding.to_string() };
        let mut report = crate::report::PfxReport {
            source,
            opened: false,
            mac: None,
            encryption: Vec::new(),
            key_bags: 0,
            certificates: Vec::new(),
        };
        match pkcs12::open(der, self.password.as_ref(), self.budget.work) {
            Ok(contents) => {
                report.opened = true;
                report.mac = contents.mac;
                report.encryption = contents.encryption;
                report.key_bags = contents.key_bags;
                if contents.certs.is_empty() {
                    self.finding(Code::InputUnsupportedObject, format!("{place} is a PKCS#12 (PFX) file that holds no certificates."));
                }
                let mut next = Some(block);
                for cert in &contents.certs {
                    let b = next.take().unwrap_or_else(|| self.next_block());
                    self.push(Kind::Certificate, &cert.der, "pkcs12", b, place);
                    report.certificates.push(crate::report::PfxCertificate {
                        block: b,
                        friendly_name: cert.friendly_name.clone(),
                        local_key_id: cert.local_key_id.clone(),
                    });
                }
                // Key bags (a password was given): for the key-match check, with their localKeyId.
                for k in contents.keys {
                    let b = self.next_block();
                    self.push_key(k.body, "pkcs12", b);
                    if let Some(last) = self.decoded.keys.last_mut().filter(|o| o.source.input == self.index && o.source.block == b) {
                        last.local_key_id = k.local_key_id;
                    }
                }
                if contents.skipped_bags > 0 {
                    self.finding(
                        Code::PfxUnsupported,
                        format!("{place}: {} bags of the PKCS#12 file were not read (unreadable, unknown, or past certscope's limit of 1,000 bags and 4 levels of nesting).", contents.skipped_bags),
                    );
                }
            }
            Err(pkcs12::PfxError::NeedPassword) => self.finding(
                Code::PfxPasswordNeeded,
                format!("{place} is a password-protected PKCS#12 (PFX) file; give its password to see its certificates."),
            ),
            Err(pkcs12::PfxError::WrongPassword) => self.finding(
                Code::PfxPasswordWrong,
                format!("{place} is a PKCS#12 (PFX) file, and the password given does not open it: its integrity check (MAC) fails with it."),
            ),
            Err(pkcs12::PfxError::TooCostly { iterations, left }) => self.finding(
                Code::PfxTooCostly,
                format!(
                    "{place} is a PKCS#12 (PFX) file whose password derivation asks for {iterations} iterations; certscope has {left} left of its {} for one analysis (max_kdf_iterations), so it was not opened.",
                    self.budget.limits.max_kdf_iterations
                ),
            ),
            Err(pkcs12::PfxError::Unsupported(what)) => self.finding(
                Code::PfxUnsupported,
                format!("{place} is a PKCS#12 (PFX) file that certscope cannot open: {what}."),
            ),
            Err(pkcs12::PfxError::Malformed(why)) => self.finding(
                Code::InputUnrecognized,
                format!("{place} looks like a PKCS#12 (PFX) file but cannot be read: {why}."),
            ),
        }
        self.decoded.pfx.push(report);
    }

    /// The certificates and CRLs of a PKCS#7 bundle, each its own block.
    fn push_bundle(&mut self, der: &[u8], encoding: &'static str, block: usize, place: &str) {
        // Inside a transcript the transcript is the source people know.
        let inner = if encoding == "transcript" { encoding } else { "pkcs7" };
        match pkcs7::decode_bundle(der) {
            Ok(bundle) => {
                if bundle.certs.is_empty() && bundle.crls.is_empty() {
                    self.finding(
                        Code::InputUnsupportedObject,
                        format!("{place} is a PKCS#7 bundle that holds no certificates or CRLs."),
                    );
                }
                let mut next = Some(block);
                for cert in &bundle.certs {
                    let b = next.take().unwrap_or_else(|| self.next_block());
                    self.push(Kind::Certificate, cert, inner, b, place);
                }
                for crl in &bundle.crls {
                    let b = next.take().unwrap_or_else(|| self.next_block());
                    self.push(Kind::Crl, crl, inner, b, place);
                }
            }
            Err(pkcs7::Pkcs7Error::Truncated) => self.finding(
                Code::InputTruncated,
                format!("{place} is a PKCS#7 bundle that is cut off: an element inside runs past its end."),
            ),
            Err(pkcs7::Pkcs7Error::TooDeep(depth)) => self.finding(
                Code::InputNestedTooDeeply,
                format!("{place} is a PKCS#7 bundle whose BER is nested {depth} levels deep; certscope follows at most {} levels.", der::MAX_DEPTH),
            ),
            Err(pkcs7::Pkcs7Error::Malformed(why)) => self.finding(
                Code::InputUnrecognized,
                format!("{place} looks like a PKCS#7 bundle but cannot be read: {why}."),
            ),
        }
    }

    fn summary(&self, bytes: usize) -> InputSummary {
        let c = &self.counts;
        let mut parts = Vec::new();
        for (n, one, many) in [
            (c.certs, "certificate", "certificates"),
            (c.ocsp, "OCSP response", "OCSP responses"),
            (c.crls, "CRL", "CRLs"),
            (c.keys, "private key", "private keys"),
            (c.requests, "CSR", "CSRs"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        if let Some(t) = &self.transcript {
            match &t.ocsp {
                TranscriptOcsp::NotSent => parts.push("no stapled OCSP response".to_string()),
                TranscriptOcsp::Stapled { .. } if t.staple_source.is_some() => {
                    parts.push("stapled (its bytes from the -msg dump)".to_string())
                }
                TranscriptOcsp::Stapled { .. } => parts.push("an OCSP response as text only".to_string()),
                TranscriptOcsp::NotRequested => {}
            }
        }
        let what = if parts.is_empty() { "nothing recognised".to_string() } else { parts.join(", ") };
        let how: Vec<&str> = if self.transcript.is_some() {
            vec!["openssl s_client transcript"]
        } else {
            self.encodings.iter().map(|e| encoding_name(e)).collect()
        };
        let found = if how.is_empty() { what } else { format!("{what} ({})", how.join(", ")) };
        InputSummary {
            index: self.index,
            name: self.name.clone(),
            bytes,
            found,
            certificates: c.certs,
            ocsp_responses: c.ocsp,
            crls: c.crls,
        }
    }

    fn found_anything(&self) -> bool {
        self.block > 0
    }
}

fn encoding_name(encoding: &str) -> &'static str {
    match encoding {
        "pem" => "PEM",
        "der" => "DER",
        "base64" => "base64",
        "hex" => "hex",
        "pkcs7" => "PKCS#7",
        "pkcs12" => "PKCS#12",
        _ => "openssl s_client transcript",
    }
}

/// One input: binary DER, or text holding PEM, base64, hex or a transcript.
fn decode_one(bytes: &[u8], sink: &mut Sink<'_, '_>) {
    match as_text(bytes) {
        Some(text) if text.trim().is_empty() => {
            let message = format!("{} is empty.", sink.label);
            sink.finding(Code::InputEmpty, message);
        }
        Some(text) => decode_text(&text, sink, false),
        None if bytes.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) => {
            let message = format!("{} is empty (only zero bytes).", sink.label);
            sink.finding(Code::InputEmpty, message);
        }
        None => decode_der_stream(bytes, "der", sink),
    }
}

/// The input as text, or `None` when it is binary. Handles the UTF-16 that
/// Windows PowerShell writes with `>` and a UTF-8 byte order mark.
fn as_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |be: bool| {
        let units = bytes.get(2..).unwrap_or_default().chunks_exact(2).map(|p| match p {
            [a, b] if be => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if bytes.starts_with(&[0xff, 0xfe]) {
        return Some(utf16(false));
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Some(utf16(true));
    }
    if let Some(text) = utf16_without_bom(bytes) {
        return Some(text);
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    // DER always holds control octets (tags 0x02, 0x06, short lengths);
    // text holds none but tab, newlines, form feed and terminal escapes.
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f;
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    // A few stray ones (a C string's NUL terminator, DOS's Ctrl-Z end of
    // file) in what is not DER make text with junk, not binary: DER has
    // a control octet every few bytes, far more than 1 in 100.
    // (Every object certscope reads starts with a SEQUENCE; any text parses
    // as some BER element, `-----` included.)
    let der_shaped = bytes.first() == Some(&0x30) && der::element_len(bytes).is_ok();
    let stray = controls > 0 && controls.saturating_mul(100) <= bytes.len() && !der_shaped;
    if stray {
        let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| !is_control(b)).collect();
        return as_text(&cleaned);
    }
    let binary = controls > 0;
    // Bytes that are not UTF-8 are binary too (BER such as `30 80 30 80…`
    // has no control octet), unless they hold PEM: a Latin-1 comment
    // around a block is still text.
    let not_utf8 = std::str::from_utf8(bytes).is_err() && !contains(bytes, b"-----BEGIN");
    (!binary && !not_utf8).then(|| String::from_utf8_lossy(bytes).into_owned())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// UTF-16 text saved without a byte order mark: ASCII characters with a
/// zero octet after (LE) or before (BE) each one. Only text where every
/// character is printable ASCII or a line end is taken, so DER (whose
/// zeros are not so regular) is never read as text.
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let printable = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let pairs = bytes.chunks_exact(2);
    let le = pairs.clone().all(|p| matches!(p, [c, 0] if printable(*c)));
    let be = !le && pairs.clone().all(|p| matches!(p, [0, c] if printable(*c)));
    if !le && !be {
        return None;
    }
    Some(pairs.filter_map(|p| if le { p.first() } else { p.get(1) }).map(|&b| char::from(b)).collect())
}

/// Binary input: one or more DER (or BER) elements back to back.
fn decode_der_stream(bytes: &[u8], encoding: &'static str, sink: &mut Sink<'_, '_>) {
    let mut offset = 0usize;
    let mut count = 0usize;
    loop {
        let rest = bytes.get(offset..).unwrap_or_default();
        if rest.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
            break;
        }
        match der::element_len(rest) {
            Ok(n) => {
                count += 1;
                let block = sink.next_block();
                let place = format!("{}, object {count} (at byte {offset})", sink.label);
                let element = rest.get(..n).unwrap_or_default();
                sink.push(der::sniff(element), element, encoding, block, &place);
                offset += n;
            }
            Err(TlvError::TooDeep) => {
                sink.next_block();
                let message = format!(
                    "{}: the object at byte {offset} is BER nested {} levels deep; certscope follows at most {} levels, so it was not read.",
                    sink.label,
                    der::indefinite_depth(rest),
                    der::MAX_DEPTH
                );
                sink.finding(Code::InputNestedTooDeeply, message);
                break;
            }
            Err(TlvError::Truncated { need }) if looks_like_der_start(rest) => {
                let what = truncated_kind(rest);
                let message = if need > 0 {
                    format!(
                        "{}: the {what} at byte {offset} is cut off after {} bytes; its header announces {need}.",
                        sink.label,
                        rest.len()
                    )
                } else {
                    format!(
                        "{}: the {what} at byte {offset} is cut off inside its header or before its end-of-contents.",
                        sink.label
                    )
                };
                sink.next_block();
                sink.finding(Code::InputTruncated, message);
                break;
            }
            Err(_) => {
                let message = if let Some(len) = der::announced_huge_length(rest) {
                    format!(
                        "{}: the DER header at byte {offset} announces {len} bytes of content, far more than any certificate, OCSP response or CRL (the input is {} bytes): it is corrupt or not DER.",
                        sink.label,
                        bytes.len()
                    )
                } else if count == 0 {
                    format!(
                        "{} is neither text (PEM, base64) nor DER: it starts with the bytes {}.",
                        sink.label,
                        hex_preview(rest)
                    )
                } else {
                    format!(
                        "{}: the {} bytes after object {count} (from byte {offset}) are not DER.",
                        sink.label,
                        rest.len()
                    )
                };
                sink.finding(Code::InputUnrecognized, message);
                break;
            }
        }
    }
}

/// "OCSP response", "certificate"…, or "DER object" when the prefix of a
/// cut-off element does not tell.
fn truncated_kind(bytes: &[u8]) -> &'static str {
    match der::sniff_prefix(bytes) {
        Kind::OcspResponse => "OCSP response",
        Kind::Certificate => "certificate",
        Kind::Crl => "CRL",
        Kind::Pkcs7 | Kind::Pkcs7Other => "PKCS#7 bundle",
        _ => "DER object",
    }
}

/// A cut-off element is only reported as such when it starts like one of
/// ours: a SEQUENCE whose first field has a plausible tag.
fn looks_like_der_start(bytes: &[u8]) -> bool {
    let Ok(h) = der::read_header(bytes) else { return false };
    h.tag == 0x30 && bytes.get(h.header_len).is_some_and(|t| matches!(t, 0x30 | 0x0a | 0x06 | 0x02 | 0xa0))
}

/// "an OCSP response", "a certificate", "a DER object".
fn a_kind(what: &str) -> String {
    let article = if what.starts_with('O') { "an" } else { "a" };
    format!("{article} {what}")
}

fn hex_preview(bytes: &[u8]) -> String {
    bytes.iter().take(4).map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

/// Text: PEM blocks anywhere, then base64 or hex outside them; a transcript
/// adds its stapling facts.
fn decode_text(text: &str, sink: &mut Sink<'_, '_>, nested: bool) {
    let scan = pem::scan_pem(text);
    // Kubernetes secrets and CI variables hold base64 of a whole PEM file.
    if scan.blocks.is_empty() && !nested {
        if let Some(inner) = base64::decode_base64(text).and_then(|b| String::from_utf8(b).ok()) {
            if inner.contains("-----BEGIN") {
                return decode_text(&inner, sink, true);
            }
        }
    }
    let transcript = transcript::read_transcript(text);
    let in_ocsp_text = if transcript.is_some() {
        transcript::blocks_in_ocsp_text(&scan.outside, scan.blocks.len())
    } else {
        Vec::new()
    };
    if let Some(t) = transcript {
        // A transcript says what it holds; its certificates are wanted even
        // when it was given as the OCSP input.
        sink.hint = InputHint::Any;
        sink.transcript = Some(t);
        push_staple(sink);
        if sink.decoded.transcript.is_none() {
            sink.decoded.transcript = sink.transcript.clone();
        }
    }
    let block_encoding = if sink.transcript.is_some() { "transcript" } else { "pem" };
    let total = scan.blocks.len();
    if total == 0 && decode_encoded(text, sink, true) {
        return;
    }
    // In text order, so that block numbers count what the person sees.
    for (i, segment) in scan.outside.iter().enumerate() {
        decode_outside(segment, sink);
        let Some(block) = scan.blocks.get(i) else { break };
        let b = sink.next_block();
        let place = format!("{}: block {} of {total} ({})", sink.label, i + 1, block.label);
        if in_ocsp_text.get(i).copied().unwrap_or(false) {
            // The responder certificate OpenSSL prints inside the OCSP text.
            continue;
        }
        decode_pem_block(block, &place, block_encoding, b, sink);
    }
    if !sink.found_anything() && sink.transcript.is_none() {
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        let lines = if lines == 1 { "1 line".to_string() } else { format!("{lines} lines") };
        let code = if sink.hint == InputHint::OcspResponse { Code::OcspUnparseable } else { Code::InputUnrecognized };
        let message = format!(
            "{} holds no PEM block (-----BEGIN …-----), DER, base64 or hex object that certscope recognises ({lines} of text).",
            sink.label
        );
        sink.finding(code, message);
    }
}

/// The staple's DER from a `-msg` transcript joins the OCSP responses, so
/// that it is checked like any other; the transcript remembers where it went.
fn push_staple(sink: &mut Sink<'_, '_>) {
    let Some(der) = sink.transcript.as_mut().and_then(|t| t.staple_der.take()) else { return };
    let before = sink.decoded.ocsp.len();
    let block = sink.next_block();
    let place = format!("{}: the stapled OCSP response in the -msg dump", sink.label);
    // Whatever the bytes are, the OCSP decoder says what is wrong with them.
    sink.push(Kind::OcspResponse, &der, "transcript", block, &place);
    let source =
        if sink.decoded.ocsp.len() > before { sink.decoded.ocsp.last().map(|r| r.source.clone()) } else { None };
    if let Some(t) = sink.transcript.as_mut() {
        t.staple_source = source;
    }
}

/// Base64 or hex objects in the text around PEM blocks.
fn decode_outside(segment: &str, sink: &mut Sink<'_, '_>) {
    for run in encoded_runs(segment) {
        decode_run(&run, sink);
    }
    // A response quoted inside a log line ("resp: MIIB…").
    for line in segment.lines().filter(|l| !is_encoded_line(l)) {
        for token in line.split_whitespace().filter(|t| t.len() >= 40) {
            try_piece(token, sink);
        }
    }
}

/// Maximal runs of consecutive lines made only of base64 or hex
/// characters: an encoded object wrapped over several lines, with prose
/// or a transcript around it.
fn encoded_runs(text: &str) -> Vec<Vec<&str>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if is_encoded_line(line) {
            current.push(line.trim());
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn is_base64_text(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || matches!(c, '+' | '/' | '='))
}

fn is_encoded_line(line: &str) -> bool {
    let t = line.trim();
    let base64 = t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_'));
    let hex = t.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | ' '));
    let rule = t.chars().all(|c| matches!(c, '-' | '='));
    !t.is_empty() && !rule && (base64 || hex)
}

const MAX_RUN_BYTES_FOR_VARIANTS: usize = 2 * 1024 * 1024;

/// Tries a run whole, then without up to two lines at either end (a word
/// such as `DONE` next to the object), then each long line on its own.
fn decode_run(run: &[&str], sink: &mut Sink<'_, '_>) {
    let n = run.len();
    // Each variant decodes the whole run again: past 2 MiB (a CRL of
    // 1.5 MB in base64) only the run itself is tried, so 8 MiB of base64
    // lines costs one decode, not seven.
    let size: usize = run.iter().map(|l| l.len()).sum();
    let variants: &[(usize, usize)] = if size <= MAX_RUN_BYTES_FOR_VARIANTS {
        &[(0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (2, 2)]
    } else {
        &[(0, 0)]
    };
    for &(skip_front, skip_back) in variants {
        if skip_front + skip_back >= n {
            continue;
        }
        let part = run.get(skip_front..n - skip_back).unwrap_or_default().join("\n");
        if decode_encoded(&part, sink, false) {
            return;
        }
    }
    // A one-line run was just tried whole.
    if n > 1 {
        for line in run.iter().filter(|l| l.len() >= 40) {
            try_piece(line, sink);
        }
    }
}

/// Lines and tokens tried one by one as objects, per input, after which
/// the rest are skipped: 8 MiB of base64 lines that are not objects cost
/// 130,000 decodes (1.6 s in the page's wasm) and none of them was one.
const MAX_PIECE_TRIES: usize = 4096;

/// One line or token that may be a whole object; misses are counted.
fn try_piece(piece: &str, sink: &mut Sink<'_, '_>) {
    if sink.piece_tries_left == 0 {
        return;
    }
    if !decode_encoded(piece, sink, false) {
        sink.piece_tries_left -= 1;
    }
}

fn decode_pem_block(block: &pem::PemBlock, place: &str, encoding: &'static str, b: usize, sink: &mut Sink<'_, '_>) {
    if !block.complete {
        let got = base64::decode_base64_prefix(&block.body).len();
        sink.finding(
            Code::InputTruncated,
            format!("{place} is cut off after {got} bytes: there is no -----END {}----- line.", block.label),
        );
        return;
    }
    let expected = match pem_kind(&block.label) {
        // Keys go to the key-match check whatever their body holds: it
        // says what is wrong with one (`key-unreadable`). An OpenSSL legacy
        // encrypted key's body is ciphertext.
        Ok(kind @ (Kind::PrivateKey | Kind::EncryptedPrivateKey)) => {
            let bytes = base64::decode_base64(&block.body).unwrap_or_else(|| base64::decode_base64_prefix(&block.body));
            let der = key::Secret::new(bytes);
            let body = match kind {
                Kind::PrivateKey if !block.encrypted => key::KeyBody::Plain(der),
                _ => key::KeyBody::Encrypted { legacy: block.encrypted, der },
            };
            sink.push_key(body, encoding, b);
            return;
        }
        Ok(kind) => kind,
        Err(what) => {
            sink.finding(Code::InputUnsupportedObject, format!("{place} is {what}; it was skipped."));
            return;
        }
    };
    // Past the object limit a block would only be counted: skip decoding
    // it, which is most of the work in a paste of thousands of blocks.
    if !sink.budget.objects_left() {
        sink.budget.refused += 1;
        sink.budget.work.refuse(Limit::Objects, sink.budget.stage);
        return;
    }
    let Some(mut bytes) = base64::decode_base64(&block.body) else {
        sink.finding(Code::InputUnrecognized, format!("{place} is not valid base64 inside its BEGIN and END lines."));
        return;
    };
    match der::element_len(&bytes) {
        Ok(_) if bytes.first() != Some(&0x30) => {
            sink.finding(
                Code::InputUnrecognized,
                format!("{place} does not hold DER (it does not start with a SEQUENCE)."),
            );
        }
        Ok(n) => {
            let first = bytes.get(..n).unwrap_or_default();
            // The shape overrides the label when it is unambiguous (a CRL
            // pasted as CERTIFICATE); a malformed object keeps its label so
            // that its own decoder says what is wrong.
            let kind = der::sniff_sure(first).unwrap_or(expected);
            // OpenSSL's TRUSTED CERTIFICATE appends trust settings after the
            // certificate; elsewhere trailing bytes are left for the decoder to report.
            let trusted = block.label.eq_ignore_ascii_case("TRUSTED CERTIFICATE");
            let element = if trusted || kind == Kind::Pkcs7 { first } else { bytes.as_slice() };
            sink.push(kind, element, encoding, b, place);
            if kind == Kind::PrivateKey {
                // A key labelled otherwise: its copy lives on in `Secret`.
                zeroize::Zeroize::zeroize(&mut bytes);
            }
        }
        Err(TlvError::Truncated { need }) if need > 0 && looks_like_der_start(&bytes) => sink.finding(
            Code::InputTruncated,
            format!(
                "{place} is {} cut off after {} bytes: its DER header announces {need}.",
                a_kind(truncated_kind(&bytes)),
                bytes.len()
            ),
        ),
        Err(TlvError::TooDeep) => sink.finding(
            Code::InputNestedTooDeeply,
            format!(
                "{place} holds BER nested {} levels deep; certscope follows at most {} levels, so it was not read.",
                der::indefinite_depth(&bytes),
                der::MAX_DEPTH
            ),
        ),
        Err(_) => sink.finding(Code::InputUnrecognized, format!("{place} does not hold DER.")),
    }
}

/// What a PEM label promises, or a description of what was skipped.
fn pem_kind(label: &str) -> Result<Kind, String> {
    let upper = label.to_ascii_uppercase();
    match upper.as_str() {
        "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Ok(Kind::Certificate),
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" | "CERTIFICATE CHAIN" => Ok(Kind::Pkcs7),
        "OCSP RESPONSE" => Ok(Kind::OcspResponse),
        "X509 CRL" | "CRL" => Ok(Kind::Crl),
        "OCSP REQUEST" => Err("an OCSP request, not a response".to_string()),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Ok(Kind::CertificateRequest),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => Err("a bare public key".to_string()),
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Ok(Kind::PrivateKey),
        "ENCRYPTED PRIVATE KEY" => Ok(Kind::EncryptedPrivateKey),
        _ if upper.contains("PRIVATE KEY") => Err("a private key (its contents were not read)".to_string()),
        _ if upper.contains("PARAMETERS") => Err("key parameters".to_string()),
        "" => Err("a PEM block without a label".to_string()),
        _ => Err(format!("a \"{label}\" block, which certscope does not use")),
    }
}

/// Base64 or hex of whole DER elements (`whole`: the complete input, where
/// a cut-off or unknown element is worth reporting). Returns whether
/// something was found.
fn decode_encoded(text: &str, sink: &mut Sink<'_, '_>, whole: bool) -> bool {
    let compact_len = text.chars().filter(|c| !c.is_whitespace()).count();
    if compact_len < 4 {
        return false;
    }
    let (bytes, encoding) = match base64::decode_hex(text) {
        Some(b) => (b, "hex"),
        None => match base64::decode_base64(text) {
            Some(b) => (b, "base64"),
            // Base64 cut mid-quad does not decode; its whole quads still
            // tell what it was.
            None if whole && is_base64_text(text) => (base64::decode_base64_prefix(text), "base64"),
            None => return false,
        },
    };
    match der::element_len(&bytes) {
        Ok(n) if n == bytes.len() => {
            let kind = der::sniff(&bytes);
            if kind == Kind::Unknown && !whole {
                return false;
            }
            let b = sink.next_block();
            let place = format!("{} ({encoding}, block {b})", sink.label);
            sink.push(kind, &bytes, encoding, b, &place);
            true
        }
        Err(TlvError::Truncated { need }) if whole && need > 0 && looks_like_der_start(&bytes) => {
            sink.next_block();
            let message = format!(
                "{}: the {encoding} decodes to {} bytes of {}, but its DER header announces {need}: it is cut off.",
                sink.label,
                bytes.len(),
                a_kind(truncated_kind(&bytes))
            );
            sink.finding(Code::InputTruncated, message);
            true
        }
        Err(TlvError::TooDeep) if whole => {
            sink.next_block();
            let message = format!(
                "{}: the {encoding} decodes to BER nested {} levels deep; certscope follows at most {} levels, so it was not read.",
                sink.label,
                der::indefinite_depth(&bytes),
                der::MAX_DEPTH
            );
            sink.finding(Code::InputNestedTooDeeply, message);
            true
        }
        _ => false,
    }
}

mod base64;
mod der;
pub(crate) mod key;
mod pem;
pub(crate) mod pkcs12;
pub(crate) mod pkcs7;
mod tls_msg;
pub(crate) mod transcript;

use der::{Kind, TlvError};

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> Vec<u8> {
        crate::test_data::fixture("input", name)
    }

    fn run(inputs: &[Input]) -> (Decoded, Vec<Finding>) {
        run_with(inputs, &Limits::default())
    }

    fn run_with(inputs: &[Input], limits: &Limits) -> (Decoded, Vec<Finding>) {
        let mut findings = Vec::new();
        let decoded = decode_inputs(inputs, &mut Work::new(limits), Stage::Input, &mut findings);
        (decoded, findings)
    }

    fn named(name: &str) -> Input {
        Input::bytes(Some(name.to_string()), data(name))
    }

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code.code()).collect()
    }

    fn blocks(objects: &[RawObject]) -> Vec<(usize, usize, &str)> {
        objects.iter().map(|o| (o.source.input, o.source.block, o.source.encoding.as_str())).collect()
    }

    #[test]
    fn pem_chain_with_garbage_gives_two_certificates_and_keeps_the_key_aside() {
        let (d, f) = run(&[named("cryptography.io.chain_with_garbage.pem")]);
        assert_eq!(blocks(&d.certs), [(0, 1, "pem"), (0, 2, "pem")]);
        // The key goes to the key-match check only, never with the objects.
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(d.keys.len(), 1);
        assert_eq!(d.keys[0].source.block, 3);
        assert_eq!(d.inputs[0].certificates, 2);
        assert_eq!(d.inputs[0].found, "2 certificates, 1 private key (PEM)");
        // The DER is the base64 body, byte for byte.
        assert_eq!(d.certs[0].der.len(), 0x5bd + 4);
    }

    #[test]
    fn der_certificate_and_crl_are_classified() {
        let (d, f) = run(&[
            named("valid.rootca1.demo.amazontrust.com.cer"),
            named("AmazonRootCA1.cer"),
            named("rootca1.crl"),
            named("e2m01.crl"),
        ]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(blocks(&d.certs), [(0, 1, "der"), (1, 1, "der")]);
        assert_eq!(blocks(&d.crls), [(2, 1, "der"), (3, 1, "der")]);
        assert_eq!(d.certs[0].der, data("valid.rootca1.demo.amazontrust.com.cer"));
        assert_eq!(d.crls[0].der, data("rootca1.crl"));
    }

    #[test]
    fn ocsp_responses_in_der_and_base64_are_found() {
        let (d, f) = run(&[named("D1.ors"), named("resp-sha256.der"), named("resp-unauthorized.der")]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(blocks(&d.ocsp), [(0, 1, "base64"), (1, 1, "der"), (2, 1, "der")]);
        assert_eq!(d.ocsp[0].der, data("D1.der"));
        assert_eq!(d.inputs[0].found, "1 OCSP response (base64)");
    }

    #[test]
    fn base64url_without_padding_and_hex_are_found() {
        use ::base64::Engine;
        let der = data("D1.der");
        let url = ::base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&der);
        let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
        let (d, f) = run(&[Input::text(&url), Input::text(&format!("response: \n{hex}\n"))]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(blocks(&d.ocsp), [(0, 1, "base64"), (1, 1, "hex")]);
        assert!(d.ocsp.iter().all(|o| o.der == der));
    }

    #[test]
    fn pkcs7_ber_der_and_pem_give_the_same_certificates() {
        let (d, f) = run(&[named("amazon-roots.p7b"), named("amazon-roots.der"), named("isrg.pem")]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(
            blocks(&d.certs),
            [(0, 1, "pkcs7"), (0, 2, "pkcs7"), (1, 1, "pkcs7"), (1, 2, "pkcs7"), (2, 1, "pkcs7")]
        );
        assert_eq!(d.certs[0].der, d.certs[2].der);
        assert_eq!(d.certs[1].der, d.certs[3].der);
        assert_eq!(d.inputs[0].found, "2 certificates (PKCS#7)");
    }

    #[test]
    fn stapled_transcript_gives_chain_and_text_status() {
        let (d, f) = run(&[named("s_client-status-stapled.txt")]);
        assert!(f.is_empty(), "{f:?}");
        // The responder certificate printed inside the OCSP text is not part of the chain.
        assert_eq!(blocks(&d.certs), [(0, 2, "transcript"), (0, 3, "transcript")]);
        assert_eq!(d.certs[1].der, pem_der(&data("D1_Issuer_ICA.pem")));
        let t = d.transcript.unwrap();
        let TranscriptOcsp::Stapled { claim } = t.ocsp else { panic!("not stapled: {:?}", t.ocsp) };
        assert_eq!(claim.response_status.as_deref(), Some("successful"));
        assert_eq!(claim.singles.len(), 1);
        assert_eq!(claim.singles[0].cert_status.as_deref(), Some("good"));
        assert_eq!(claim.singles[0].this_update.as_deref(), Some("Oct 23 07:00:00 2012 GMT"));
        assert_eq!(claim.singles[0].next_update.as_deref(), Some("Oct 30 08:00:00 2012 GMT"));
        assert_eq!((t.staple_der, t.staple_source), (None, None));
        assert_eq!(d.inputs[0].found, "2 certificates, an OCSP response as text only (openssl s_client transcript)");
    }

    fn pem_der(pem: &[u8]) -> Vec<u8> {
        let (_, der) = x509_cert::der::pem::decode_vec(pem).unwrap();
        der
    }

    #[test]
    fn transcript_stapling_states() {
        let (d, f) = run(&[named("s_client-status-not-sent.txt")]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(d.certs.len(), 2);
        assert_eq!(d.transcript.map(|t| t.ocsp), Some(TranscriptOcsp::NotSent));
        let (d, f) = run(&[named("s_client-no-status-crlf.txt")]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(d.certs.len(), 2);
        assert_eq!(d.transcript.map(|t| t.ocsp), Some(TranscriptOcsp::NotRequested));
    }

    #[test]
    fn mixed_paste_finds_every_kind() {
        let mut text = String::from_utf8(data("google.com.chain.pem")).unwrap();
        text.push_str("\nstapled response from the nginx log:\n");
        text.push_str(std::str::from_utf8(&data("D1.ors")).unwrap());
        text.push_str("\n-----BEGIN X509 CRL-----\n");
        use ::base64::Engine;
        text.push_str(&::base64::engine::general_purpose::STANDARD.encode(data("e2m01.crl")));
        text.push_str("\n-----END X509 CRL-----\n");
        let (d, f) = run(&[Input::text(&text)]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(blocks(&d.certs), [(0, 1, "pem"), (0, 2, "pem")]);
        assert_eq!(blocks(&d.ocsp), [(0, 3, "base64")]);
        assert_eq!(blocks(&d.crls), [(0, 4, "pem")]);
        assert_eq!(d.inputs[0].found, "2 certificates, 1 OCSP response, 1 CRL (PEM, base64)");
    }

    #[test]
    fn base64_of_a_pem_file_is_opened() {
        use ::base64::Engine;
        // As `kubectl get secret -o jsonpath='{.data.tls\.crt}'` prints it.
        let wrapped = ::base64::engine::general_purpose::STANDARD.encode(data("google.com.chain.pem"));
        let (d, f) = run(&[Input::text(&wrapped)]);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(blocks(&d.certs), [(0, 1, "pem"), (0, 2, "pem")]);
    }

    #[test]
    fn shape_overrides_a_wrong_label_and_garbage_is_not_handed_on() {
        use ::base64::Engine;
        let crl = ::base64::engine::general_purpose::STANDARD.encode(data("e2m01.crl"));
        let text = format!("-----BEGIN CERTIFICATE-----\n{crl}\n-----END CERTIFICATE-----\n-----BEGIN OCSP RESPONSE-----\nLS0tLS1CRUdJTiBDRVJU\n-----END OCSP RESPONSE-----\n");
        let (d, f) = run(&[Input::text(&text)]);
        assert_eq!(blocks(&d.crls), [(0, 1, "pem")]);
        assert!(d.certs.is_empty() && d.ocsp.is_empty());
        assert_eq!(codes(&f), ["input-unrecognized"]);
    }

    #[test]
    fn cut_off_pem_block_is_truncated_and_the_rest_still_decodes() {
        let text = String::from_utf8(data("bing.com.chain.pem")).unwrap();
        // Drop the END line of the second block and a few lines before it.
        let mut ends = text.match_indices("-----END CERTIFICATE-----").map(|(i, _)| i);
        let (_, second_end) = (ends.next().unwrap(), ends.next().unwrap());
        let cut = text[..second_end].rfind('\n').unwrap();
        let cut = text[..cut - 200].rfind('\n').unwrap();
        let after = &text[second_end + "-----END CERTIFICATE-----".len()..];
        let broken = format!("{}\n{}", &text[..cut], after);
        let (d, f) = run(&[Input::bytes(Some("chain.pem".into()), broken.into_bytes())]);
        assert_eq!(codes(&f), ["input-truncated"]);
        assert!(f[0].message.starts_with("chain.pem: block 2 of 3"), "{}", f[0].message);
        assert_eq!(blocks(&d.certs), [(0, 1, "pem"), (0, 3, "pem")]);
    }

    #[test]
    fn cut_off_der_is_truncated() {
        let der = data("AmazonRootCA1.cer");
        let (d, f) = run(&[Input::bytes(Some("root.cer".into()), der[..500].to_vec())]);
        assert_eq!(codes(&f), ["input-truncated"]);
        assert!(d.certs.is_empty());
        // A PEM block whose body lost lines in the middle.
        let pem = String::from_utf8(data("D1_Issuer_ICA.pem")).unwrap();
        let lines: Vec<&str> = pem.lines().collect();
        let short = [&lines[..5], &lines[lines.len() - 1..]].concat().join("\n");
        let (d, f) = run(&[Input::text(&short)]);
        assert_eq!(codes(&f), ["input-truncated"]);
        assert!(d.certs.is_empty());
    }

    #[test]
    fn empty_and_unrecognised_inputs_are_reported() {
        let (_, f) = run(&[]);
        assert_eq!(codes(&f), ["input-empty"]);
        let (d, f) = run(&[
            Input::text("  \r\n"),
            Input::text("hello, this is not a certificate"),
            Input::bytes(None, vec![0x50, 0x4b, 0x03, 0x04, 0x14]),
        ]);
        assert_eq!(codes(&f), ["input-empty", "input-unrecognized", "input-unrecognized"]);
        assert_eq!(d.inputs.len(), 3);
        assert_eq!(d.inputs[1].found, "nothing recognised");
    }

    #[test]
    fn stray_control_bytes_around_text_are_dropped() {
        let pem = data("google.com.chain.pem");
        for junk in [&b"\0\0\0"[..], b"\x1a"] {
            let (d, f) = run(&[Input::bytes(None, [&pem[..], junk].concat())]);
            assert_eq!(d.certs.len(), 2, "{f:?}");
            assert!(f.is_empty(), "{f:?}");
            let (d, _) = run(&[Input::bytes(None, [junk, &pem[..]].concat())]);
            assert_eq!(d.certs.len(), 2);
        }
        // DER keeps being DER, with or without trailing zeros.
        let der = data("AmazonRootCA1.cer");
        let (d, f) = run(&[Input::bytes(None, [&der[..], b"\0\0"].concat())]);
        assert_eq!(d.certs.len(), 1, "{f:?}");
    }

    #[test]
    fn ocsp_hint_accepts_any_encoding_and_rejects_other_objects() {
        let ors = Input::ocsp(Some("D1.ors".into()), data("D1.ors"));
        let cert = Input::ocsp(Some("leaf.pem".into()), data("D1_Cert_EE.pem"));
        let text = Input::ocsp(Some("notes.txt".into()), b"the responder said tryLater".to_vec());
        let (d, f) = run(&[ors, cert, text]);
        assert_eq!(blocks(&d.ocsp), [(0, 1, "base64")]);
        assert!(d.certs.is_empty());
        assert_eq!(codes(&f), ["ocsp-unparseable", "ocsp-unparseable"]);
    }

    #[test]
    fn limits_stop_reading_but_keep_what_decoded() {
        let chain = named("google.com.chain.pem");
        let limits = Limits { max_input_bytes: chain.bytes.len() + 10, ..Limits::default() };
        let (d, f) = run_with(&[chain.clone(), named("AmazonRootCA1.cer")], &limits);
        assert_eq!(d.certs.len(), 2);
        assert!(codes(&f).contains(&"input-too-large"), "{f:?}");
        let limits = Limits { max_objects: 1, ..Limits::default() };
        let (d, f) = run_with(&[chain], &limits);
        assert_eq!(d.certs.len(), 1);
        assert_eq!(codes(&f), ["input-too-many-objects"]);
    }

    #[test]
    fn csr_and_key_blocks_are_set_aside_for_their_checks() {
        let text = "-----BEGIN CERTIFICATE REQUEST-----\nMAMKAQM=\n-----END CERTIFICATE REQUEST-----\n-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n";
        let (d, f) = run(&[Input::text(text)]);
        assert!(f.is_empty(), "{f:?}");
        assert!(d.certs.is_empty());
        // These CSR bytes are shaped like an OCSP response, and the shape wins.
        assert_eq!(d.ocsp.len(), 1);
        // Not DER, but a key all the same: `key-unreadable` will say why.
        assert_eq!(d.keys.len(), 1);
        assert!(!format!("{d:?}").contains("secret"));
    }

    #[test]
    fn many_broken_blocks_stay_fast_and_are_summarised() {
        // Scanning for END past the next BEGIN made this quadratic once:
        // tens of minutes instead of about a second (debug build); the
        // bound leaves room for a loaded CI machine.
        let text = "-----BEGIN CERTIFICATE-----\nMIIB\n".repeat(50_000);
        let started = std::time::Instant::now();
        let (d, f) = run(&[Input::text(&text)]);
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
        assert!(d.certs.is_empty());
        assert_eq!(f.len(), MAX_FINDINGS_PER_INPUT + 1);
        assert!(f.iter().all(|f| f.code == Code::InputTruncated));
    }

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn random_and_mutated_bytes_never_panic() {
        let seeds = [
            "cryptography.io.chain_with_garbage.pem",
            "AmazonRootCA1.cer",
            "rootca1.crl",
            "D1.ors",
            "D1.der",
            "amazon-roots.p7b",
            "amazon-roots.der",
            "isrg.pem",
            "s_client-status-stapled.txt",
        ]
        .map(data);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let mut bytes = if round % 10 == 0 {
                (0..rng.below(600)).map(|_| rng.next() as u8).collect()
            } else {
                seeds[rng.below(seeds.len())].clone()
            };
            for _ in 0..1 + rng.below(8) {
                let len = bytes.len();
                match rng.below(5) {
                    0 if len > 0 => {
                        let i = rng.below(len);
                        bytes[i] ^= 1 << rng.below(8);
                    }
                    1 if len > 0 => bytes.truncate(rng.below(len)),
                    2 => {
                        let i = rng.below(len + 1);
                        bytes.insert(i, [0x00, 0x30, 0x80, 0xff, b'-', b'\n'][rng.below(6)]);
                    }
                    3 if len > 0 => {
                        let i = rng.below(len);
                        bytes[i] = rng.next() as u8;
                    }
                    _ if len > 1 => {
                        let i = rng.below(len);
                        bytes.remove(i);
                    }
                    _ => {}
                }
            }
            let hint = if round % 7 == 0 { InputHint::OcspResponse } else { InputHint::Any };
            let input = Input { name: None, bytes, hint, password: None };
            let (_, f) = run(&[input]);
            assert!(f.iter().all(|f| !f.message.is_empty()));
        }
    }
}
