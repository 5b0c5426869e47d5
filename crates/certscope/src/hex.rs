//! Hex text of bytes, written digit by digit: fingerprints, serials, key
//! identifiers, the bytes view's values and hex dumps are hex, and
//! `format!("{:02x}")` per byte went through the formatting machinery for
//! each one. Public so that the app and the CLI write hex the same way.

/// What a nibble of 10 or more adds to `b'0'` in each case.
const LOWER: u8 = b'a' - b'0' - 10;
const UPPER: u8 = b'A' - b'0' - 10;

/// Lower-case hex, no separator: `0a1b`.
pub fn lower(bytes: &[u8]) -> String {
    with(bytes, LOWER, None)
}

/// Lower-case hex pairs joined by spaces, as hex dumps show them: `0a 1b`.
pub fn lower_spaced(bytes: &[u8]) -> String {
    with(bytes, LOWER, Some(' '))
}

/// Upper-case hex, no separator: `0A1B`.
pub fn upper(bytes: &[u8]) -> String {
    with(bytes, UPPER, None)
}

/// Upper-case hex pairs joined by colons: `0A:1B`.
pub fn upper_colons(bytes: &[u8]) -> String {
    with(bytes, UPPER, Some(':'))
}

fn with(bytes: &[u8], letters: u8, separator: Option<char>) -> String {
    let digit = |n: u8| char::from(b'0' + n + if n > 9 { letters } else { 0 });
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(sep) = separator.filter(|_| i > 0) {
            out.push(sep);
        }
        out.push(digit(b >> 4));
        out.push(digit(b & 0x0f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_what_format_writes() {
        let all: Vec<u8> = (0..=255).collect();
        let fmt_lower: String = all.iter().map(|b| format!("{b:02x}")).collect();
        let fmt_upper: String = all.iter().map(|b| format!("{b:02X}")).collect();
        let fmt_colons = all.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":");
        let fmt_spaced = all.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ");
        assert_eq!(lower(&all), fmt_lower);
        assert_eq!(lower_spaced(&all), fmt_spaced);
        assert_eq!(upper(&all), fmt_upper);
        assert_eq!(upper_colons(&all), fmt_colons);
        assert_eq!((lower(&[]), upper_colons(&[]), upper_colons(&[0xab])), (String::new(), String::new(), "AB".into()));
    }
}
