//! Is a certificate of the chain on the CRL? RFC 5280 §5.3.1 / §6.3.3:
//! the entry's serial, for a certificate of the entry's issuer (the CRL's
//! issuer, or the certificateIssuer of an indirect CRL, §5.3.3).
//! Serials go into a hash map once, so 14,000-entry CRLs stay fast.

use crate::chain::names::canonical;
use crate::report::CrlRevokedView;
use crate::time::Timestamp;
use crate::x509::Cert;
use der::Decode;
use std::collections::HashMap;
use x509_cert::crl::RevokedCert;
use x509_cert::ext::pkix::CrlReason;

/// Serials are signed INTEGERs and compare by exact value (PKITS 4.4.14:
/// 255 is `00 FF`, -1 is `FF`). Only octets DER calls redundant go: a
/// leading `00` before a clear top bit, or `FF` before a set one, so that
/// a sloppy non-minimal encoding still matches its minimal twin.
fn serial_key(bytes: &[u8]) -> &[u8] {
    let mut rest = bytes;
    while let [first, second, ..] = rest {
        let redundant = (*first == 0x00 && second & 0x80 == 0) || (*first == 0xFF && second & 0x80 != 0);
        if !redundant {
            break;
        }
        rest = rest.get(1..).unwrap_or(rest);
    }
    rest
}

/// RFC 5280 §5.3.1 reasonCode of an entry.
pub(crate) fn entry_reason_code(entry: &RevokedCert) -> Option<CrlReason> {
    let ext =
        entry.crl_entry_extensions.iter().flatten().find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CRL_REASONS)?;
    CrlReason::from_der(ext.extn_value.as_bytes()).ok()
}

/// RFC 5280 §5.3.1 reasonCode of an entry, in camelCase.
fn entry_reason(entry: &RevokedCert) -> Option<String> {
    entry_reason_code(entry).map(|r| crate::ocsp::reason_name(r).to_string())
}

/// RFC 5280 §5.3.3: in an indirect CRL, an entry's certificateIssuer names
/// the CA of that entry and of every following one until the next
/// certificateIssuer; before the first, entries are the CRL issuer's. Each
/// entry's issuer as an index into the returned canonical names (0 is the
/// CRL's issuer).
pub(crate) fn entry_issuers(entries: &[RevokedCert], crl_issuer_key: &str) -> (Vec<String>, Vec<usize>) {
    let mut names = vec![crl_issuer_key.to_string()];
    let mut current = 0;
    let mut of_entry = Vec::with_capacity(entries.len());
    for entry in entries {
        let named = entry
            .crl_entry_extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CERTIFICATE_ISSUER)
            .and_then(|e| x509_cert::ext::pkix::name::GeneralNames::from_der(e.extn_value.as_bytes()).ok())
            .and_then(|names| {
                names.into_iter().find_map(|n| match n {
                    x509_cert::ext::pkix::name::GeneralName::DirectoryName(d) => Some(canonical(&d)),
                    _ => None,
                })
            });
        if let Some(key) = named {
            current = names.iter().position(|n| *n == key).unwrap_or_else(|| {
                names.push(key);
                names.len() - 1
            });
        }
        of_entry.push(current);
    }
    (names, of_entry)
}

/// RFC 5280 §5.3.3: every certificateIssuer must name a directory name, or
/// it is unknown whose certificates the following entries are. The first
/// entry whose certificateIssuer does not, by position.
pub(crate) fn unreadable_certificate_issuer(entries: &[RevokedCert]) -> Option<usize> {
    entries.iter().position(|entry| {
        entry
            .crl_entry_extensions
            .iter()
            .flatten()
            .filter(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CERTIFICATE_ISSUER)
            .any(|e| {
                x509_cert::ext::pkix::name::GeneralNames::from_der(e.extn_value.as_bytes()).map_or(true, |names| {
                    !names.iter().any(|n| matches!(n, x509_cert::ext::pkix::name::GeneralName::DirectoryName(_)))
                })
            })
    })
}

