//! Finding objects in whatever a person pastes: PEM blocks, DER, PKCS#7,
//! PKCS#12, base64 or hex of DER, `openssl s_client -showcerts -status`
//! transcripts.
//!
//! Runs first. Emits `input-empty`, `input-unrecognized`, `input-truncated`,
//! `input-too-large`, `input-too-many-objects`, `input-unsupported-object`,
//! and `ocsp-unparseable` for an `--ocsp` input that holds no OCSP response.
//! Leaves decoding certificates to `x509`, OCSP responses to `ocsp`, CRLs to
//! `crl`: this module only splits and classifies, handing each object on as
//! DER bytes with its [`Source`](crate::report::Source).
//!
//! One input flows through:
//! - [`sniff`]: text or binary, what a PEM label promises, what a DER
//!   element is from its shape;
//! - [`text`]: PEM blocks ([`pem`]), then base64 or hex outside them
//!   ([`base64`]), and a transcript's stapling facts ([`transcript`]);
//! - [`der`]: element boundaries, binary input, and the one finding for a
//!   broken element; PKCS#7 bundles open in [`pkcs7`], PFX files in [`pkcs12`];
//! - [`collect`]: routing, numbering and paying for each object;
//! - [`summary`]: what the input held (`InputSummary`).
//!
//! Nothing here trusts a length: every slice is checked, and work is paid
//! for from the analysis's [`Work`] under its [`Limits`](crate::options::Limits).

mod base64;
mod collect;
mod der;
pub(crate) mod key;
mod pem;
pub(crate) mod pkcs12;
pub(crate) mod pkcs7;
mod sniff;
mod summary;
#[cfg(test)]
mod tests;
mod text;
mod tls_msg;
pub(crate) mod transcript;

pub(crate) use transcript::{StapleClaim, Transcript, TranscriptOcsp};
// The OCSP stage's tests build claims field by field.
#[cfg(test)]
pub(crate) use transcript::ClaimedSingle;

use crate::report::{Code, Finding, InputSummary, Source};
use crate::work::{Limit, Stage, Work};
use collect::Collector;

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
    let refused_before = work.refused_units(Limit::Objects);
    let also_anchors = if stage == Stage::Anchors { " and trust anchors" } else { "" };
    let readable = work.spend_up_to(Limit::Inputs, inputs.len(), stage);
    for (index, input) in inputs.iter().enumerate().take(readable) {
        let label = match &input.name {
            Some(name) => name.clone(),
            None if inputs.len() == 1 => "The input".to_string(),
            None => format!("Input {}", index + 1),
        };
        let take = work.spend_up_to(Limit::InputBytes, input.bytes.len(), stage);
        if take < input.bytes.len() {
            findings.push(Finding::new(
                Code::InputTooLarge,
                format!(
                    "{label} is {} bytes; certscope read only the first {take} of them, as its limit is {} bytes for all inputs{also_anchors} together (max_input_bytes).",
                    input.bytes.len(),
                    limits.max_input_bytes,
                ),
            ));
        }
        let bytes = input.bytes.get(..take).unwrap_or_default();
        let mut sink = Collector::new(index, input, label, &mut decoded, work, stage, findings);
        if take > 0 || input.bytes.is_empty() {
            decode_one(bytes, &mut sink);
        }
        let summary = sink.finish(input.bytes.len());
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
    let refused = work.refused_units(Limit::Objects) - refused_before;
    if refused > 0 {
        findings.push(Finding::new(
            Code::InputTooManyObjects,
            format!(
                "The inputs{also_anchors} hold more than {} objects (max_objects); the {refused} after that limit were not decoded.",
                limits.max_objects,
            ),
        ));
    }
    decoded
}

/// One input: binary DER, or text holding PEM, base64, hex or a transcript.
fn decode_one(bytes: &[u8], sink: &mut Collector<'_>) {
    match sniff::as_text(bytes) {
        Some(text) if text.trim().is_empty() => {
            let message = format!("{} is empty.", sink.label);
            sink.finding(Code::InputEmpty, message);
        }
        Some(text) => text::decode_text(&text, sink, false),
        None if bytes.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) => {
            let message = format!("{} is empty (only zero bytes).", sink.label);
            sink.finding(Code::InputEmpty, message);
        }
        None => der::decode_der_stream(bytes, sink),
    }
}
