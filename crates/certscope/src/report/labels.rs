//! Every word the report's enums and summary rows are shown with: the CLI's
//! text and Markdown, the web page's components and the summary values all
//! take their words from here, so each state has one wording. Every match
//! is exhaustive: a new variant does not compile until it has its words.
//! (The JSON words are the enums' `as_str`; finding titles and remedies
//! are the catalog in `code.rs`.)

use super::*;
use crate::options::Profile;

/// The install-check table's row labels.
pub const fn row_label(id: RowId) -> &'static str {
    match id {
        RowId::Certificate => "Certificate",
        RowId::Valid => "Valid",
        RowId::ChainIssues => "Chain Issues",
        RowId::Trusted => "Trusted",
        RowId::RevocationInformation => "Revocation Information",
        RowId::CrlStatus => "CRL Status",
        RowId::OcspStatus => "OCSP Status",
        RowId::OcspStapling => "OCSP Stapling",
        RowId::OcspMustStaple => "OCSP Must Staple",
        RowId::HostName => "Host Name",
    }
}

/// The verdict in one word, for the terminal's header line.
pub const fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "OK",
        Verdict::Warning => "WARNING",
        Verdict::Error => "ERROR",
    }
}

/// The verdict as the page's headline says it.
pub const fn verdict_headline(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "No problems found",
        Verdict::Warning => "Works, with warnings",
        Verdict::Error => "Problems found",
    }
}

/// A row's badge in the terminal (the page draws it).
pub const fn badge_word(b: Badge) -> &'static str {
    match b {
        Badge::Good => "OK",
        Badge::Warning => "WARN",
        Badge::Error => "FAIL",
        Badge::Neutral => "--",
    }
}

/// Which profile judged the verdict, and how to get the other one.
pub const fn profile_line(profile: Profile) -> &'static str {
    match profile {
        Profile::Browsers => {
            "Judged as browsers do (strict-only rules are warnings; --strict for RFC 5280 and CA/B Forum)"
        }
        Profile::Strict => "Judged strictly: RFC 5280 and CA/B Forum profiles, as pyca and Go",
    }
}

/// How an object was written: "PEM", "PKCS#7", …
pub const fn encoding(e: Encoding) -> &'static str {
    match e {
        Encoding::Pem => "PEM",
        Encoding::Der => "DER",
        Encoding::Base64 => "base64",
        Encoding::Hex => "hex",
        Encoding::Pkcs7 => "PKCS#7",
        Encoding::Pkcs12 => "PKCS#12",
        Encoding::Transcript => "openssl s_client transcript",
    }
}

/// Whether a private key belongs to the certificates given.
pub const fn key_match(s: KeyMatchStatus) -> &'static str {
    match s {
        KeyMatchStatus::Matches => "Matches",
        KeyMatchStatus::NoMatch => "Does not match",
        KeyMatchStatus::NoCertificate => "No certificate to compare with",
        KeyMatchStatus::Encrypted => "Encrypted: give its password",
        KeyMatchStatus::Unreadable => "Could not be read",
    }
}

/// A certificate's place in the chain.
pub const fn role(r: Role) -> &'static str {
    match r {
        Role::Leaf => "leaf",
        Role::Intermediate => "intermediate",
        Role::Root => "root",
        Role::Extra => "extra certificate",
        Role::Duplicate => "duplicate",
    }
}

/// A certificate's, CRL's or CSR's signature, after "signature".
pub const fn signature(s: SignatureStatus) -> &'static str {
    match s {
        SignatureStatus::Valid => "valid",
        SignatureStatus::Invalid => "INVALID",
        SignatureStatus::IssuerMissing => "not checked: no issuer",
        SignatureStatus::Unsupported => "not checked: algorithm unsupported",
        SignatureStatus::NotChecked => "not checked: budget spent",
    }
}

/// Where a path's link came from (for the anchor: which trust store).
pub const fn anchor_source(a: AnchorSource) -> &'static str {
    match a {
        AnchorSource::Input => "from the input",
        AnchorSource::Mozilla => "from Mozilla's root store",
        AnchorSource::User => "from the supplied trust anchors",
    }
}