/// A CRL's entries, indexed by serial for lookups.
pub(crate) struct EntryIndex<'e> {
    entries: &'e [RevokedCert],
    issuers: Vec<String>,
    issuer_of: Vec<usize>,
    by_serial: HashMap<&'e [u8], Vec<usize>>,
}

impl<'e> EntryIndex<'e> {
    pub(crate) fn new(entries: &'e [RevokedCert], crl_issuer_key: &str) -> Self {
        let (issuers, issuer_of) = entry_issuers(entries, crl_issuer_key);
        let mut by_serial: HashMap<&[u8], Vec<usize>> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            by_serial.entry(serial_key(e.serial_number.as_bytes())).or_default().push(i);
        }
        EntryIndex { entries, issuers, issuer_of, by_serial }
    }

    /// The entry for `cert`, whose issuer's canonical name is `issuer_key`:
    /// same serial, and listed under the same issuer (§5.3.3).
    pub(crate) fn find(&self, cert: &Cert, issuer_key: &str) -> Option<&'e RevokedCert> {
        let serial = cert.serial_bytes();
        let candidates = self.by_serial.get(serial_key(serial))?;
        candidates.iter().find_map(|&i| {
            let issuer = self.issuer_of.get(i).and_then(|k| self.issuers.get(*k))?;
            (issuer == issuer_key).then(|| self.entries.get(i)).flatten()
        })
    }
}

/// The view of one listed certificate.
pub(crate) fn revoked_view(cert: &Cert, entry: &RevokedCert) -> CrlRevokedView {
    CrlRevokedView {
        bytes: None,
        certificate: cert.index(),
        serial: crate::ocsp::hex(cert.serial_bytes()),
        revocation_date: Timestamp::from_x509(&entry.revocation_date),
        reason: entry_reason(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::{serial_key, unreadable_certificate_issuer};
    use der::asn1::OctetString;
    use x509_cert::crl::RevokedCert;
    use x509_cert::ext::Extension;

    fn entry(certificate_issuer: Option<&[u8]>) -> RevokedCert {
        RevokedCert {
            serial_number: x509_cert::serial_number::SerialNumber::new(&[1]).unwrap(),
            revocation_date: x509_cert::time::Time::UtcTime(
                der::asn1::UtcTime::from_unix_duration(std::time::Duration::from_secs(1_300_000_000)).unwrap(),
            ),
            crl_entry_extensions: certificate_issuer.map(|v| {
                vec![Extension {
                    extn_id: const_oid::db::rfc5280::ID_CE_CERTIFICATE_ISSUER,
                    critical: true,
                    extn_value: OctetString::new(v).unwrap(),
                }]
            }),
        }
    }

    /// A certificateIssuer that is not a GeneralNames with a directory name
    /// leaves its entries' issuer unknown (the CRL is then not used).
    #[test]
    fn unreadable_certificate_issuers_are_found() {
        // GeneralNames { directoryName: the empty Name }.
        let dir: &[u8] = &[0x30, 0x04, 0xA4, 0x02, 0x30, 0x00];
        // GeneralNames { dNSName "a" }.
        let dns: &[u8] = &[0x30, 0x03, 0x82, 0x01, b'a'];
        assert_eq!(unreadable_certificate_issuer(&[entry(None), entry(Some(dir))]), None);
        assert_eq!(unreadable_certificate_issuer(&[entry(None), entry(Some(dns))]), Some(1));
        assert_eq!(unreadable_certificate_issuer(&[entry(Some(&[0x04, 0x00]))]), Some(0));
    }

    #[test]
    fn serials_keep_their_sign() {
        assert_ne!(serial_key(&[0x00, 0xFF]), serial_key(&[0xFF]), "255 is not -1");
        assert_eq!(serial_key(&[0x00, 0x00, 0x7F]), [0x7F]);
        assert_eq!(serial_key(&[0xFF, 0xFF, 0x80]), [0x80]);
        assert_eq!(serial_key(&[0x00, 0x80]), [0x00, 0x80]);
        assert_eq!(serial_key(&[0x00]), [0x00]);
        assert_eq!(serial_key(&[]), [] as [u8; 0]);
    }
}
