//! Finding objects in whatever a person pastes: PEM blocks, DER, PKCS#7,
//! base64 of DER, `openssl s_client -showcerts -status` transcripts.
//!
//! Runs first. Emits `input-*` findings. Leaves decoding certificates to
//! `x509`, OCSP responses to `ocsp`, CRLs to `crl`: this module only splits
//! and classifies, handing each object on as DER bytes with its [`Source`].

use crate::options::Limits;
use crate::report::{Code, Finding, InputSummary, Source};

/// One file or paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// A file name, shown in messages ("chain.pem block 2").
    pub name: Option<String>,
    pub bytes: Vec<u8>,
    pub hint: InputHint,
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
        Input { name: None, bytes: text.as_bytes().to_vec(), hint: InputHint::Any }
    }
    pub fn bytes(name: Option<String>, bytes: Vec<u8>) -> Self {
        Input { name, bytes, hint: InputHint::Any }
    }
    pub fn ocsp(name: Option<String>, bytes: Vec<u8>) -> Self {
        Input { name, bytes, hint: InputHint::OcspResponse }
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
    /// The decoded response text only ("OCSP Response Data: …").
    TextOnly {
        status: Option<String>,
        this_update: Option<String>,
        next_update: Option<String>,
        cert_status: Option<String>,
    },
    /// No `-status` flag was used: the transcript says nothing about OCSP.
    NotRequested,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transcript {
    pub ocsp: TranscriptOcsp,
}

/// Everything found in all inputs, by kind, in input order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Decoded {
    pub certs: Vec<RawObject>,
    pub ocsp: Vec<RawObject>,
    pub crls: Vec<RawObject>,
    pub transcript: Option<Transcript>,
    pub inputs: Vec<InputSummary>,
}

pub(crate) fn decode_inputs(inputs: &[Input], _limits: &Limits, findings: &mut Vec<Finding>) -> Decoded {
    // Placeholder until the splitter lands: report what could not be read.
    let mut decoded = Decoded::default();
    for (index, input) in inputs.iter().enumerate() {
        decoded.inputs.push(InputSummary {
            index,
            name: input.name.clone(),
            bytes: input.bytes.len(),
            found: String::new(),
        });
        if input.bytes.iter().all(u8::is_ascii_whitespace) {
            findings.push(Finding::new(Code::InputEmpty, "The input is empty."));
        } else {
            findings.push(Finding::new(
                Code::InputUnrecognized,
                "No certificate, OCSP response or CRL was found in the input.",
            ));
        }
    }
    if inputs.is_empty() {
        findings.push(Finding::new(Code::InputEmpty, "Nothing was given to check."));
    }
    decoded
}
