//! Distinguished names as people read them: RFC 4514 strings with
//! OpenSSL's short attribute names (`openssl x509 -subject -nameopt
//! RFC2253`), except that non-ASCII text stays readable UTF-8 instead of
//! OpenSSL's `\D0\93` escapes; control characters are escaped.

use crate::oid;
use crate::report::NameAttribute;
use const_oid::db::{rfc3280, rfc4519};
use const_oid::ObjectIdentifier;
use der::{Encode, Tag, Tagged};
use std::borrow::Cow;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

/// OpenSSL's short (else long) names for attribute types.
const ATTRIBUTE_NAMES: &[(ObjectIdentifier, &str)] = &[
    (rfc4519::CN, "CN"),
    (rfc4519::SN, "SN"),
    (rfc4519::SERIAL_NUMBER, "serialNumber"),
    (rfc4519::C, "C"),
    (rfc4519::L, "L"),
    (rfc4519::ST, "ST"),
    (rfc4519::STREET, "street"),
    (rfc4519::O, "O"),
    (rfc4519::OU, "OU"),
    (rfc4519::TITLE, "title"),
    (rfc4519::DESCRIPTION, "description"),
    (rfc4519::BUSINESS_CATEGORY, "businessCategory"),
    (rfc4519::POSTAL_CODE, "postalCode"),
    (rfc4519::POST_OFFICE_BOX, "postOfficeBox"),
    (rfc4519::TELEPHONE_NUMBER, "telephoneNumber"),
    (rfc4519::NAME, "name"),
    (rfc4519::GIVEN_NAME, "GN"),
    (rfc4519::INITIALS, "initials"),
    (rfc4519::GENERATION_QUALIFIER, "generationQualifier"),
    (rfc4519::X_500_UNIQUE_IDENTIFIER, "x500UniqueIdentifier"),
    (rfc4519::DN_QUALIFIER, "dnQualifier"),
    (rfc3280::PSEUDONYM, "pseudonym"),
    (oid::ORGANIZATION_IDENTIFIER, "organizationIdentifier"),
    (rfc4519::UID, "UID"),
    (rfc4519::DC, "DC"),
    (rfc3280::EMAIL, "emailAddress"),
    (oid::UNSTRUCTURED_NAME, "unstructuredName"),
    (oid::UNSTRUCTURED_ADDRESS, "unstructuredAddress"),
    (oid::INN, "INN"),
    (oid::OGRN, "OGRN"),
    (oid::SNILS, "SNILS"),
    (oid::OGRNIP, "OGRNIP"),
    (oid::JURISDICTION_L, "jurisdictionL"),
    (oid::JURISDICTION_ST, "jurisdictionST"),
    (oid::JURISDICTION_C, "jurisdictionC"),
];

/// OpenSSL's short (else long) name for an attribute type.
pub(crate) fn attribute_short_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    ATTRIBUTE_NAMES.iter().find(|(id, _)| id == oid).map(|&(_, name)| name)
}

/// The text of a directory string value, decoding every string type X.509
/// names use. `None` for values that are not strings.
pub(crate) fn value_text(value: &der::Any) -> Option<String> {
    value_str(value).map(Cow::into_owned)
}

/// [`value_text`], borrowed from the DER when it is already the text: a
/// valid UTF8String, or an 8-bit string type holding only ASCII.
pub(crate) fn value_str(value: &der::Any) -> Option<Cow<'_, str>> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        // T.61 for TeletexString in theory; in practice CAs put Latin-1 (or
        // UTF-8) in it, as OpenSSL assumes Latin-1. Latin-1's ASCII half is
        // ASCII.
        Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::NumericString | Tag::TeletexString => {
            Some(match std::str::from_utf8(bytes) {
                Ok(text) if text.is_ascii() => Cow::Borrowed(text),
                _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
            })
        }
        // UCS-2 big-endian; decode as UTF-16 so surrogate pairs also work.
        Tag::BmpString => {
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units = bytes.chunks_exact(2).filter_map(|p| <[u8; 2]>::try_from(p).ok()).map(u16::from_be_bytes);
            char::decode_utf16(units).collect::<Result<String, _>>().ok().map(Cow::Owned)
        }
        _ => None,
    }
}

/// RFC 5280 §4.1.2.4 and Appendix A: a name attribute's value is a
/// DirectoryString (or, for a few attributes, PrintableString or
/// IA5String), and a UTF8String holds UTF-8. Each attribute that is not,
/// in words (`the subject's CN is a UTF8String that is not valid UTF-8`),
/// for the `input-nonconformant` warning: clients differ on such names
/// (openssl prints escapes, browsers may refuse), so certscope shows the
/// value as hex and says why.
pub(crate) fn string_problems(name: &Name, which: &str) -> Vec<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter_map(|atv| {
            let tag = atv.value.tag();
            let problem = match tag {
                Tag::Utf8String if std::str::from_utf8(atv.value.value()).is_err() => {
                    "a UTF8String that is not valid UTF-8".to_string()
                }
                Tag::BmpString if value_text(&atv.value).is_none() => "a BMPString that is not valid UCS-2".to_string(),
                Tag::Utf8String
                | Tag::PrintableString
                | Tag::Ia5String
                | Tag::VisibleString
                | Tag::NumericString
                | Tag::TeletexString
                | Tag::BmpString => return None,
                other => format!("of type {other}, not a string type X.509 names use"),
            };
            Some(format!("the {which}'s {} is {problem}", atv_name(atv)))
        })
        .collect()
}

