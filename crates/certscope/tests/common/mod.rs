//! What every integration test needs: the fixture pool and the finding
//! codes of a report. Each test binary compiles this module on its own
//! and uses part of it.
#![allow(dead_code)]

use certscope::{Input, Options, Report, Timestamp};
use std::path::{Path, PathBuf};

/// The fixture pool, `crates/certscope/tests/data/`, one copy of every file
/// by origin (SOURCES.md there): `real/<site or CA>/`, `pkits/`, `limbo/`,
/// and the sets made here by the `make.sh` beside them.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// `rel` inside the pool.
pub fn data_path(rel: &str) -> PathBuf {
    data_dir().join(rel)
}

/// A pool file's bytes; a missing file fails the test with its path.
pub fn read(rel: &str) -> Vec<u8> {
    let path = data_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file of the set in pool folder `set`, named relative to it (its own
/// subfolders included); a name that starts with another pool folder
/// (`real/amazon/…`) is read from there, for tests that mostly read one set.
pub fn read_in(set: &str, name: &str) -> Vec<u8> {
    let own = data_path(set).join(name);
    if name.contains('/') && !own.exists() {
        read(name)
    } else {
        read(&format!("{set}/{name}"))
    }
}

/// `der` as PEM with `label`, 64 base64 characters a line (RFC 7468).
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// A pool file as an input named by its file name, as a person's upload is.
pub fn named(rel: &str) -> Input {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Input::bytes(Some(name.to_string()), read(rel))
}

/// An RFC 3339 time; the tests' times are constants, so a typo panics.
pub fn at(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// Options as of `text`, with the defaults otherwise.
pub fn options_at(text: &str) -> Options {
    Options::at(at(text))
}

/// Every finding's code, in report order.
pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.code()).collect()
}

/// The codes that start with one of `prefixes`, in report order.
pub fn codes_with(report: &Report, prefixes: &[&str]) -> Vec<&'static str> {
    codes(report).into_iter().filter(|c| prefixes.iter().any(|p| c.starts_with(p))).collect()
}

/// Whether any finding has `code`.
pub fn has_code(report: &Report, code: &str) -> bool {
    report.findings.iter().any(|f| f.code.code() == code)
}

/// The messages of the findings with `code`.
pub fn messages<'r>(report: &'r Report, code: &str) -> Vec<&'r str> {
    report.findings.iter().filter(|f| f.code.code() == code).map(|f| f.message.as_str()).collect()
}

/// Every file below `dir`, sorted, for the tests that run over a whole set.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The distinct codes, sorted: for tests that ask which problems were found,
/// not how often or in what order.
pub fn distinct_codes(report: &Report) -> Vec<&'static str> {
    let mut codes = codes(report);
    codes.sort_unstable();
    codes.dedup();
    codes
}
