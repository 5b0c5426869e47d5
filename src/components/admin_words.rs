//! The words of the admin panel (`admin_panel.rs`): private keys, CSRs and
//! PFX files. Kept together, as small functions, so they can move into
//! the report's labels with the rest of the report's words.

use certscope::report::{labels, KeyMatchStatus};

use super::status_badge::Tone;

pub const KEYS_HEADING: &str = "Private keys";
pub const CSRS_HEADING: &str = "Certificate signing requests (CSRs)";
pub const PFX_HEADING: &str = "PFX / PKCS#12 files";

/// Said once above the keys: where the key went, and why this is safer
/// than a web form.
pub const KEY_STAYS_HERE: &str = "Compared in this page: the key never left your browser, and no byte of it is in the \
     report, the JSON, the Markdown, a copy or a permalink. A \"key matcher\" web form sends your key to its server.";

/// What servers print for a key that is not the certificate's (nginx, then
/// Apache), so a person who searched for the message finds the answer.
pub const NGINX_MISMATCH: &str =
    "nginx: SSL_CTX_use_PrivateKey(...) failed (SSL: error:05800074:x509 certificate routines::key values mismatch)";
pub const APACHE_MISMATCH: &str = "Apache: AH02565: Certificate and private key ... do not match";

/// A key's outcome, as a badge.
pub const fn key_status(status: KeyMatchStatus) -> (Tone, &'static str) {
    let tone = match status {
        KeyMatchStatus::Matches => Tone::Good,
        KeyMatchStatus::NoMatch => Tone::Error,
        KeyMatchStatus::NoCertificate => Tone::Neutral,
        KeyMatchStatus::Encrypted | KeyMatchStatus::Unreadable => Tone::Warning,
    };
    (tone, labels::key_match(status))
}

/// "certificate #1 (www.example.test)"
pub fn certificate(index: usize, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("certificate #{} ({n})", index + 1),
        None => format!("certificate #{}", index + 1),
    }
}

/// What a CSR was issued for, when no certificate was.
pub const fn csr_not_issued(certificates_given: usize) -> &'static str {
    if certificates_given == 0 {
        "No certificate given to compare with"
    } else {
        "None of the certificates given"
    }
}

pub const fn pfx_opened(opened: bool) -> (Tone, &'static str) {
    if opened {
        (Tone::Good, "Opened")
    } else {
        (Tone::Error, "Not opened (see the findings)")
    }
}

/// "1 (compared with the certificates above)": `compared` when the key
/// bags went to the key-match check (a password was given).
pub fn key_bags(n: usize, compared: bool) -> String {
    match (n, compared) {
        (0, _) => "None".to_string(),
        (n, true) => format!("{n} (compared with the certificates under Private keys; not kept)"),
        (n, false) => format!("{n} (not decrypted)"),
    }
}

pub const NONE: &str = "None";
pub const NO_MAC: &str = "None (the file has no integrity check)";
pub const NOT_ENCRYPTED: &str = "Not encrypted";