/// RFC 4514 §2.4 escaping of `text` onto `out`, plus `\XX` for control
/// characters.
fn push_escaped(out: &mut String, text: &str) {
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        match c {
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push('\\');
                    out.push_str(&crate::hex::upper(&[b]));
                }
            }
            c => out.push(c),
        }
    }
}

fn atv_name(atv: &AttributeTypeAndValue) -> String {
    attribute_short_name(&atv.oid).map_or_else(|| crate::oid::dotted(&atv.oid), str::to_string)
}

/// The value as text, or `#` + hex of its DER (RFC 4514 §2.4) when it is
/// not a string.
/// A value that is not a string, as `#` and its DER in hex, upper-case
/// as OpenSSL prints it.
fn value_hex(atv: &AttributeTypeAndValue) -> String {
    format!("#{}", atv.value.to_der().map(|d| crate::hex::upper(&d)).unwrap_or_default())
}

pub(crate) use crate::hex::lower as hex_lower;

/// RFC 4514 §2: the RDNs last to first, `,` between them and `+` between
/// the attributes of one RDN, written into one string.
pub(crate) fn rfc4514(name: &Name) -> String {
    let mut out = String::new();
    for (i, rdn) in name.0.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.0.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            match attribute_short_name(&atv.oid) {
                Some(short) => out.push_str(short),
                None => crate::oid::push_dotted(&mut out, &atv.oid),
            }
            out.push('=');
            match value_str(&atv.value) {
                Some(text) => push_escaped(&mut out, &text),
                None => out.push_str(&value_hex(atv)),
            }
        }
    }
    out
}

pub(crate) fn attributes(name: &Name) -> Vec<NameAttribute> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .map(|atv| NameAttribute {
            name: atv_name(atv),
            oid: crate::oid::dotted(&atv.oid),
            value: value_text(&atv.value).unwrap_or_else(|| value_hex(atv)),
            bytes: None,
        })
        .collect()
}

use rfc4519::CN;

/// How messages name a subject or issuer: its most specific common name,
/// else the whole RFC 4514 string. `None` for an empty name, which each
/// caller words for its context ("(empty subject)", "(empty issuer)").
pub(crate) fn short_name(name: &Name) -> Option<String> {
    match common_name(name) {
        Some(cn) if !cn.trim().is_empty() => Some(cn),
        _ => Some(rfc4514(name)).filter(|s| !s.is_empty()),
    }
}

/// The most specific (last) common name, for messages.
pub(crate) fn common_name(name: &Name) -> Option<String> {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).filter(|atv| atv.oid == CN).rev().find_map(|atv| value_text(&atv.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn short_names_prefer_the_last_common_name() {
        let name = |s: &str| Name::from_str(s).unwrap();
        // RFC 4514 order: the most specific RDN first.
        assert_eq!(short_name(&name("CN=leaf,CN=outer,O=Acme")).as_deref(), Some("leaf"));
        assert_eq!(short_name(&name("O=Acme\\, Inc.,C=US")).as_deref(), Some("O=Acme\\, Inc.,C=US"));
        // A blank CN does not name anything; the whole name does.
        assert_eq!(short_name(&name("CN= ,O=Acme")).as_deref(), Some("CN=\\ ,O=Acme"));
        assert_eq!(short_name(&Name::default()), None);
    }

    /// RFC 4514 text: RDNs last to first, `+` inside an RDN, §2.4 escapes,
    /// unknown types dotted and non-string values as `#` hex.
    #[test]
    fn rfc4514_text_orders_joins_and_escapes() {
        let name = |s: &str| Name::from_str(s).unwrap();
        // A multi-valued RDN lists its attributes in the order of its DER SET.
        assert_eq!(
            rfc4514(&name(r"CN=leaf+serialNumber=42,O=Acme\, Inc.,C=US")),
            r"serialNumber=42+CN=leaf,O=Acme\, Inc.,C=US"
        );
        assert_eq!(rfc4514(&name(r#"CN=\#1 \ ,O=a\;b\<c\>d\"e\\"#)), r#"CN=\#1 \ ,O=a\;b\<c\>d\"e\\"#);
        assert_eq!(rfc4514(&name("1.2.3.4=x,CN=y")), "1.2.3.4=x,CN=y");
        // An INTEGER value, not a string.
        assert_eq!(rfc4514(&name("1.2.3.4=#020101")), "1.2.3.4=#020101");
        assert_eq!(attributes(&name("1.2.3.4=#020101"))[0].value, "#020101");
        // A control character in a UTF8String.
        assert_eq!(rfc4514(&name("CN=#0C03610A62")), r"CN=a\0Ab");
        assert_eq!(attributes(&name("CN=#0C03610A62"))[0].value, "a\nb");
        assert_eq!(rfc4514(&Name::default()), "");
    }
}
