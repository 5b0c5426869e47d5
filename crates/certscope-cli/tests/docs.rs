//! The docs say what the code does: docs/findings.md is generated from
//! `Code::ALL`, and the examples in docs/report.md and README.md are real
//! `certscope` runs. Each test regenerates its text and fails when the file
//! differs; `CERTSCOPE_BLESS=1 cargo test -p certscope-cli --test docs`
//! rewrites the files instead (as webpki's testgen does with `git diff`).

mod common;

use certscope::report::labels::chain_issue;
use certscope::{Code, Severity};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where the README's example runs: the Amazon Trust Services demo set.
const README_DIR: &str = "real/amazon";
/// Where docs/report.md's example runs: OpenSSL's OCSP test vectors.
const REPORT_DIR: &str = "ocsp";

fn bless() -> bool {
    std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1")
}

/// Writes `want` to `path` when blessing; otherwise fails on any difference,
/// naming the first differing line.
fn compare_or_bless(path: &Path, want: &str) {
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have == want {
        return;
    }
    if bless() {
        std::fs::write(path, want).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let line = have
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(have.lines().count().min(want.lines().count()));
    panic!(
        "{} is out of date (first difference at line {}):\n  file:      {:?}\n  generated: {:?}\n\
         Run `CERTSCOPE_BLESS=1 cargo test -p certscope-cli --test docs` and commit the result.",
        path.display(),
        line + 1,
        have.lines().nth(line).unwrap_or("<end of file>"),
        want.lines().nth(line).unwrap_or("<end of file>"),
    );
}

/// Replaces what lies between the BEGIN and END markers of `file`.
fn splice(file: &str, begin: &str, end: &str, body: &str) -> String {
    let start = file.find(begin).unwrap_or_else(|| panic!("marker {begin:?} is missing")) + begin.len();
    let stop = start + file[start..].find(end).unwrap_or_else(|| panic!("marker {end:?} is missing"));
    format!("{}\n{}{}", &file[..start], body, &file[stop..])
}

/// Runs certscope in the pool folder `dir`, so file names in the output are short.
fn run(dir: &str, args: &[&str]) -> (i32, String) {
    let out = common::certscope_at(dir).args(args).stdin(Stdio::null()).output().expect("run certscope");
    assert!(out.stderr.is_empty(), "certscope {args:?} wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
    (out.status.code().expect("exit code"), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn render_findings_md() -> String {
    let mut out = String::from(
        "# Finding codes\n\n\
         Every finding certscope can report. Generated from `Code::ALL` in\n\
         `crates/certscope/src/report/code.rs` by `crates/certscope-cli/tests/docs.rs`:\n\
         do not edit by hand; run `CERTSCOPE_BLESS=1 cargo test -p certscope-cli --test docs`.\n\n\
         - **id** is the stable `code` of the JSON report ([report.md](report.md)); an id\n  \
           is never renamed or reused.\n\
         - **severity** is the usual one: `error` makes the CLI exit 1. A check may\n  \
           lower or raise it where context changes it; the report carries the actual one.\n\
         - **strict-only** codes are RFC 5280 and CA/B Forum rules that strict validators\n  \
           (pyca, Go) enforce and browsers do not: an error under `--strict`, a warning\n  \
           under the default browsers profile.\n\
         - **chain issue** is the label the summary's \"Chain Issues\" row uses for\n  \
           the codes that count as chain issues.\n\
         - **what to do** is the finding's `remedy`; some checks replace it with a\n  \
           more specific one (a URL to fetch, a server snippet).\n\n",
    );
    let total = Code::ALL.len();
    let count = |s: Severity| Code::ALL.iter().filter(|c| c.severity() == s && !c.strict_only()).count();
    out.push_str(&format!(
        "{total} codes: {} errors, {} strict-only, {} warnings, {} informational.\n\n",
        count(Severity::Error),
        Code::ALL.iter().filter(|c| c.strict_only()).count(),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    out.push_str("| id | severity | chain issue | reference | what to do |\n|---|---|---|---|---|\n");
    for &code in Code::ALL {
        let label = chain_issue(code).unwrap_or_default();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code.code(),
            if code.strict_only() { "strict-only" } else { code.severity().as_str() },
            md_cell(label),
            md_cell(code.reference()),
            md_cell(code.remedy())
        ));
    }
    out
}

#[test]
fn findings_md_is_generated_from_code_all() {
    compare_or_bless(&repo().join("docs/findings.md"), &render_findings_md());
}

/// The example in docs/report.md: an OCSP response with its certificate and issuer.
const REPORT_EXAMPLE: &[&str] = &[
    "--json",
    "--at",
    "2012-10-12T00:00:00Z",
    "--no-system-roots",
    "--roots",
    "ND1_Issuer_ICA.pem",
    "--ocsp",
    "ND1.der",
    "ND1_Cert_EE.pem",
];

fn report_md_example() -> String {
    let (_, json) = run(REPORT_DIR, REPORT_EXAMPLE);
    format!("```console\n$ certscope {}\n```\n\n```json\n{json}```\n", REPORT_EXAMPLE.join(" "))
}

#[test]
fn report_md_example_is_a_real_run() {
    let path = repo().join("docs/report.md");
    let file = std::fs::read_to_string(&path).expect("docs/report.md");
    let want =
        splice(&file, "<!-- BEGIN GENERATED EXAMPLE -->", "<!-- END GENERATED EXAMPLE -->", &report_md_example());
    compare_or_bless(&path, &want);
}

fn keys(v: &Value, into: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                into.insert(k.clone());
                keys(v, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

/// When tests/data/staple/make.sh made its responses, plus ten minutes.
const STAPLE_AS_OF: &str = include_str!("../../certscope/tests/data/staple/asof.txt");

#[test]
fn report_md_documents_every_field() {
    let doc = std::fs::read_to_string(repo().join("docs/report.md")).expect("docs/report.md");
    // The schema part only: the example below it would document anything.
    let schema = doc.split("## Example").next().unwrap_or_default();
    let mut seen = BTreeSet::new();
    for (dir, args) in [
        (REPORT_DIR, REPORT_EXAMPLE),
        (
            README_DIR,
            &[
                "--json",
                "--at",
                "2025-02-25T00:00:00Z",
                "--host",
                "example.com",
                "r2m03.cer",
                "valid.rootca1.chain.pem",
            ],
        ),
        // A stapled response, printed and in the -msg dump (stapling.claim, der_source).
        ("staple", &["--json", "--at", STAPLE_AS_OF.trim(), "good-tls13-msg.txt"]),
    ] {
        let (_, out) = run(dir, args);
        let report: Value = serde_json::from_str(&out).expect("JSON");
        keys(&report, &mut seen);
    }
    let missing: Vec<&String> = seen.iter().filter(|k| !schema.contains(&format!("`{k}`"))).collect();
    assert!(missing.is_empty(), "docs/report.md does not document {missing:?}");
}

/// The CLI example in README.md.
const README_EXAMPLE: &[&str] = &["--at", "2025-02-25T00:00:00Z", "valid.rootca1.chain.pem"];

#[test]
fn readme_example_is_a_real_run() {
    let path = repo().join("README.md");
    let file = std::fs::read_to_string(&path).expect("README.md");
    let (code, text) = run(README_DIR, README_EXAMPLE);
    let body = format!(
        "```console\n$ cd crates/certscope/tests/data/{README_DIR}\n$ certscope {}\n{text}$ echo $?\n{code}\n```\n",
        README_EXAMPLE.join(" ")
    );
    let want = splice(&file, "<!-- BEGIN CLI EXAMPLE -->", "<!-- END CLI EXAMPLE -->", &body);
    // Both README examples in one test: two tests blessing one file race.
    let want = splice(&want, "<!-- BEGIN ASN1 EXAMPLE -->", "<!-- END ASN1 EXAMPLE -->", &readme_asn1_example());
    compare_or_bless(&path, &want);
}

/// The `--asn1` example in README.md: the lines that carry a finding.
const ASN1_EXAMPLE: &[&str] =
    &["--asn1", "--at", "2026-01-01T00:00:00Z", "--no-system-roots", "custom-negative_serial.pem"];

fn readme_asn1_example() -> String {
    let (_, text) = run("x509", ASN1_EXAMPLE);
    // What `grep -e '^==' -e '<-'` keeps.
    let kept: String =
        text.lines().filter(|l| l.starts_with("==") || l.contains("<-")).map(|l| format!("{l}\n")).collect();
    format!(
        "```console\n$ cd crates/certscope/tests/data/x509\n$ certscope {} | grep -e '^==' -e '<-'\n{kept}```\n",
        ASN1_EXAMPLE.join(" ")
    )
}
