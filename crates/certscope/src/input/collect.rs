//! Collecting the objects of one input: routing each by kind into
//! [`Decoded`], numbering them (`Source.block`), paying for them from the
//! analysis's object budget, applying the per-object size limits, and
//! throttling the findings one hostile input can raise.

use super::der::DerProblem;
use super::sniff::Kind;
use super::summary::{self, Found};
use super::{key, pkcs12, pkcs7, Decoded, InputHint, RawObject, Transcript};
use crate::report::{Code, Encoding, Finding, InputSummary, PfxCertificate, PfxReport, Source};
use crate::work::{Limit, Stage, Work};

/// Findings listed one by one per input; a hostile paste of thousands of
/// broken blocks gets one more finding that counts the rest.
pub(super) const MAX_FINDINGS_PER_INPUT: usize = 20;

/// Lines and tokens tried one by one as objects, per input, after which
/// the rest are skipped: 8 MiB of base64 lines that are not objects cost
/// 130,000 decodes (1.6 s in the page's wasm) and none of them was one.
pub(super) const MAX_PIECE_TRIES: usize = 4096;

/// Collects the objects of one input, numbering them and reporting problems.
pub(super) struct Collector<'a> {
    index: usize,
    name: Option<String>,
    /// "chain.pem", or "Input 2" for a paste: how messages name the input.
    pub label: String,
    /// What the caller says the input is; a transcript resets it.
    pub hint: InputHint,
    password: Option<key::Password>,
    /// Units seen so far (PEM blocks and objects): the next `Source.block` is one more.
    block: usize,
    found: Found,
    /// This input's transcript facts, when it is an s_client transcript.
    pub transcript: Option<Transcript>,
    /// Findings raised for this input, and the codes of those not listed.
    problems: usize,
    suppressed: (Option<Code>, usize),
    /// Lines and tokens still worth trying one by one ([`MAX_PIECE_TRIES`]).
    pub piece_tries_left: usize,
    pub decoded: &'a mut Decoded,
    work: &'a mut Work,
    stage: Stage,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Collector<'a> {
    /// A collector for input `index`, which messages call `label`.
    pub fn new(
        index: usize,
        input: &super::Input,
        label: String,
        decoded: &'a mut Decoded,
        work: &'a mut Work,
        stage: Stage,
        findings: &'a mut Vec<Finding>,
    ) -> Self {
        Collector {
            index,
            name: input.name.clone(),
            label,
            hint: input.hint,
            password: input.password.clone(),
            block: 0,
            found: Found::default(),
            transcript: None,
            problems: 0,
            suppressed: (None, 0),
            piece_tries_left: MAX_PIECE_TRIES,
            decoded,
            work,
            stage,
            findings,
        }
    }

    pub fn next_block(&mut self) -> usize {
        self.block += 1;
        self.block
    }

    /// Whether any block or object was seen.
    pub fn found_anything(&self) -> bool {
        self.block > 0
    }

    /// Records a problem; after [`MAX_FINDINGS_PER_INPUT`] the rest are
    /// only counted, so a hostile paste cannot bury the report.
    pub fn finding(&mut self, code: Code, message: String) {
        if self.problems < MAX_FINDINGS_PER_INPUT {
            self.findings.push(Finding::new(code, message));
        } else {
            self.suppressed = (Some(self.suppressed.0.unwrap_or(code)), self.suppressed.1 + 1);
        }
        self.problems += 1;
    }

    /// A DER element that could not be read, as its one finding.
    pub fn problem(&mut self, problem: &DerProblem, place: &str) {
        let (code, message) = problem.finding(place);
        self.finding(code, message);
    }

    /// Whether the object budget has room for one more. Past it a block is
    /// only counted as refused, not decoded: decoding is most of the work
    /// in a paste of thousands of blocks.
    pub fn room_for_object(&mut self) -> bool {
        if self.work.left(Limit::Objects) > 0 {
            return true;
        }
        // Spending from an empty budget records the refusal and its count.
        self.work.spend(Limit::Objects, 1, self.stage);
        false
    }

    /// The input's summary, closing it: one finding for the problems that
    /// were only counted.
    pub fn finish(self, bytes: usize) -> InputSummary {
        if let (Some(code), count) = self.suppressed {
            let message = format!(
                "{} has {count} more problems like the ones above; they were not listed one by one.",
                self.label
            );
            self.findings.push(Finding::new(code, message));
        }
        summary::input_summary(self.index, self.name, bytes, &self.found, self.transcript.as_ref())
    }

    fn source(&self, block: usize, encoding: Encoding) -> Source {
        Source { input: self.index, name: self.name.clone(), block, encoding }
    }

    /// Pays for one object; its source when the budget allowed it.
    fn take(&mut self, block: usize, encoding: Encoding) -> Option<Source> {
        if !self.work.spend(Limit::Objects, 1, self.stage) {
            return None;
        }
        if !self.found.encodings.contains(&encoding) {
            self.found.encodings.push(encoding);
        }
        Some(self.source(block, encoding))
    }

    /// Routes one element by its kind. `place` names it in messages.
    pub fn push(&mut self, kind: Kind, der: &[u8], encoding: Encoding, block: usize, place: &str) {
        if self.hint == InputHint::OcspResponse && kind != Kind::OcspResponse {
            self.finding(Code::OcspUnparseable, format!("{place} is {}, not an OCSP response.", kind.describe()));
            return;
        }
        match kind {
            Kind::Certificate | Kind::Crl | Kind::OcspResponse => self.push_object(kind, der, encoding, block, place),
            Kind::Pkcs7 => self.push_bundle(der, encoding, block, place),
            Kind::PrivateKey => self.push_key(key::KeyBody::Plain(key::Secret::new(der.to_vec())), encoding, block),
            Kind::EncryptedPrivateKey => {
                let body = key::KeyBody::Encrypted { legacy: false, der: key::Secret::new(der.to_vec()) };
                self.push_key(body, encoding, block);
            }
            Kind::Pkcs12 => self.push_pfx(der, encoding, block, place),
            Kind::CertificateRequest => {
                if let Some(source) = self.take(block, encoding) {
                    self.found.requests += 1;
                    self.decoded.requests.push(RawObject { der: der.to_vec(), source });
                }
            }
            Kind::Unknown => self.finding(
                Code::InputUnrecognized,
                format!("{place} is DER-shaped but is not a certificate, OCSP response, CRL or PKCS#7 bundle."),
            ),
            Kind::OcspRequest | Kind::Pkcs7Other | Kind::PublicKey => {
                self.finding(Code::InputUnsupportedObject, format!("{place} is {}; it was skipped.", kind.describe()))
            }
        }
    }

    /// A certificate, CRL or OCSP response, within its size limit.
    fn push_object(&mut self, kind: Kind, der: &[u8], encoding: Encoding, block: usize, place: &str) {
        let limits = self.work.limits();
        let (limit, field) = match kind {
            Kind::Crl => (limits.max_crl_bytes, "max_crl_bytes"),
            Kind::OcspResponse => (limits.max_ocsp_response_bytes, "max_ocsp_response_bytes"),
            _ => (limits.max_certificate_bytes, "max_certificate_bytes"),
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
        let Some(source) = self.take(block, encoding) else { return };
        let raw = RawObject { der: der.to_vec(), source };
        match kind {
            Kind::Crl => {
                self.found.crls += 1;
                self.decoded.crls.push(raw);
            }
            Kind::OcspResponse => {
                self.found.ocsp_responses += 1;
                self.decoded.ocsp.push(raw);
            }
            _ => {
                self.found.certificates += 1;
                self.decoded.certs.push(raw);
            }
        }
    }

    /// A private key, kept (zeroized on drop) for the key-match check.
    /// Paid for as an object like any other.
    pub fn push_key(&mut self, body: key::KeyBody, encoding: Encoding, block: usize) {
        let Some(source) = self.take(block, encoding) else { return };
        self.found.keys += 1;
        self.decoded.keys.push(key::KeyObject { body, source, password: self.password.clone(), local_key_id: None });
    }

    /// The certificates of a PKCS#12 file, each its own block, with their
    /// friendlyName and localKeyId in `Decoded::pfx`.
    fn push_pfx(&mut self, der: &[u8], encoding: Encoding, block: usize, place: &str) {
        let mut report = PfxReport {
            source: self.source(block, encoding),
            opened: false,
            mac: None,
            encryption: Vec::new(),
            key_bags: 0,
            keys_compared: false,
            certificates: Vec::new(),
        };
        match pkcs12::open(der, self.password.as_ref(), self.work) {
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
                    self.push(Kind::Certificate, &cert.der, Encoding::Pkcs12, b, place);
                    report.certificates.push(PfxCertificate {
                        block: b,
                        certificate: None,
                        friendly_name: cert.friendly_name.clone(),
                        local_key_id: cert.local_key_id.clone(),
                    });
                }
                // Key bags (a password was given): for the key-match check, with their localKeyId.
                let keys_before = self.decoded.keys.len();
                for k in contents.keys {
                    let b = self.next_block();
                    self.push_key(k.body, Encoding::Pkcs12, b);
                    if let Some(last) = self.decoded.keys.last_mut().filter(|o| o.source.input == self.index && o.source.block == b) {
                        last.local_key_id = k.local_key_id;
                    }
                }
                report.keys_compared = self.decoded.keys.len() > keys_before;
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
            Err(pkcs12::PfxError::TooCostly { iterations, left }) => {
                let max = self.work.limits().max_kdf_iterations;
                self.finding(
                    Code::PfxTooCostly,
                    format!(
                        "{place} is a PKCS#12 (PFX) file whose password derivation asks for {iterations} iterations; certscope has {left} left of its {max} for one analysis (max_kdf_iterations), so it was not opened.",
                    ),
                )
            }
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
    fn push_bundle(&mut self, der: &[u8], encoding: Encoding, block: usize, place: &str) {
        // Inside a transcript the transcript is the source people know.
        let inner = match encoding {
            Encoding::Transcript => Encoding::Transcript,
            Encoding::Pem | Encoding::Der | Encoding::Base64 | Encoding::Hex | Encoding::Pkcs7 | Encoding::Pkcs12 => {
                Encoding::Pkcs7
            }
        };
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
            Err(pkcs7::Pkcs7Error::Truncated) => {
                self.problem(&DerProblem::Truncated { kind: Kind::Pkcs7, got: der.len(), need: None }, place)
            }
            Err(pkcs7::Pkcs7Error::TooDeep(depth)) => self.problem(&DerProblem::TooDeep { depth }, place),
            Err(pkcs7::Pkcs7Error::Malformed(why)) => self.finding(
                Code::InputUnrecognized,
                format!("{place} looks like a PKCS#7 bundle but cannot be read: {why}."),
            ),
        }
    }
}
