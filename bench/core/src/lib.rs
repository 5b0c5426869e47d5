//! `analyze` as the page calls it, exported from a wasm module of the core
//! alone: the inputs as the app makes them (the pasted text, the anchors
//! field's text as an extra anchor, the as-of time, the default profile),
//! none of the page around it. `run.mjs` fills the buffer and times
//! [`bench_analyze`].

mod ecdsa;

use std::sync::Mutex;

use certscope::{analyze, Input, Options, Timestamp};

/// The pasted text, then the anchors' text, written by the caller.
static BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());
/// The summary rows of the last report, "label: value" per line.
static SUMMARY: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// A buffer of `len` bytes for the inputs, and where it starts. It stays
/// where it is until the next call (wasm32 runs one thread).
#[no_mangle]
pub extern "C" fn bench_buffer(len: usize) -> *mut u8 {
    let mut buffer = BUFFER.lock().unwrap_or_else(|e| e.into_inner());
    buffer.clear();
    buffer.resize(len, 0);
    buffer.as_mut_ptr()
}

/// Analyzes the buffer's first `paste_len` bytes as pasted text, with the
/// `anchors_len` bytes after them as the anchors field, as of `at` (Unix
/// seconds). Returns the summary's length; [`bench_summary`] says where it is.
#[no_mangle]
pub extern "C" fn bench_analyze(paste_len: usize, anchors_len: usize, at: i64) -> usize {
    let buffer = BUFFER.lock().unwrap_or_else(|e| e.into_inner());
    let (paste, rest) = buffer.split_at(paste_len.min(buffer.len()));
    let anchors = rest.get(..anchors_len).unwrap_or(rest);
    let opts = Options { extra_anchors: vec![anchors.to_vec()], ..Options::at(Timestamp::from_unix(at)) };
    let report = analyze(&[Input::text(&String::from_utf8_lossy(paste))], &opts);
    let mut summary = SUMMARY.lock().unwrap_or_else(|e| e.into_inner());
    summary.clear();
    for row in &report.summary.rows {
        summary.extend_from_slice(format!("{}: {}\n", row.label, row.value).as_bytes());
    }
    summary.len()
}

/// Where the last summary starts.
#[no_mangle]
pub extern "C" fn bench_summary() -> *const u8 {
    SUMMARY.lock().unwrap_or_else(|e| e.into_inner()).as_ptr()
}
