//! Is a certificate of the chain on the CRL? RFC 5280 §5.3.1 / §6.3.3:
//! the entry's serial, for a certificate issued by the CRL's issuer.
//! Serials go into a hash map once, so 14,000-entry CRLs stay fast.

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

/// RFC 5280 §5.3.1 reasonCode of an entry, in camelCase.
fn entry_reason(entry: &RevokedCert) -> Option<String> {
    let ext =
        entry.crl_entry_extensions.iter().flatten().find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CRL_REASONS)?;
    CrlReason::from_der(ext.extn_value.as_bytes()).ok().map(|r| crate::ocsp::reason_name(r).to_string())
}

/// The certificates among `ours` (those issued by the CRL's issuer, RFC
/// 5280 §7.1 name comparison, chosen by the caller) that `entries` lists.
pub(crate) fn find_revoked(entries: &[RevokedCert], ours: &[&Cert]) -> Vec<CrlRevokedView> {
    if ours.is_empty() {
        return Vec::new();
    }
    let by_serial: HashMap<&[u8], &RevokedCert> =
        entries.iter().map(|e| (serial_key(e.serial_number.as_bytes()), e)).collect();
    ours.iter()
        .filter_map(|c| {
            let serial = c.cert.tbs_certificate.serial_number.as_bytes();
            let entry = by_serial.get(serial_key(serial))?;
            Some(CrlRevokedView {
                certificate: c.index,
                serial: crate::ocsp::hex(serial),
                revocation_date: Timestamp::from_x509(&entry.revocation_date),
                reason: entry_reason(entry),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::serial_key;

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
