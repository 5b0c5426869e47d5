//! What a primitive TLV's content says, decoded by its universal tag.

use super::{Class, Tag};
use crate::time::Timestamp;
use const_oid::ObjectIdentifier;
use der::Decode;
use serde::Serialize;

/// Longest text or hex a node carries; the bytes themselves are in the
/// object, and the view shows them in its hex dump. A 4,096-bit modulus
/// (512 bytes) still shows whole.
const MAX_SHOWN: usize = 1024;
/// Widest INTEGER also shown in decimal: 32 bytes covers every serial
/// (RFC 5280 §4.1.2.2: at most 20 octets) and 256-bit values; the
/// conversion is quadratic, so a modulus stays hex only.
const MAX_DECIMAL_BYTES: usize = 32;

/// An OBJECT IDENTIFIER that prints and serializes as its dotted decimal
/// text. The text is written when shown, not when parsed: the findings'
/// byte ranges parse every certificate and OCSP response of an analysis,
/// and match OIDs by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DottedOid(pub ObjectIdentifier);

impl std::fmt::Display for DottedOid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::oid::dotted(&self.0))
    }
}

impl Serialize for DottedOid {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::oid::dotted(&self.0))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DottedOid {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A node's decoded content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Value {
    /// A constructed node: its children are the value.
    Constructed,
    /// An OCTET STRING or BIT STRING whose content is one TLV, shown as its child.
    Encapsulated,
    Bool {
        value: bool,
    },
    /// INTEGER or ENUMERATED. `hex` is the content octets (two's
    /// complement, as `openssl asn1parse` prints them; cut at 1,024 bytes
    /// with `…`); `decimal` up to 32 bytes.
    Integer {
        hex: String,
        decimal: Option<String>,
        negative: bool,
    },
    Oid {
        dotted: DottedOid,
        name: Option<&'static str>,
    },
    /// UTCTime or GeneralizedTime: the text as encoded, and the instant when it reads as one.
    Time {
        text: String,
        time: Option<Timestamp>,
    },
    /// A character string, decoded by its tag (cut at 1,024 characters with `…`).
    Str {
        text: String,
    },
    /// A BIT STRING's unused-bit count and content length in bytes (without that count).
    Bits {
        unused: u8,
        len: usize,
    },
    Null,
    /// Bytes not decoded further (OCTET STRINGs, unknown tags): the hex dump shows them.
    Raw,
    /// End-of-contents octets closing an indefinite length.
    Eoc,
    Malformed {
        reason: Malformation,
    },
}

/// Why a region could not be read as a TLV (X.690 §8.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Malformation {
    /// The bytes end inside the tag or length octets.
    HeaderTruncated,
    /// A high tag number past 32 bits.
    TagTooLong,
    /// A length of more than 8 octets, or the reserved 0xFF (X.690 §8.1.3.5).
    LengthInvalid,
    /// The length runs past the enclosing TLV or the object.
    LengthOverrun,
    /// An indefinite length on a primitive encoding (X.690 §8.1.3.2).
    IndefinitePrimitive,
    /// An indefinite length whose end-of-contents octets never come (X.690 §8.1.5).
    MissingEndOfContents,
    /// Nested deeper than `max_asn1_depth`: the content is not read.
    TooDeep,
    /// A BOOLEAN not one octet (X.690 §8.2.1).
    BadBoolean,
    /// A NULL with content (X.690 §8.8.2).
    BadNull,
    /// An OBJECT IDENTIFIER that does not decode (X.690 §8.19).
    BadOid,
    /// A UTCTime or GeneralizedTime that is not a valid time (X.680 §46, §47).
    BadTime,
    /// A BIT STRING without its unused-bits octet, or with more than 7 (X.690 §8.6.2).
    BadBitString,
    /// An INTEGER with no content octets (X.690 §8.3.1).
    EmptyInteger,
}

