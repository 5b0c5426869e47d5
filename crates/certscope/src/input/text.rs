//! Text input: PEM blocks anywhere ([`pem`]), then base64 or hex of DER
//! outside them ([`base64`]); an `openssl s_client` transcript adds its
//! stapling facts ([`transcript`]).

use super::collect::Collector;
use super::der::{self, DerProblem, TlvError};
use super::sniff::{self, Kind};
use super::{base64, key, pem, transcript, InputHint};
use crate::report::{Code, Encoding};

/// Reads `text` in text order, so that block numbers count what the person
/// sees. `nested`: `text` is itself the base64 of a PEM file.
pub(super) fn decode_text(text: &str, sink: &mut Collector<'_>, nested: bool) {
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
    let block_encoding = if sink.transcript.is_some() { Encoding::Transcript } else { Encoding::Pem };
    let total = scan.blocks.len();
    if total == 0 && decode_encoded(text, sink, true) {
        return;
    }
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
fn push_staple(sink: &mut Collector<'_>) {
    let Some(der) = sink.transcript.as_mut().and_then(|t| t.staple_der.take()) else { return };
    let before = sink.decoded.ocsp.len();
    let block = sink.next_block();
    let place = format!("{}: the stapled OCSP response in the -msg dump", sink.label);
    // Whatever the bytes are, the OCSP decoder says what is wrong with them.
    sink.push(Kind::OcspResponse, &der, Encoding::Transcript, block, &place);
    let source =
        if sink.decoded.ocsp.len() > before { sink.decoded.ocsp.last().map(|r| r.source.clone()) } else { None };
    if let Some(t) = sink.transcript.as_mut() {
        t.staple_source = source;
    }
}

/// Base64 or hex objects in the text around PEM blocks.
fn decode_outside(segment: &str, sink: &mut Collector<'_>) {
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
fn decode_run(run: &[&str], sink: &mut Collector<'_>) {
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

/// One line or token that may be a whole object; misses are counted
/// against [`super::collect::MAX_PIECE_TRIES`].
fn try_piece(piece: &str, sink: &mut Collector<'_>) {
    if sink.piece_tries_left == 0 {
        return;
    }
    if !decode_encoded(piece, sink, false) {
        sink.piece_tries_left -= 1;
    }
}

fn decode_pem_block(block: &pem::PemBlock, place: &str, encoding: Encoding, b: usize, sink: &mut Collector<'_>) {
    if !block.complete {
        let got = base64::decode_base64_prefix(&block.body).len();
        sink.finding(
            Code::InputTruncated,
            format!("{place} is cut off after {got} bytes: there is no -----END {}----- line.", block.label),
        );
        return;
    }
    let expected = match sniff::pem_kind(&block.label) {
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
    if !sink.room_for_object() {
        return;
    }
    let Some(mut bytes) = base64::decode_base64(&block.body) else {
        sink.finding(Code::InputUnrecognized, format!("{place} is not valid base64 inside its BEGIN and END lines."));
        return;
    };
    match der::element_len(&bytes) {
        Ok(_) if bytes.first() != Some(&0x30) => sink.problem(&DerProblem::not_der(&bytes), place),
        Ok(n) => {
            let first = bytes.get(..n).unwrap_or_default();
            // The shape overrides the label when it is unambiguous (a CRL
            // pasted as CERTIFICATE); a malformed object keeps its label so
            // that its own decoder says what is wrong.
            let kind = sniff::sniff_sure(first).unwrap_or(expected);
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
        Err(error) => sink.problem(&DerProblem::of(error, &bytes), place),
    }
}

/// Base64 or hex of whole DER elements (`whole`: the complete input, where
/// a cut-off or too deeply nested element is worth reporting). Returns
/// whether something was found.
fn decode_encoded(text: &str, sink: &mut Collector<'_>, whole: bool) -> bool {
    let compact_len = text.chars().filter(|c| !c.is_whitespace()).count();
    if compact_len < 4 {
        return false;
    }
    let (bytes, encoding) = match base64::decode_hex(text) {
        Some(b) => (b, Encoding::Hex),
        None => match base64::decode_base64(text) {
            Some(b) => (b, Encoding::Base64),
            // Base64 cut mid-quad does not decode; its whole quads still
            // tell what it was.
            None if whole && is_base64_text(text) => (base64::decode_base64_prefix(text), Encoding::Base64),
            None => return false,
        },
    };
    let problem = match der::element_len(&bytes) {
        Ok(n) if n == bytes.len() => {
            let kind = sniff::sniff(&bytes);
            if kind == Kind::Unknown && !whole {
                return false;
            }
            let b = sink.next_block();
            let place = format!("{} ({}, block {b})", sink.label, crate::report::labels::encoding(encoding));
            sink.push(kind, &bytes, encoding, b, &place);
            return true;
        }
        Ok(_) => return false,
        Err(error @ (TlvError::Truncated { .. } | TlvError::TooDeep)) if whole => DerProblem::of(error, &bytes),
        Err(_) => return false,
    };
    // Anything else that does not delimit is left for the caller's "no
    // object found": base64-looking prose decodes to noise.
    if matches!(problem, DerProblem::HugeLength { .. } | DerProblem::NotDer { .. }) {
        return false;
    }
    let b = sink.next_block();
    let place = format!("{} ({}, block {b})", sink.label, crate::report::labels::encoding(encoding));
    sink.problem(&problem, &place);
    true
}
