//! Plain values the app's modules share: a file as read from the page, what
//! a batch of files gave, the room left under the core's limits, a Report
//! handle for the panels; and the two rules every module applies to them
//! alike (what a textarea may show, how a size is written). Imports nothing
//! of the app, so the reducer, the browser glue and the panels all depend on
//! it and on none of each other.

use std::ops::Deref;
use std::rc::Rc;

use certscope::Report;

/// Identifies a dropped or opened file (its chip) across re-renders.
pub type InputId = u32;

/// A file as read from the page: its name and its bytes, untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedBytes {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file the page did not open, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// Bigger than what is left of `Limits::max_input_bytes` (all inputs
    /// together): refused before reading, so a multi-GB file never reaches
    /// the wasm memory that every inspector on the page shares.
    TooLarge { name: String, size: u64 },
    /// Past `Limits::max_inputs`.
    TooMany { name: String },
}

/// What reading a batch of dropped or chosen files gave.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Opened {
    pub files: Vec<NamedBytes>,
    pub left_out: Vec<LeftOut>,
}

/// How much more input the page takes: files and bytes, from the core's
/// limits minus what it already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub files: usize,
    pub bytes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    pub id: InputId,
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
}

/// A report shared with the panels. Equality is identity, so a panel
/// re-renders only when a new report was produced.
#[derive(Clone, Debug)]
pub struct ReportHandle(pub Rc<Report>);

impl PartialEq for ReportHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for ReportHandle {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// The most bytes a `<textarea>` is given. Chromium lays out a textarea's
/// whole text before the next frame, in time that grows with its size and
/// its line count: 8 MiB on one line took 26 s, 2 million newlines 12 s
/// (docs/robustness.md, "In the page"). A longer text is kept in the state
/// as it is, checked as before, and shown as a chip instead.
pub const TEXTAREA_MAX_BYTES: usize = 256 * 1024;

/// The most lines a `<textarea>` is given (see [`TEXTAREA_MAX_BYTES`]):
/// 4,096 lines of PEM are 264 KiB, so this only binds on short lines.
pub const TEXTAREA_MAX_LINES: usize = 4096;

/// Whether `text` may be put in a `<textarea>`: at most
/// [`TEXTAREA_MAX_BYTES`] bytes and [`TEXTAREA_MAX_LINES`] lines.
pub fn fits_a_textarea(text: &str) -> bool {
    text.len() <= TEXTAREA_MAX_BYTES && line_breaks(text) < TEXTAREA_MAX_LINES
}

/// Line breaks as a textarea counts them: LF, CRLF and a lone CR.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).count()
}

/// "8 MB", "64.0 KB": sizes in the notes, as the chips show them.
pub fn size_words(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} B"),
        1024..=1_048_575 => format!("{} KB", decimal(bytes, 1024, 1)),
        _ => format!("{} MB", decimal(bytes, 1_048_576, 1)),
    }
}

/// `n / unit` with `places` decimals (at most 6), rounded half to even
/// as `format!("{:.1}")` rounds an `f64`, in integers: with no float
/// formatting or parsing left, the page links none of core's (Grisu,
/// Dragon, Eisel-Lemire and their tables: 19.8 KB of its gzip).
pub fn decimal(n: u64, unit: u64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10u128.pow(places);
    let (scaled, unit_wide) = (u128::from(n) * scale, u128::from(unit.max(1)));
    let (mut q, r) = (scaled / unit_wide, scaled % unit_wide);
    if 2 * r > unit_wide || (2 * r == unit_wide && q % 2 == 1) {
        q += 1;
    }
    match places {
        0 => q.to_string(),
        _ => format!("{}.{:0width$}", q / scale, q % scale, width = places as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_what_float_formatting_writes() {
        for n in (0..300_000u64).chain([1_048_575, 1_048_576, 5_242_880, 8_388_608, u64::from(u32::MAX)]) {
            assert_eq!(decimal(n, 1024, 1), format!("{:.1}", n as f64 / 1024.0), "{n}");
            assert_eq!(decimal(n, 1_000, 0), format!("{:.0}", n as f64 / 1_000.0), "{n}");
            assert_eq!(decimal(n, 100, 2), format!("{:.2}", n as f64 / 100.0), "{n}");
        }
        assert_eq!(size_words(1536), "1.5 KB");
        assert_eq!(size_words(8 * 1_048_576), "8.0 MB");
    }

    #[test]
    fn textareas_take_text_up_to_the_threshold_in_bytes_and_lines() {
        assert!(fits_a_textarea(""));
        assert!(fits_a_textarea(&"A".repeat(TEXTAREA_MAX_BYTES)));
        assert!(!fits_a_textarea(&"A".repeat(TEXTAREA_MAX_BYTES + 1)));
        // Lines bind long before bytes: 4,096 empty lines are 4 KB.
        assert!(fits_a_textarea(&"\n".repeat(TEXTAREA_MAX_LINES - 1)));
        assert!(!fits_a_textarea(&"\n".repeat(TEXTAREA_MAX_LINES)));
        // A textarea breaks lines at a lone CR too; CRLF is one break.
        assert!(!fits_a_textarea(&"\r".repeat(TEXTAREA_MAX_LINES)));
        assert!(fits_a_textarea(&"\r\n".repeat(TEXTAREA_MAX_LINES - 1)));
        assert!(!fits_a_textarea(&"\r\n".repeat(TEXTAREA_MAX_LINES)));
        // A multi-byte character counts by its UTF-8 bytes.
        assert!(!fits_a_textarea(&"é".repeat(TEXTAREA_MAX_BYTES / 2 + 1)));
    }
}
