//! After the search: why the path stops where it does, and the signature
//! status of what lies outside it.

use super::{own_signature, Builder, Node};
use crate::chain::anchors::{anchor_self_signature, AnchorSource, Anchors};
use crate::report::{Code, Finding, MissingIssuer, SignatureStatus};
use crate::work::Stage;

/// Where each server takes its chain from (what the stapling lab's
/// "missing intermediate" scenario fixes on nginx and Apache).
const FULLCHAIN_FIX: &str = "nginx: `ssl_certificate` must name one file with the leaf first, then the intermediates (`cat leaf.pem intermediate.pem > fullchain.pem`). Apache 2.4.8 or later: `SSLCertificateFile` names that same full-chain file (before 2.4.8: `SSLCertificateChainFile intermediate.pem`). IIS: import the intermediate into the computer's Intermediate Certification Authorities store.";

impl<'a> Builder<'a, '_> {
    /// After the search: the diagnosis draws on what is left of the
    /// analysis's budget, unless the search ran out (then the bundle is
    /// hostile or absurd, and only what is already known is reported: no
    /// more checks). Returns whether the search ran out.
    pub fn start_diagnosis(&mut self) -> bool {
        self.stage = Stage::Chain;
        self.no_more_checks = self.exhausted;
        self.exhausted
    }

    /// A builder made after the search (for `settle_signatures`) carries
    /// on where the diagnosis stood.
    pub fn resume_diagnosis(&mut self, exhausted: bool) {
        self.exhausted = exhausted;
        self.start_diagnosis();
    }

    /// The signature status of an input certificate outside the path (or of
    /// a path top with no issuer), by its best candidate issuer.
    pub fn status_for(&mut self, i: usize) -> SignatureStatus {
        let mut unchecked = false;
        if self.is_self_issued(i) {
            let own = if self.info.get(i).is_some_and(|x| x.anchor.is_some()) {
                let certs = self.certs;
                certs.get(i).map(|c| anchor_self_signature(c, self.work, self.stage))
            } else {
                self.verify_self(i)
            };
            if own == Some(SignatureStatus::Valid) {
                return SignatureStatus::Valid;
            }
            unchecked = matches!(own, None | Some(SignatureStatus::NotChecked));
        }
        let (mut invalid, mut unsupported) = (false, false);
        for cand in self.potential_issuers(i) {
            match self.verify_by(i, cand) {
                Some(SignatureStatus::Valid) => return SignatureStatus::Valid,
                Some(SignatureStatus::Invalid) => invalid = true,
                Some(SignatureStatus::Unsupported) => unsupported = true,
                Some(SignatureStatus::IssuerMissing) => {}
                Some(SignatureStatus::NotChecked) | None => {
                    unchecked = true;
                    break;
                }
            }
        }
        if unchecked {
            // A candidate (or its own key) was left unchecked: nothing can be concluded.
            SignatureStatus::NotChecked
        } else if unsupported {
            SignatureStatus::Unsupported
        } else if invalid {
            SignatureStatus::Invalid
        } else {
            SignatureStatus::IssuerMissing
        }
    }

    /// Explains why the path stops at `top` without a trust anchor or a
    /// self-signed root, and returns the top's signature status and the
    /// missing issuer (if that is the reason).
    pub fn diagnose_top(
        &mut self,
        top: usize,
        path: &[Node<'a>],
        findings: &mut Vec<Finding>,
    ) -> (SignatureStatus, Option<MissingIssuer>, Option<usize>) {
        let Some(cert) = self.certs.get(top) else { return (SignatureStatus::IssuerMissing, None, None) };
        let issuer_name = cert.issuer_display_name();
        let (mut invalid_by, mut unsupported, mut looped) = (None, false, false);
        for cand in self.potential_issuers(top) {
            if self.in_path(path, cand) {
                looped = true;
                continue;
            }
            match self.verify_by(top, cand) {
                Some(SignatureStatus::Invalid) => {
                    invalid_by.get_or_insert(cand);
                }
                Some(SignatureStatus::Unsupported) => unsupported = true,
                Some(_) => {}
                None => break,
            }
        }
        if unsupported {
            findings.push(Finding::about(
                Code::SignatureAlgorithmUnsupported,
                top,
                format!(
                    "The signature on \"{}\" ({}) cannot be checked: certscope does not support this algorithm or key type, so its issuer \"{issuer_name}\" could not be confirmed.",
                    cert.display_name(),
                    cert.signature_algorithm().oid,
                ),
            ));
            return (SignatureStatus::Unsupported, None, None);
        }
        if let Some(signer) = invalid_by.and_then(|n| self.cert_of(n)) {
            findings.push(Finding::about(
                Code::SignatureInvalid,
                top,
                format!(
                    "The signature on \"{}\" does not verify with the key of \"{}\", the certificate named as its issuer.",
                    cert.display_name(),
                    signer.display_name()
                ),
            ));
            // The named issuer is the right one: the signature is what is
            // wrong. It is explained here, never called an extra
            // certificate to remove.
            let named_issuer = match invalid_by {
                Some(Node::Input(j)) => Some(j),
                _ => None,
            };
            return (SignatureStatus::Invalid, None, named_issuer);
        }
        if let Some(signer) = self.find_misnamed_signer(top, path) {
            let (which, signer_cert, explained) = match signer {
                Node::Input(j) => (format!("certificate {}", j + 1), self.certs.get(j), Some(j)),
                Node::Anchor(c, ..) => ("the trust anchor".to_string(), Some(c), None),
            };
            findings.push(Finding::about(
                Code::IssuerNameMismatch,
                top,
                format!(
                    "\"{}\" names its issuer \"{}\", but it was signed by the key of {which} (\"{}\", subject {}), whose subject differs.",
                    cert.display_name(),
                    cert.issuer_text(),
                    signer_cert.map(|c| c.display_name()).unwrap_or_default(),
                    signer_cert.map(|c| c.subject_text()).unwrap_or_default(),
                ),
            ));
            return (SignatureStatus::Valid, None, explained);
        }
        let urls = cert.ca_issuers_urls();
        let where_ = match urls.first() {
            Some(u) => format!(" It can be downloaded from {u} (the caIssuers URL in the certificate's AIA)."),
            None => " The certificate names no caIssuers URL to fetch it from.".to_string(),
        };
        let why = if looped {
            " (the only certificates with that name are already in the path: a cross-signing loop)"
        } else {
            ""
        };
        let finding = Finding::about(
            Code::IssuerMissing,
            top,
            format!(
                "The issuer of \"{}\", \"{issuer_name}\", is neither in the chain nor a trusted root{why}.{where_}",
                cert.display_name()
            ),
        );
        findings.push(match urls.first() {
            Some(u) => finding.with_remedy(format!(
                "Download the intermediate \"{issuer_name}\" from {u} and install it after \"{}\" in the chain file your server sends. {FULLCHAIN_FIX}",
                cert.display_name()
            )),
            None => finding,
        });
        let missing = MissingIssuer {
            name: cert.issuer_text().to_string(),
            short_name: cert.issuer_display_name(),
            ca_issuers_urls: urls.to_vec(),
        };
        (SignatureStatus::IssuerMissing, Some(missing), None)
    }

    /// An input certificate whose key verifies `top`'s signature although
    /// its subject is not `top`'s issuer name (RFC 5280 §6.1.3 (a)(4)).
    /// Tries key-id matches first; the diagnosis budget bounds the rest.
    fn find_misnamed_signer(&mut self, top: usize, path: &[Node<'a>]) -> Option<Node<'a>> {
        let aki = self.info.get(top).and_then(|x| x.aki);
        let wanted = self.info.get(top).map(|t| t.issuer_key.clone()).unwrap_or_default();
        let mut order: Vec<(bool, bool, Node<'a>)> = (0..self.certs.len())
            .filter(|&j| j != top && self.is_unique(j) && !self.in_path(path, Node::Input(j)))
            .filter_map(|j| {
                let x = self.info.get(j)?;
                (x.subject_key != wanted).then(|| (!(aki.is_some() && x.ski == aki), !x.is_ca, Node::Input(j)))
            })
            .collect();
        // The user's own anchors too (a CA given with --roots); Mozilla's
        // 150 are not tried by key alone.
        let anchors: &'a Anchors = self.anchors;
        for (u, a) in anchors.user.iter().enumerate() {
            if self.user_keys.get(u) != Some(&wanted) {
                let ski = a.subject_key_id();
                let status = own_signature(a, self.work, self.stage);
                order.push((!(aki.is_some() && ski == aki), false, Node::Anchor(a, AnchorSource::User, status)));
            }
        }
        order.sort_by_key(|(no_kid, not_ca, _)| (*no_kid, *not_ca));
        order.into_iter().map(|(_, _, n)| n).find(|&n| self.verify_by(top, n) == Some(SignatureStatus::Valid))
    }
}
