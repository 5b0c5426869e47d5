//! Runs the `certscope` binary as a user or script would: real files in,
//! exit status and output checked.
//!
//! Data: crates/certscope/tests/data/cli/ (sources in ../SOURCES.md).

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../certscope/tests/data/cli")
}

/// Runs certscope in the data directory, feeding `stdin` (empty when None).
fn certscope(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_certscope"))
        .args(args)
        .current_dir(data_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn certscope");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default()).expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("wait for certscope")
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", String::from_utf8_lossy(&out.stdout), stderr(out))
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| f["code"].as_str().expect("code is a string").to_string())
        .collect()
}

// Amazon's demo leaf is valid 2025-02-22 .. 2025-04-30 (MANIFEST: verify OK at 2025-02-25).
const VALID_AT: &str = "2025-02-25T00:00:00Z";

// ---- exit status 2: could not run -----------------------------------------

#[test]
fn unknown_flag_exits_2_with_a_message() {
    let out = certscope(&["--frobnicate", "valid.rootca1.chain.pem"], None);
    assert_eq!(status(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("--frobnicate"), "{}", stderr(&out));
}

#[test]
fn unreadable_file_exits_2_naming_it() {
    let out = certscope(&["no-such-chain.pem"], None);
    assert_eq!(status(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no-such-chain.pem"), "{}", stderr(&out));
    let out = certscope(&["--roots", "no-such-root.pem", "valid.rootca1.chain.pem"], None);
    assert_eq!(status(&out), 2);
    let out = certscope(&["--ocsp", "no-such-response.der", "valid.rootca1.chain.pem"], None);
    assert_eq!(status(&out), 2);
}

#[test]
fn bad_at_exits_2() {
    for at in ["yesterday", "2025-02-30T00:00:00Z", ""] {
        let out = certscope(&["--at", at, "valid.rootca1.chain.pem"], None);
        assert_eq!(status(&out), 2, "--at {at:?}");
        assert!(stderr(&out).contains("--at"), "{}", stderr(&out));
    }
}

#[test]
fn stdin_twice_exits_2() {
    let out = certscope(&["-", "-"], Some(b"x"));
    assert_eq!(status(&out), 2);
}

#[test]
fn help_and_version_exit_0() {
    let out = certscope(&["--help"], None);
    assert_eq!(status(&out), 0);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--at", "--roots", "--no-system-roots", "--host", "--ocsp", "--json", "--markdown"] {
        assert!(help.contains(flag), "help lacks {flag}");
    }
    let out = certscope(&["--version"], None);
    assert_eq!(status(&out), 0);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("certscope "));
}

// ---- exit status 1: an error finding --------------------------------------

#[test]
fn garbage_exits_1_with_input_unrecognized() {
    let out = certscope(&["--json", "--at", VALID_AT, "-"], Some(b"this is not a certificate\n"));
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    assert!(codes(&report).contains(&"input-unrecognized".to_string()), "{:?}", codes(&report));
    assert_eq!(report["summary"]["verdict"], "error");
}

#[test]
fn empty_stdin_exits_1_with_input_empty() {
    let out = certscope(&["--json", "--at", VALID_AT], Some(b""));
    assert_eq!(status(&out), 1);
    assert!(codes(&json(&out)).contains(&"input-empty".to_string()));
}

#[test]
fn at_is_the_reports_as_of() {
    let out = certscope(&["--json", "--at", "2025-02-25T03:00:00+02:00", "-"], Some(b"x"));
    assert_eq!(json(&out)["as_of"], "2025-02-25T01:00:00Z");
}

#[test]
fn default_as_of_is_now() {
    let before = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    let out = certscope(&["--json", "-"], Some(b"x"));
    let as_of = json(&out)["as_of"].as_str().expect("as_of").to_string();
    let year: u64 = as_of.get(0..4).and_then(|y| y.parse().ok()).expect("year");
    // A coarse but real check: the year of the clock, not 1970.
    assert_eq!(year, 1970 + before / 31_556_952, "{as_of}");
}

// ---- input: stdin, DER files, any order -----------------------------------

#[test]
fn without_roots_the_chain_is_untrusted() {
    let out = certscope(&["--json", "--at", VALID_AT, "--no-system-roots", "valid.rootca1.chain.pem"], None);
    assert_eq!(status(&out), 1);
    let report = json(&out);
    assert_eq!(report["summary"]["trusted"], false);
    assert_eq!(report["chain"]["complete"], false);
}

// ---- the --json contract (docs/report.md) ----------------------------------

#[derive(Clone, Copy, Debug)]
enum Ty {
    Str,
    OptNum,
    OneOf(&'static [&'static str]),
}

fn check(v: &Value, at: &str, ty: Ty) {
    let ok = match ty {
        Ty::Str => v.is_string(),
        Ty::OptNum => v.is_null() || v.is_u64(),
        Ty::OneOf(values) => v.as_str().is_some_and(|s| values.contains(&s)),
    };
    assert!(ok, "{at} should be {ty:?}, is {v}");
}

fn check_fields(obj: &Value, at: &str, fields: &[(&str, Ty)]) {
    assert!(obj.is_object(), "{at} should be an object, is {obj}");
    for (name, ty) in fields {
        let v = obj.get(*name).unwrap_or_else(|| panic!("{at}.{name} is missing"));
        check(v, &format!("{at}.{name}"), *ty);
    }
}

const SEVERITIES: &[&str] = &["error", "warning", "info"];

#[test]
fn finding_fields_have_their_types_on_a_broken_input() {
    let out = certscope(&["--json", "--at", VALID_AT, "-"], Some(b"-----BEGIN CERTIFICATE-----\nMIIB\n"));
    let r = json(&out);
    assert_eq!(status(&out), 1);
    let findings = r["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for (i, f) in findings.iter().enumerate() {
        check_fields(
            f,
            &format!("findings[{i}]"),
            &[
                ("code", Ty::Str),
                ("severity", Ty::OneOf(SEVERITIES)),
                ("certificate", Ty::OptNum),
                ("message", Ty::Str),
                ("remedy", Ty::Str),
                ("reference", Ty::Str),
            ],
        );
        let code = f["code"].as_str().unwrap_or_default();
        assert!(certscope::Code::from_id(code).is_some(), "{code} is not in Code::ALL");
    }
    assert!(r["certificates"].as_array().is_some_and(Vec::is_empty));
}