/// An OCSP response's signature and its signer's authority.
pub const fn ocsp_signature(s: OcspSignature) -> &'static str {
    match s {
        OcspSignature::Valid => "signature verified",
        OcspSignature::Invalid => "signature INVALID",
        OcspSignature::UnauthorizedResponder => "signed by an unauthorized responder",
        OcspSignature::Unverifiable => "signer could not be verified",
    }
}

/// Who signed an OCSP response.
pub const fn responder(r: ResponderKind) -> &'static str {
    match r {
        ResponderKind::Issuer => "the issuer",
        ResponderKind::Delegated => "a delegated responder",
        ResponderKind::Unknown => "not determined",
    }
}

/// How the responderID names the responder.
pub const fn responder_id(k: ResponderIdKind) -> &'static str {
    match k {
        ResponderIdKind::ByName => "by name",
        ResponderIdKind::ByKey => "by key hash",
    }
}

/// "Good", "Revoked", "Unknown".
pub const fn certificate_status(s: CertificateStatus) -> &'static str {
    match s {
        CertificateStatus::Good => "Good",
        CertificateStatus::Revoked => "Revoked",
        CertificateStatus::Unknown => "Unknown",
    }
}

/// Whether a response or CRL is current, in a word or two.
pub const fn freshness(f: Freshness) -> &'static str {
    match f {
        Freshness::Fresh => "fresh",
        Freshness::Stale => "stale",
        Freshness::NotYetValid => "not yet valid",
    }
}

/// What a responseStatus means for a server that wants to staple (RFC 6960 §4.2.1).
pub const fn response_status_meaning(s: ResponseStatus) -> &'static str {
    match s {
        ResponseStatus::Successful => "The responder answered; the status of each certificate is in the response.",
        ResponseStatus::MalformedRequest => {
            "The responder could not understand the request: whatever asked (the server or a tool) sent a malformed OCSP request. Nothing can be stapled from this answer."
        }
        ResponseStatus::InternalError => {
            "The responder had an internal error. The server should keep its previous staple and retry later; if it persists, contact the CA."
        }
        ResponseStatus::TryLater => {
            "The responder is temporarily unable to answer. The server should keep its previous staple and retry later."
        }
        ResponseStatus::SigRequired => {
            "The responder only answers signed requests, which web servers do not send: stapling cannot work with this responder."
        }
        ResponseStatus::Unauthorized => {
            "The responder is not authoritative for this certificate: the request went to the wrong OCSP URL, or the CA no longer answers for it."
        }
        ResponseStatus::Unparseable => "The OCSP response could not be decoded.",
        ResponseStatus::Other(_) => "This responseStatus is not defined by RFC 6960; the response cannot be used.",
    }
}

/// What a transcript shows the server did about stapling.
pub const fn stapling_state(s: StaplingState) -> &'static str {
    match s {
        StaplingState::Stapled => "The server stapled an OCSP response.",
        StaplingState::NotSent => {
            "The server sent no OCSP response: stapling is off, or the server has not fetched a response yet (nginx fetches after the first handshakes)."
        }
        StaplingState::NotRequested => {
            "The transcript was made without -status, so it says nothing about stapling."
        }
    }
}

/// The leaf's status by the CRLs given, as the summary row says it.
pub const fn crl_status(s: CrlStatus) -> &'static str {
    match s {
        CrlStatus::NotRevoked => "Not revoked — the CRLs given cover the leaf",
        CrlStatus::Revoked => "Revoked — listed on a CRL given",
        CrlStatus::Undetermined => "Could not be determined — no CRL given covers the leaf for every reason",
    }
}

