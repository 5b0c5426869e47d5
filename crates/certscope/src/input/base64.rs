//! Text encodings of DER without PEM armour: base64 (standard or URL-safe,
//! padded or not, wrapped at any width) as copied from logs, dev tools and
//! OpenSSL's `.ors` files, and hex as printed by test suites and debuggers.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use std::borrow::Cow;

/// Padding is often lost when responses are copied out of URLs and logs.
const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 or base64url, ignoring whitespace. `None` when `text`
/// holds anything else.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    // One pass over the bytes for what the text holds; a PEM body cleaned
    // of its line breaks is then decoded where it lies.
    let (mut space, mut url, mut standard) = (false, false, false);
    for b in text.bytes() {
        match b {
            b'-' | b'_' => url = true,
            b'+' | b'/' => standard = true,
            b if b.is_ascii_whitespace() => space = true,
            _ => {}
        }
    }
    let compact: Cow<'_, [u8]> = if !text.is_ascii() {
        Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect::<String>().into_bytes())
    } else if space {
        Cow::Owned(text.bytes().filter(|b| !b.is_ascii_whitespace()).collect())
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    if compact.is_empty() || (url && standard) {
        return None;
    }
    let engine = if url { &URL_SAFE } else { &STANDARD };
    engine.decode(&compact).ok()
}

/// Decodes the complete base64 quads of a partial body, to tell how far a
/// cut-off PEM block got.
pub(crate) fn decode_base64_prefix(text: &str) -> Vec<u8> {
    let compact: String = text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/')).collect();
    let whole = compact.len() - compact.len() % 4;
    compact.get(..whole).and_then(|s| STANDARD.decode(s).ok()).unwrap_or_default()
}

/// Decodes hex, ignoring whitespace and `:` separators; `None` unless every
/// other character is a hex digit and there is an even number of them.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b':').collect();
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
        return None;
    }
    digits.chunks(2).map(|pair| Some((hex_value(*pair.first()?)? << 4) | hex_value(*pair.get(1)?)?)).collect()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_padding_and_url_alphabet_decode() {
        assert_eq!(decode_base64("MAMKAQM").unwrap(), [0x30, 0x03, 0x0a, 0x01, 0x03]);
        assert_eq!(decode_base64("MAMK\nAQM=").unwrap(), [0x30, 0x03, 0x0a, 0x01, 0x03]);
        assert_eq!(decode_base64("_-8").unwrap(), [0xff, 0xef]);
        assert!(decode_base64("not base64!").is_none());
    }

    #[test]
    fn hex_with_separators_decodes() {
        assert_eq!(decode_hex("30:03 0a 01 03").unwrap(), [0x30, 0x03, 0x0a, 0x01, 0x03]);
        assert!(decode_hex("303").is_none());
        assert!(decode_hex("zz").is_none());
    }

    #[test]
    fn prefix_of_cut_body_counts_whole_quads() {
        assert_eq!(decode_base64_prefix("MAMKAQ").len(), 3);
    }
}