impl Malformation {
    /// A sentence for the view and the CLI.
    pub const fn describe(self) -> &'static str {
        match self {
            Malformation::HeaderTruncated => "the bytes end inside a tag or length",
            Malformation::TagTooLong => "tag number too large",
            Malformation::LengthInvalid => "invalid length octets",
            Malformation::LengthOverrun => "length runs past the enclosing value",
            Malformation::IndefinitePrimitive => "indefinite length on a primitive value",
            Malformation::MissingEndOfContents => "indefinite length without end-of-contents",
            Malformation::TooDeep => "nested too deeply; not read",
            Malformation::BadBoolean => "BOOLEAN is not one octet",
            Malformation::BadNull => "NULL has content",
            Malformation::BadOid => "OBJECT IDENTIFIER does not decode",
            Malformation::BadTime => "not a valid time",
            Malformation::BadBitString => "BIT STRING unused-bits octet missing or over 7",
            Malformation::EmptyInteger => "INTEGER without content",
        }
    }
}

/// How much of a primitive value to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Everything a decoder page shows.
    Shown,
    /// What locating fields reads (OIDs' dotted form, INTEGERs' hex) and
    /// every check that can mark a value malformed; character strings stay
    /// `Raw`, and OIDs and INTEGERs go without their names and decimals.
    Located,
}

/// The value of a primitive TLV: `tlv` is the whole encoding, `content` its content.
pub(crate) fn decode_primitive(tag: Tag, tlv: &[u8], content: &[u8], detail: Detail) -> Value {
    if tag.class != Class::Universal {
        return Value::Raw;
    }
    match tag.number {
        0 if content.is_empty() => Value::Eoc,
        1 => match content {
            [b] => Value::Bool { value: *b != 0 },
            _ => Value::Malformed { reason: Malformation::BadBoolean },
        },
        2 | 10 => integer(content, detail),
        3 => match content.split_first() {
            Some((&unused, rest)) if unused <= 7 && (unused == 0 || !rest.is_empty()) => {
                Value::Bits { unused, len: rest.len() }
            }
            _ => Value::Malformed { reason: Malformation::BadBitString },
        },
        5 if content.is_empty() => Value::Null,
        5 => Value::Malformed { reason: Malformation::BadNull },
        6 => match ObjectIdentifier::from_bytes(content) {
            Ok(oid) => Value::Oid {
                dotted: DottedOid(oid),
                name: if detail == Detail::Shown { crate::oid::name(&oid) } else { None },
            },
            Err(_) => Value::Malformed { reason: Malformation::BadOid },
        },
        23 | 24 => time(tag.number, tlv),
        12 | 18 | 19 | 20 | 21 | 22 | 25 | 26 | 27 | 28 | 30 if detail == Detail::Shown => {
            Value::Str { text: string(tag.number, content) }
        }
        _ => Value::Raw,
    }
}

/// Two's-complement INTEGER (X.690 §8.3).
fn integer(content: &[u8], detail: Detail) -> Value {
    let Some(&first) = content.first() else {
        return Value::Malformed { reason: Malformation::EmptyInteger };
    };
    let negative = first & 0x80 != 0;
    let shown = detail == Detail::Shown && content.len() <= MAX_DECIMAL_BYTES;
    let decimal = shown.then(|| decimal(content, negative));
    Value::Integer { hex: hex(content), decimal, negative }
}

/// Upper-case hex, cut at `MAX_SHOWN` bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let shown = bytes.get(..MAX_SHOWN).unwrap_or(bytes);
    let mut s = crate::hex::upper(shown);
    if shown.len() < bytes.len() {
        s.push('…');
    }
    s
}