/// "applies …" / "not applicable to this certificate, because …".
pub const fn crl_scope(s: CrlScope) -> &'static str {
    match s {
        CrlScope::Applies => "applies",
        CrlScope::AppliesForSomeReasons => "applies for some revocation reasons only (onlySomeReasons)",
        CrlScope::OtherIssuer => "not applicable to this certificate, because another CA issued it",
        CrlScope::NotIndirect => {
            "not applicable to this certificate, because the CRL is not an indirect CRL (indirectCRL is not set) yet the certificate names its issuer as cRLIssuer"
        }
        CrlScope::OtherDistributionPoint => {
            "not applicable to this certificate, because the CRL is for a distribution point the certificate does not name"
        }
        CrlScope::OnlyUserCerts => {
            "not applicable to this certificate, because the CRL covers end-entity certificates only (onlyContainsUserCerts) and this is a CA"
        }
        CrlScope::OnlyCaCerts => {
            "not applicable to this certificate, because the CRL covers CA certificates only (onlyContainsCACerts) and this is not a CA"
        }
        CrlScope::OnlyAttributeCerts => {
            "not applicable to this certificate, because the CRL covers attribute certificates only (onlyContainsAttributeCerts)"
        }
    }
}

/// Codes that count as "Chain Issues" on an install-check page, in the
/// order they are listed, with the words such a page uses.
pub const CHAIN_ISSUES: &[(Code, &str)] = &[
    (Code::NoCertificate, "No certificate"),
    (Code::IssuerMissing, "Incomplete (missing intermediate)"),
    (Code::IssuerNameMismatch, "Issuer name mismatch"),
    (Code::SignatureInvalid, "Invalid signature"),
    (Code::WrongOrder, "Incorrect order"),
    (Code::DuplicateCertificate, "Duplicate certificate"),
    (Code::ExtraCertificate, "Extra certificates"),
    (Code::RootIncluded, "Contains anchor"),
    (Code::RootCopyInvalid, "Damaged root copy"),
    (Code::UntrustedRoot, "Untrusted root"),
    (Code::SelfSignedLeaf, "Self-signed"),
    (Code::IssuerNotCa, "Issuer is not a CA"),
    (Code::IssuerMissingKeyCertSign, "Issuer may not sign certificates"),
    (Code::PathLengthExceeded, "Path length exceeded"),
    (Code::NameConstraintsViolated, "Name constraints violated"),
    (Code::PathBudgetExceeded, "Too many candidates to search"),
    (Code::PolicyRequiredNoneValid, "No acceptable certificate policy"),
    (Code::PolicyTreeTooLarge, "Too many policies to evaluate"),
    (Code::PolicyDuplicate, "Malformed policy extension"),
    (Code::PolicyMappingAnyPolicy, "Malformed policy extension"),
    (Code::PolicyExtensionMalformed, "Malformed policy extension"),
];

/// How an install-check page names a chain issue; `None` for a code that
/// is not one.
pub fn chain_issue(code: Code) -> Option<&'static str> {
    CHAIN_ISSUES.iter().find(|(c, _)| *c == code).map(|(_, words)| *words)
}

/// "2.23.140.1.2.1 (DV)", or the bare OID.
pub fn policy_name(p: &PolicyName) -> String {
    match p.name {
        Some(name) => format!("{} ({name})", p.oid),
        None => p.oid.clone(),
    }
}

/// "Policies on this path: 2.23.140.1.2.1 (DV), …", the same words in
/// the CLI and the app.
pub fn policy_line(p: &PolicyReport) -> String {
    let listed: Vec<String> = p.user_constrained.iter().map(policy_name).collect();
    let policies = if listed.is_empty() { "none".to_string() } else { listed.join(", ") };
    let failed = if p.valid { "" } else { " (policy processing failed: see the findings)" };
    format!("Policies on this path: {policies}{failed}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_distinct_label() {
        let ids = [
            RowId::Certificate,
            RowId::Valid,
            RowId::ChainIssues,
            RowId::Trusted,
            RowId::RevocationInformation,
            RowId::CrlStatus,
            RowId::OcspStatus,
            RowId::OcspStapling,
            RowId::OcspMustStaple,
            RowId::HostName,
        ];
        let mut labels: Vec<&str> = ids.iter().map(|id| row_label(*id)).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), ids.len());
    }

    #[test]
    fn chain_issues_are_listed_once() {
        for (i, (code, _)) in CHAIN_ISSUES.iter().enumerate() {
            assert!(!CHAIN_ISSUES.iter().skip(i + 1).any(|(c, _)| c == code), "{code:?}");
        }
        assert_eq!(chain_issue(Code::WrongOrder), Some("Incorrect order"));
        assert_eq!(chain_issue(Code::OcspStale), None);
    }
}
