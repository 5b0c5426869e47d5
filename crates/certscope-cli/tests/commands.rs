//! Issue 12 through the binary: the capture commands in `--json`
//! (`capture.commands`), `--markdown` and plain text, for a certificate whose
//! OCSP URLs, first DNS name and CN carry shell payloads, and for `--host`
//! payloads. Each set of commands runs under `sh -c` with stub `openssl`
//! and `curl` (certscope's tests/shell): nothing else may run and the stubs
//! must see exactly the intended argv.
//!
//! Data: crates/certscope/tests/data/commands/hostile-commands.pem, written
//! by certscope's tests/commands.rs (`commands_fixture_is_current`).

mod common;
#[path = "../../certscope/tests/shell/mod.rs"]
mod shell;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Stdio;

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Runs certscope in the data directory; returns its standard output.
fn certscope(args: &[&str]) -> String {
    let out = common::certscope_at(".").args(args).stdin(Stdio::null()).output().expect("run certscope");
    assert!(matches!(out.status.code(), Some(0 | 1)), "certscope {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const HOSTILE: &str = "commands/hostile-commands.pem";
const AT: [&str; 4] = ["--at", "2026-06-01T00:00:00Z", "--no-system-roots", "--"];
/// The one OCSP URL of the fixture that is valid.
const VALID_URL: &str = shell::META_BUT_VALID_URL;
const GOOD_HOST: &str = "www.example.com";

/// `format` is `--json`, `--markdown` or empty for plain text.
fn args<'a>(format: &'a str, host: Option<&'a str>, file: &'a str) -> Vec<&'a str> {
    let mut out: Vec<&str> = [format].into_iter().filter(|f| !f.is_empty()).collect();
    if let Some(h) = host {
        out.extend(["--host", h]);
    }
    out.extend(AT);
    out.push(file);
    out
}

struct Json {
    commands: Vec<String>,
    gets: Vec<String>,
    codes: Vec<String>,
}

fn json(host: Option<&str>, file: &str) -> Json {
    let v: Value = serde_json::from_str(&certscope(&args("--json", host, file))).expect("JSON");
    let strings = |x: &Value| -> Vec<String> {
        x.as_array().expect("array").iter().map(|s| s.as_str().expect("string").to_string()).collect()
    };
    Json {
        commands: strings(&v["capture"]["commands"]),
        gets: strings(&v["capture"]["request_get_urls"]),
        codes: v["findings"].as_array().expect("findings").iter().map(|f| f["code"].as_str().unwrap().into()).collect(),
    }
}

fn assert_inert(commands: &[String], want: &[Vec<String>], what: &str) {
    let run = shell::run(&tmp(), commands);
    assert!(run.left_behind.is_empty(), "{what}: left {:?} behind:\n{}", run.left_behind, commands.join("\n"));
    assert_eq!(run.calls, want, "{what}: other argv than intended:\n{}", commands.join("\n"));
}

/// The Markdown's capture block: the fenced block after its heading.
fn markdown_commands(host: Option<&str>, file: &str) -> Vec<String> {
    let md = certscope(&args("--markdown", host, file));
    let doc = shell::scan(&md);
    assert!(doc.blocks.iter().all(|(_, closed)| *closed), "an unclosed fence:\n{md}");
    for line in &doc.outside {
        assert!(!line.contains("```") && !line.contains("~~~") && !line.starts_with("# "), "{line:?} in\n{md}");
    }
    let before = md.split("### Fetch an OCSP response yourself").next().expect("text");
    let index = shell::scan(before).blocks.len();
    doc.blocks.get(index).map(|(body, _)| body.clone()).unwrap_or_else(|| panic!("no capture block in\n{md}"))
}

/// The plain text's capture commands: the indented lines after the heading.
fn text_commands(host: Option<&str>, file: &str) -> Vec<String> {
    let text = certscope(&args("", host, file));
    let (_, after) = text.split_once("Fetch an OCSP response yourself\n").expect("capture section");
    after
        .lines()
        .skip_while(|l| !l.starts_with("    "))
        .map_while(|l| l.strip_prefix("    "))
        .map(str::to_string)
        .collect()
}

#[test]
fn hostile_certificate_commands_are_inert_in_every_format() {
    let j = json(None, HOSTILE);
    assert!(
        j.codes.iter().filter(|c| *c == "capture-url-refused").count() == (shell::PAYLOADS.len() + 1),
        "{:?}",
        j.codes
    );
    assert!(j.codes.iter().any(|c| c == "capture-host-refused"), "the first DNS name is a payload: {:?}", j.codes);
    assert_eq!(j.gets.len(), 1, "{:?}", j.gets);
    let want = shell::expected_calls(&[VALID_URL], &[&j.gets[0]], None);
    assert_inert(&j.commands, &want, "--json");
    assert_eq!(markdown_commands(None, HOSTILE), j.commands, "--markdown shows the JSON's commands");
    assert_eq!(text_commands(None, HOSTILE), j.commands, "text shows the JSON's commands");
}

#[test]
fn host_option_payloads_get_no_command_in_every_format() {
    for payload in shell::PAYLOADS.iter().copied().chain([shell::FENCE_BREAKER]) {
        let j = json(Some(payload), HOSTILE);
        assert!(j.codes.iter().any(|c| c == "capture-host-refused"), "{payload:?}: {:?}", j.codes);
        let want = shell::expected_calls(&[VALID_URL], &[&j.gets[0]], None);
        assert_inert(&j.commands, &want, payload);
        assert_inert(&markdown_commands(Some(payload), HOSTILE), &want, payload);
    }
}

#[test]
fn a_good_host_option_is_one_argument() {
    let j = json(Some(GOOD_HOST), HOSTILE);
    assert!(!j.codes.iter().any(|c| c == "capture-host-refused"), "{:?}", j.codes);
    let want = shell::expected_calls(&[VALID_URL], &[&j.gets[0]], Some(GOOD_HOST));
    assert_inert(&j.commands, &want, "--host www.example.com");
    assert_inert(&markdown_commands(Some(GOOD_HOST), HOSTILE), &want, "--markdown --host www.example.com");
}

/// A real chain (Comodo's ND1 leaf and issuer, tests/data/ocsp) keeps its
/// commands, now quoted.
#[test]
fn real_certificate_commands_run_as_intended() {
    let files = ["ocsp/ND1_Cert_EE.pem", "ocsp/ND1_Issuer_ICA.pem"];
    let mut a = vec!["--json", "--at", "2012-10-12T00:00:00Z", "--no-system-roots", "--"];
    a.extend(files);
    let v: Value = serde_json::from_str(&certscope(&a)).expect("JSON");
    let commands: Vec<String> =
        v["capture"]["commands"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    let get = v["capture"]["request_get_urls"][0].as_str().unwrap();
    let want = shell::expected_calls(&["http://ocsp.comodoca.com"], &[get], Some("secure.comodo.com"));
    assert_inert(&commands, &want, "ND1");
}