/// Base-10 digits of a two's-complement big-endian integer, by repeated
/// division of the magnitude (at most `MAX_DECIMAL_BYTES` bytes).
fn decimal(content: &[u8], negative: bool) -> String {
    let mut magnitude: Vec<u8> = content.to_vec();
    if negative {
        // Two's complement: invert and add one.
        for b in magnitude.iter_mut() {
            *b = !*b;
        }
        for b in magnitude.iter_mut().rev() {
            let (sum, carry) = b.overflowing_add(1);
            *b = sum;
            if !carry {
                break;
            }
        }
    }
    let mut digits = Vec::new();
    while magnitude.iter().any(|&b| b != 0) {
        let mut rem: u16 = 0;
        for b in magnitude.iter_mut() {
            let cur = (rem << 8) | u16::from(*b);
            *b = u8::try_from(cur / 10).unwrap_or(0);
            rem = cur % 10;
        }
        digits.push(char::from(b'0' + u8::try_from(rem).unwrap_or(0)));
    }
    if digits.is_empty() {
        digits.push('0');
    }
    if negative {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

fn time(number: u32, tlv: &[u8]) -> Value {
    let text: String = tlv.get(2..).unwrap_or_default().iter().take(MAX_SHOWN).map(|&b| char::from(b)).collect();
    let parsed = if number == 23 {
        der::asn1::UtcTime::from_der(tlv).map(|t| t.to_date_time())
    } else {
        der::asn1::GeneralizedTime::from_der(tlv).map(|t| t.to_date_time())
    };
    match parsed {
        Ok(dt) => Value::Time { text, time: Some(Timestamp::from_der_datetime(&dt)) },
        // Lenient time forms (BER's offsets, fractions) are shown as text.
        Err(_) if text.bytes().all(|b| b.is_ascii_graphic()) && !text.is_empty() => Value::Time { text, time: None },
        Err(_) => Value::Malformed { reason: Malformation::BadTime },
    }
}

/// A character string's text, decoded by its tag; bytes that do not
/// decode become U+FFFD. The text is data: views escape it.
fn string(number: u32, content: &[u8]) -> String {
    let mut text: String = match number {
        12 => String::from_utf8_lossy(content).into_owned(),
        30 => {
            let units = content.chunks_exact(2).filter_map(|p| <[u8; 2]>::try_from(p).ok()).map(u16::from_be_bytes);
            char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
        }
        28 => content
            .chunks_exact(4)
            .filter_map(|p| <[u8; 4]>::try_from(p).ok())
            .map(|q| char::from_u32(u32::from_be_bytes(q)).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
        // T61String: CAs put Latin-1 in it, as OpenSSL assumes.
        _ => content.iter().map(|&b| char::from(b)).collect(),
    };
    if let Some((cut, _)) = text.char_indices().nth(MAX_SHOWN) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_hex_and_decimal() {
        assert_eq!(
            integer(&[0x01, 0x00], Detail::Shown),
            Value::Integer { hex: "0100".into(), decimal: Some("256".into()), negative: false }
        );
        assert_eq!(
            integer(&[0xff], Detail::Shown),
            Value::Integer { hex: "FF".into(), decimal: Some("-1".into()), negative: true }
        );
        assert_eq!(
            integer(&[0x80], Detail::Shown),
            Value::Integer { hex: "80".into(), decimal: Some("-128".into()), negative: true }
        );
        assert_eq!(
            integer(&[0x00], Detail::Shown),
            Value::Integer { hex: "00".into(), decimal: Some("0".into()), negative: false }
        );
        let Value::Integer { decimal, .. } =
            integer(&[0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], Detail::Shown)
        else {
            panic!()
        };
        assert_eq!(decimal.as_deref(), Some("18446744073709551615"));
        assert_eq!(integer(&[], Detail::Shown), Value::Malformed { reason: Malformation::EmptyInteger });
        let Value::Integer { decimal, .. } = integer(&[1; 33], Detail::Shown) else { panic!() };
        assert_eq!(decimal, None);
    }

    #[test]
    fn times_and_strings() {
        let utc = b"\x17\x0d250101000000Z";
        let Value::Time { text, time } = decode_primitive(Tag::universal(23, false), utc, &utc[2..], Detail::Shown)
        else {
            panic!()
        };
        assert_eq!(text, "250101000000Z");
        assert_eq!(time.map(|t| t.to_rfc3339()).as_deref(), Some("2025-01-01T00:00:00Z"));
        assert_eq!(string(30, &[0x00, 0x41, 0x04, 0x14]), "AД");
        assert_eq!(string(12, &[0xff]), "\u{fffd}");
    }
}
