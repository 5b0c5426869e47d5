//! "Does this private key belong to this certificate?": nginx's "key
//! values mismatch" and Apache's "private key does not match", answered
//! before the server is restarted.
//!
//! Each private key's public half is derived ([`keypair`]) and compared
//! with every certificate's SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). The
//! report keeps which certificates matched, never a byte of the key; the
//! keys themselves are dropped (and zeroized) when the analysis ends.

use super::Cert;
use crate::input::key::{KeyBody, KeyObject};
use crate::input::pkcs12::{self, PfxError};
use crate::report::{Code, Finding, KeyMatchReport, KeyMatchStatus, PfxReport};
use crate::verify::keypair::{self, KeyError};
use crate::work::Work;
use crate::x509::describe_source;
use spki::SubjectPublicKeyInfoOwned;

/// Compares every key with every certificate. The work is one derivation
/// per key (an EC scalar multiplication at most) plus one comparison per
/// certificate, both bounded by `max_objects`, which counted the keys.
pub(crate) fn match_keys(
    keys: &[KeyObject],
    certs: &[Cert],
    requests: &[SubjectPublicKeyInfoOwned],
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> Vec<KeyMatchReport> {
    keys.iter().map(|k| match_one(k, certs, requests, work, findings)).collect()
}

fn match_one(
    key: &KeyObject,
    certs: &[Cert],
    requests: &[SubjectPublicKeyInfoOwned],
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> KeyMatchReport {
    let place = describe_source(&key.source);
    let mut report = KeyMatchReport {
        source: key.source.clone(),
        key: None,
        status: KeyMatchStatus::Unreadable,
        certificates: vec![],
        requests: vec![],
    };
    let decrypted;
    let der: &[u8] = match (&key.body, &key.password) {
        (KeyBody::Plain(secret), _) => secret.bytes(),
        // RFC 5958 §3 with the input's password, from the KDF budget.
        (KeyBody::Encrypted { legacy: false, der }, Some(password)) => {
            match pkcs12::decrypt_pkcs8(der.bytes(), password, work) {
                Ok(plain) => {
                    decrypted = plain;
                    &decrypted
                }
                Err(error) => {
                    let why = match error {
                        PfxError::WrongPassword => "the password given does not decrypt it".to_string(),
                        PfxError::TooCostly { iterations, left } => format!(
                            "its password derivation asks for {iterations} iterations and certscope has {left} left (max_kdf_iterations)"
                        ),
                        PfxError::Unsupported(what) | PfxError::Malformed(what) => what,
                        PfxError::NeedPassword => "it needs a password".to_string(),
                    };
                    findings.push(Finding::new(
                        Code::KeyUnreadable,
                        format!(
                            "The encrypted private key ({place}) could not be compared with the certificates: {why}."
                        ),
                    ));
                    return report;
                }
            }
        }
        (KeyBody::Encrypted { legacy, .. }, _) => {
            report.status = KeyMatchStatus::Encrypted;
            let how = if *legacy {
                "an OpenSSL legacy encrypted key (Proc-Type: 4,ENCRYPTED), which certscope does not decrypt"
            } else {
                "an encrypted PKCS#8 key, and no password was given"
            };
            findings.push(Finding::new(
                Code::KeyEncryptedNoPassword,
                format!("The private key ({place}) is {how}; certscope cannot compare it with the certificates."),
            ));
            return report;
        }
    };
    let public = match keypair::public_of_private(der) {
        Ok(public) => public,
        Err(error) => {
            let why = match error {
                KeyError::Unsupported(what) => format!("certscope does not derive public keys for {what}"),
                KeyError::Malformed(why) => why.to_string(),
            };
            findings.push(Finding::new(
                Code::KeyUnreadable,
                format!("The private key ({place}) could not be compared with the certificates: {why}."),
            ));
            return report;
        }
    };
    let described = public.describe();
    report.key = Some(described.clone());
    report.certificates = certs.iter().filter(|c| keypair::matches_spki(&public, c.spki())).map(|c| c.index).collect();
    report.requests =
        requests.iter().enumerate().filter(|(_, k)| keypair::matches_spki(&public, k)).map(|(i, _)| i).collect();
    let for_csr = match report.requests.as_slice() {
        [] => String::new(),
        [one] => format!(" It is also the key of CSR {}.", one + 1),
        more => format!(
            " It is also the key of CSRs {}.",
            more.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ")
        ),
    };
    if certs.is_empty() {
        report.status = KeyMatchStatus::NoCertificate;
        if !requests.is_empty() && report.requests.is_empty() {
            findings.push(Finding::new(
                Code::KeyDoesNotMatch,
                format!("The private key ({place}, {described}) is not the key of the CSR: the certificate the CA issues for this CSR will not match it (nginx: \"key values mismatch\"; Apache: the private key does not match)."),
            ));
        }
        return report;
    }
    let named = |c: &Cert| format!("certificate {} ({})", c.index + 1, c.display_name());
    let matched: Vec<String> = certs.iter().filter(|c| report.certificates.contains(&c.index)).map(named).collect();
    if matched.is_empty() {
        report.status = KeyMatchStatus::NoMatch;
        let count = if certs.len() == 1 {
            "the certificate".to_string()
        } else {
            format!("any of the {} certificates", certs.len())
        };
        findings.push(Finding::new(
            Code::KeyDoesNotMatch,
            format!(
                "The private key ({place}, {described}) does not match {count}: its public key is not the certificate's. \
                 A server given this pair refuses to start: nginx says \"SSL_CTX_use_PrivateKey(...) failed (SSL: error:05800074:x509 certificate routines::key values mismatch)\", \
                 Apache says \"AH02565: Certificate and private key ... do not match\" (the private key does not match the certificate).{for_csr} The key was compared in this page: it is not in the report, the JSON or a permalink, and it never left the browser."
            ),
        ));
    } else {
        report.status = KeyMatchStatus::Matches;
        findings.push(Finding::new(
            Code::KeyMatchesCertificate,
            format!(
                "The private key ({place}, {described}) belongs to {}: its public key is the certificate's.{for_csr} The key was checked in this page and is not part of the report.",
                matched.join(" and ")
            ),
        ));
    }
    report
}

/// RFC 7292 §4.2 / RFC 2985 §5.5.2: a PFX pairs a key bag with its
/// certificate by a shared localKeyId, and Windows and Java import the pair
/// by that mark. A key bag whose mark names a certificate whose public key
/// is not the key's is an export that installs a broken pair.
pub(crate) fn check_local_key_ids(
    keys: &[KeyObject],
    reports: &[KeyMatchReport],
    pfx: &[PfxReport],
    certs: &[Cert],
    findings: &mut Vec<Finding>,
) {
    for (key, report) in keys.iter().zip(reports) {
        let Some(id) = &key.local_key_id else { continue };
        // Only a key whose public half was derived can be judged.
        if report.key.is_none() {
            continue;
        }
        let marked: Vec<&Cert> = pfx
            .iter()
            .filter(|p| p.source.input == key.source.input)
            .flat_map(|p| &p.certificates)
            .filter(|c| c.local_key_id.as_ref() == Some(id))
            .filter_map(|c| {
                certs.iter().find(|x| {
                    x.source().input == key.source.input
                        && x.source().block == c.block
                        && x.source().encoding == crate::report::Encoding::Pkcs12
                })
            })
            .collect();
        for cert in marked.iter().filter(|c| !report.certificates.contains(&c.index())) {
            findings.push(Finding::new(
                Code::KeyDoesNotMatch,
                format!(
                    "The PFX's private key ({}) is marked (localKeyId {id}) as the key of certificate {} ({}), but it is not that certificate's key: Windows and Java import them as a pair, and the server then fails as with any mismatched key.",
                    describe_source(&key.source),
                    cert.index() + 1,
                    crate::x509::name::short_name(cert.subject()).unwrap_or_else(|| "(empty subject)".to_string())
                ),
            ));
        }
    }
}
