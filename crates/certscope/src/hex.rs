//! Hex text of bytes, written digit by digit: fingerprints,
//! serials, key identifiers and the bytes view's values are hex, and
//! `format!("{:02x}")` per byte went through the formatting machinery for
//! each one.

/// What a nibble of 10 or more adds to `b'0'` in each case.
const LOWER: u8 = b'a' - b'0' - 10;
const UPPER: u8 = b'A' - b'0' - 10;

/// Lower-case hex, no separator: `0a1b`.
pub(crate) fn lower(bytes: &[u8]) -> String {
    with(bytes, LOWER, None)
}

/// Upper-case hex, no separator: `0A1B`.
pub(crate) fn upper(bytes: &[u8]) -> String {
    with(bytes, UPPER, None)
}

/// Upper-case hex pairs joined by colons: `0A:1B`.
pub(crate) fn upper_colons(bytes: &[u8]) -> String {
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
        assert_eq!(lower(&all), fmt_lower);
        assert_eq!(upper(&all), fmt_upper);
        assert_eq!(upper_colons(&all), fmt_colons);
        assert_eq!((lower(&[]), upper_colons(&[]), upper_colons(&[0xab])), (String::new(), String::new(), "AB".into()));
    }
}
