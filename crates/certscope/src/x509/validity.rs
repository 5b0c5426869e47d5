//! Validity times that der 0.7 cannot hold, read by hand (RFC 5280
//! §4.1.2.5): UTCTime years 1950–1969 (valid, but before der's 1970
//! epoch, as in NIST PKITS 4.2.3) and malformed times (a 15-digit
//! UTCTime, which OpenSSL prints as "Bad time value").
//!
//! Runs only when the certificate does not decode as is: the validity is
//! swapped for a placeholder so x509-cert can decode everything else, and
//! the times read here stand in for it. The bytes that were signed are
//! never touched.

use crate::time::Timestamp;
use der::{Decode, Encode, Header, Length, Reader, Tag, Tagged};

/// The validity as read by hand, and what was wrong with it.
pub(crate) struct Times {
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    /// One phrase per unreadable time, for `input-nonconformant`.
    pub problems: Vec<String>,
}

/// UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1) or GeneralizedTime
/// (YYYYMMDDHHMMSSZ, §4.1.2.5.2) as DER spells them; `None` otherwise.
pub(crate) fn parse_time(tag: Tag, value: &[u8]) -> Option<Timestamp> {
    let text = std::str::from_utf8(value).ok()?;
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match (tag, digits.len()) {
        (Tag::UtcTime, 12) => {
            let yy: i64 = digits.get(0..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, digits.get(2..)?)
        }
        (Tag::GeneralizedTime, 14) => (digits.get(0..4)?.parse().ok()?, digits.get(4..)?),
        _ => return None,
    };
    let field = |i: usize| -> Option<u32> { rest.get(i..i + 2)?.parse().ok() };
    Timestamp::from_civil(year, field(0)?, field(2)?, field(4)?, field(6)?, field(8)?)
}

fn describe(tag: Tag, value: &[u8]) -> String {
    let kind = match tag {
        Tag::UtcTime => "UTCTime",
        Tag::GeneralizedTime => "GeneralizedTime",
        _ => "a non-time value",
    };
    format!("{kind} \"{}\"", String::from_utf8_lossy(value).escape_default())
}

fn sequence(content: &[u8]) -> Option<Vec<u8>> {
    let mut out = Header::new(Tag::Sequence, Length::try_from(content.len()).ok()?).ok()?.to_der().ok()?;
    out.extend_from_slice(content);
    Some(out)
}

/// A certificate DER with its validity replaced by a placeholder that der
/// can decode, and the real times read by hand.
pub(crate) fn patch_validity(der: &[u8]) -> Option<(Vec<u8>, Times)> {
    let mut reader = der::SliceReader::new(der).ok()?;
    let _outer = Header::decode(&mut reader).ok()?;
    let tbs = reader.tlv_bytes().ok()?;
    let rest = reader.read_slice(reader.remaining_len()).ok()?;

    let mut tbs_reader = der::SliceReader::new(tbs).ok()?;
    let _tbs_header = Header::decode(&mut tbs_reader).ok()?;
    let mut elements = Vec::new();
    while !tbs_reader.is_finished() {
        elements.push(tbs_reader.tlv_bytes().ok()?);
    }
    let skip = usize::from(*elements.first()?.first()? == 0xa0);
    let validity_at = skip + 3;
    let validity = *elements.get(validity_at)?;

    let times: Vec<der::Any> = Vec::<der::Any>::from_der(validity).ok()?;
    let [not_before, not_after] = times.as_slice() else { return None };
    let nb = parse_time(not_before.tag(), not_before.value());
    let na = parse_time(not_after.tag(), not_after.value());
    let mut problems = Vec::new();
    if nb.is_none() {
        problems
            .push(format!("its notBefore ({}) is not a valid time", describe(not_before.tag(), not_before.value())));
    }
    if na.is_none() {
        problems.push(format!(
            "its notAfter ({}) is not a valid time, so it is taken as equal to notBefore",
            describe(not_after.tag(), not_after.value())
        ));
    }
    // An unreadable bound collapses onto the other, so the window is never
    // longer than what the certificate can be shown to say.
    let (not_before, not_after) = match (nb, na) {
        (Some(b), Some(a)) => (b, a),
        (Some(b), None) => (b, b),
        (None, Some(a)) => (a, a),
        (None, None) => (Timestamp::from_unix(0), Timestamp::from_unix(0)),
    };

    // SEQUENCE { UTCTime 700101000000Z, UTCTime 700101000000Z }
    let placeholder_time: &[u8] = b"\x17\x0d700101000000Z";
    let placeholder = sequence(&[placeholder_time, placeholder_time].concat())?;
    let mut content = Vec::with_capacity(tbs.len());
    for (i, element) in elements.iter().enumerate() {
        content.extend_from_slice(if i == validity_at { &placeholder } else { element });
    }
    let new_tbs = sequence(&content)?;
    let patched = sequence(&[new_tbs.as_slice(), rest].concat())?;
    Some((patched, Times { not_before, not_after, problems }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_like_rfc5280() {
        let t = |tag, s: &str| parse_time(tag, s.as_bytes()).map(Timestamp::to_rfc3339);
        assert_eq!(t(Tag::UtcTime, "500101120000Z").as_deref(), Some("1950-01-01T12:00:00Z"));
        assert_eq!(t(Tag::UtcTime, "491231235959Z").as_deref(), Some("2049-12-31T23:59:59Z"));
        assert_eq!(t(Tag::GeneralizedTime, "20500101000000Z").as_deref(), Some("2050-01-01T00:00:00Z"));
        assert_eq!(t(Tag::UtcTime, "19020701025736Z"), None);
        assert_eq!(t(Tag::UtcTime, "5001011200Z"), None);
        assert_eq!(t(Tag::UtcTime, "501301120000Z"), None);
        assert_eq!(t(Tag::GeneralizedTime, "2050010100000+0"), None);
    }
}
