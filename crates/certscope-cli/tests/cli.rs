//! Runs the `certscope` binary as a user or script would: real files in,
//! exit status and output checked.
//!
//! Data: the core's fixture pool, crates/certscope/tests/data (sources in
//! SOURCES.md there); most runs are in its Amazon Trust Services set.

mod common;

use common::{codes, pool};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

/// The Amazon Trust Services demo set, where most runs happen.
const AMAZON_DIR: &str = "real/amazon";

fn data_dir() -> PathBuf {
    pool().join(AMAZON_DIR)
}

/// Runs certscope in the Amazon set, feeding `stdin` (empty when None).
fn certscope(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = common::certscope_at(AMAZON_DIR)
        .args(args)
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

/// The CLI's --json, checked against the published contract,
/// docs/report.schema.json, before any test reads a field of it.
fn json(out: &Output) -> Value {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", String::from_utf8_lossy(&out.stdout), stderr(out))
    });
    let validator = SCHEMA.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
        let schema: Value = serde_json::from_slice(&std::fs::read(&path).expect("docs/report.schema.json"))
            .expect("the schema is JSON");
        jsonschema::draft202012::new(&schema).expect("the schema compiles")
    });
    if let Err(e) = validator.validate(&value) {
        panic!("the CLI's --json does not conform to docs/report.schema.json: {e}");
    }
    value
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// Amazon's demo leaf is valid 2025-02-22 .. 2025-04-30 (SOURCES.md: verify OK at 2025-02-25).
const VALID_AT: &str = "2025-02-25T00:00:00Z";
const EXPIRED_AT: &str = "2025-06-01T00:00:00Z";
const AMAZON: [&str; 3] = ["--no-system-roots", "--roots", "AmazonRootCA1.cer"];

fn amazon_json(at: &str, files: &[&str]) -> Output {
    let mut args = vec!["--json", "--at", at];
    args.extend(AMAZON);
    args.extend(files);
    certscope(&args, None)
}

// ---- exit status 2: could not run -----------------------------------------

/// Every finding has the six fields of the contract, with their types.
fn check_finding_fields(findings: &[Value]) {
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
    }
}

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

// ---- exit status 0, and the verdict follows --at --------------------------

#[test]
fn valid_chain_exits_0_and_expired_exits_1() {
    let ok = amazon_json(VALID_AT, &["valid.rootca1.chain.pem"]);
    let report = json(&ok);
    assert_eq!(status(&ok), 0, "findings: {:?}", codes(&report));
    assert_ne!(report["summary"]["verdict"], "error");
    assert_eq!(report["chain"]["complete"], true);
    assert_eq!(report["chain"]["valid"], true);
    assert_eq!(report["summary"]["trusted"], true);
    assert!(!codes(&report).contains(&"expired".to_string()));

    let late = amazon_json(EXPIRED_AT, &["valid.rootca1.chain.pem"]);
    let report = json(&late);
    assert_eq!(status(&late), 1);
    assert_eq!(report["summary"]["verdict"], "error");
    assert_eq!(report["chain"]["valid"], false);
    let expired: Vec<&Value> =
        report["findings"].as_array().expect("findings").iter().filter(|f| f["code"] == "expired").collect();
    assert_eq!(expired.len(), 1, "{:?}", codes(&report));
    assert_eq!(expired[0]["certificate"], 0, "the leaf expired, not the intermediate");
    assert_eq!(expired[0]["severity"], "error");
}

#[test]
fn text_output_leads_with_the_summary_and_exits_like_json() {
    let mut args = vec!["--at", EXPIRED_AT];
    args.extend(AMAZON);
    args.push("valid.rootca1.chain.pem");
    let out = certscope(&args, None);
    assert_eq!(status(&out), 1);
    let text = String::from_utf8_lossy(&out.stdout);
    let first_lines: Vec<&str> = text.lines().take(12).collect();
    assert!(first_lines.iter().any(|l| l.contains("Chain Issues")), "{text}");
    assert!(first_lines.iter().any(|l| l.contains("Valid")), "{text}");
    assert!(text.contains("expired"), "{text}");
}

#[test]
fn markdown_output_has_the_summary_table() {
    let mut args = vec!["--markdown", "--at", VALID_AT];
    args.extend(AMAZON);
    args.push("valid.rootca1.chain.pem");
    let out = certscope(&args, None);
    assert_eq!(status(&out), 0);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.lines().any(|l| l.starts_with("| **Chain Issues** |")), "{md}");
}

// ---- input: stdin, DER files, any order -----------------------------------

#[test]
fn stdin_gives_the_same_report_as_the_file() {
    let chain = std::fs::read(data_dir().join("valid.rootca1.chain.pem")).expect("fixture");
    let mut args = vec!["--json", "--at", VALID_AT];
    args.extend(AMAZON);
    let piped = json(&certscope(&args, Some(&chain)));
    let dashed = {
        let mut a = args.clone();
        a.push("-");
        json(&certscope(&a, Some(&chain)))
    };
    let from_file = json(&amazon_json(VALID_AT, &["valid.rootca1.chain.pem"]));
    assert_eq!(piped["certificates"].as_array().map(Vec::len), Some(2));
    for report in [&piped, &dashed] {
        assert_eq!(report["chain"], from_file["chain"]);
        assert_eq!(report["summary"], from_file["summary"]);
        assert_eq!(codes(report), codes(&from_file));
        assert_eq!(report["certificates"][0]["source"]["name"], "stdin");
    }
}

#[test]
fn der_files_in_reverse_order_build_the_same_path() {
    let pem = json(&amazon_json(VALID_AT, &["valid.rootca1.chain.pem"]));
    let out = amazon_json(VALID_AT, &["r2m03.cer", "valid.rootca1.demo.amazontrust.com.cer"]);
    let der = json(&out);
    assert_eq!(der["chain"]["path"], pem["chain"]["path"]);
    assert_eq!(der["chain"]["order_ok"], false);
    assert!(codes(&der).contains(&"wrong-order".to_string()), "{:?}", codes(&der));
    assert_eq!(der["certificates"][1]["role"], "leaf");
    assert_eq!(der["certificates"][1]["source"]["name"], "valid.rootca1.demo.amazontrust.com.cer");
}

#[test]
fn without_roots_the_chain_is_untrusted() {
    let out = certscope(&["--json", "--at", VALID_AT, "--no-system-roots", "valid.rootca1.chain.pem"], None);
    assert_eq!(status(&out), 1);
    let report = json(&out);
    assert_eq!(report["summary"]["trusted"], false);
    assert_eq!(report["chain"]["complete"], false);
}

#[test]
fn system_roots_trust_amazon_root_ca_1() {
    let out = certscope(&["--json", "--at", VALID_AT, "valid.rootca1.chain.pem"], None);
    let report = json(&out);
    assert_eq!(report["summary"]["trusted"], true, "{:?}", codes(&report));
    assert_eq!(status(&out), 0);
}

#[test]
fn policy_flags_reach_policy_processing() {
    // The Amazon leaf asserts DV under an anyPolicy intermediate.
    let dv = amazon_json(VALID_AT, &["--policy", "DV", "--require-explicit-policy", "valid.rootca1.chain.pem"]);
    assert_eq!(status(&dv), 0, "{:?}", codes(&json(&dv)));
    let policies = &json(&dv)["chain"]["policies"];
    assert_eq!(policies["user_constrained"][0]["oid"], "2.23.140.1.2.1");
    assert_eq!(policies["user_constrained"][0]["name"], "DV");
    let ev = amazon_json(VALID_AT, &["--policy", "EV", "--require-explicit-policy", "valid.rootca1.chain.pem"]);
    assert_eq!(status(&ev), 1);
    assert!(codes(&json(&ev)).contains(&"policy-required-none-valid".to_string()));
    // Without --require-explicit-policy an unmet policy set is reported, not an error.
    let quiet = amazon_json(VALID_AT, &["--policy", "EV", "valid.rootca1.chain.pem"]);
    assert_eq!(status(&quiet), 0);
    assert_eq!(json(&quiet)["chain"]["policies"]["user_constrained"], serde_json::json!([]));
    let text = certscope(&["--at", VALID_AT, "valid.rootca1.chain.pem"], None);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Policies on this path: 2.23.140.1.2.1 (DV)"));
}

#[test]
fn host_flag_checks_the_leaf() {
    let ok = amazon_json(VALID_AT, &["--host", "valid.rootca1.demo.amazontrust.com", "valid.rootca1.chain.pem"]);
    assert_eq!(status(&ok), 0);
    assert_eq!(json(&ok)["host"], "valid.rootca1.demo.amazontrust.com");
    let bad = amazon_json(VALID_AT, &["--host", "example.com", "valid.rootca1.chain.pem"]);
    assert_eq!(status(&bad), 1);
    assert!(codes(&json(&bad)).contains(&"host-mismatch".to_string()));
}

#[test]
fn ocsp_flag_reads_a_base64_response() {
    let out = certscope_in(
        "ocsp",
        &[
            "--json",
            "--at",
            "2012-10-12T00:00:00Z",
            "--no-system-roots",
            "--roots",
            "ND1_Issuer_ICA.pem",
            "--ocsp",
            "ND1.ors",
            "ND1_Cert_EE.pem",
        ],
        None,
    );
    let report = json(&out);
    let ocsp = &report["ocsp"];
    assert_eq!(ocsp["response_status"], "successful", "{report:#}");
    assert_eq!(ocsp["signature"], "valid");
    assert_eq!(ocsp["responder"], "issuer");
    assert_eq!(ocsp["leaf"]["status"], "good");
    assert_eq!(ocsp["leaf"]["freshness"], "fresh");
    assert_eq!(ocsp["responses"][0]["serial"], "22e1332220a048df29b2bf9a31c29b07");
    assert_eq!(report["summary"]["ocsp_status"], "good");
    // A week later the same response is past its nextUpdate.
    let stale = certscope_in(
        "ocsp",
        &[
            "--json",
            "--at",
            "2012-10-20T00:00:00Z",
            "--no-system-roots",
            "--roots",
            "ND1_Issuer_ICA.pem",
            "--ocsp",
            "ND1.der",
            "ND1_Cert_EE.pem",
        ],
        None,
    );
    assert_eq!(status(&stale), 1);
    assert!(codes(&json(&stale)).contains(&"ocsp-stale".to_string()));
}

// ---- the --json contract (docs/report.md) ----------------------------------

#[derive(Clone, Copy, Debug)]
enum Ty {
    Str,
    Bool,
    Num,
    Time,
    Hex,
    Strings,
    OptStr,
    OptNum,
    OptBool,
    OneOf(&'static [&'static str]),
}

fn check(v: &Value, at: &str, ty: Ty) {
    let is_time = |s: &str| {
        s.len() == 20 && s.ends_with('Z') && s.as_bytes().get(10) == Some(&b'T') && s.as_bytes().get(4) == Some(&b'-')
    };
    let ok = match ty {
        Ty::Str => v.is_string(),
        Ty::Bool => v.is_boolean(),
        Ty::Num => v.is_u64(),
        Ty::Time => v.as_str().is_some_and(is_time),
        Ty::Hex => v
            .as_str()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))),
        Ty::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Ty::OptStr => v.is_null() || v.is_string(),
        Ty::OptNum => v.is_null() || v.is_u64(),
        Ty::OptBool => v.is_null() || v.is_boolean(),
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

const ROLES: &[&str] = &["leaf", "intermediate", "root", "extra", "duplicate"];
const SIGNATURES: &[&str] = &["valid", "invalid", "issuer-missing", "unsupported"];
const SEVERITIES: &[&str] = &["error", "warning", "info"];

#[test]
fn json_has_every_contract_field_with_its_type() {
    let out = amazon_json(VALID_AT, &["--host", "valid.rootca1.demo.amazontrust.com", "valid.rootca1.chain.pem"]);
    let r = json(&out);
    check(&r["as_of"], "as_of", Ty::Time);
    assert_eq!(r["as_of"], "2025-02-25T00:00:00Z");

    let certs = r["certificates"].as_array().expect("certificates is an array");
    assert_eq!(certs.len(), 2);
    for (i, c) in certs.iter().enumerate() {
        let at = format!("certificates[{i}]");
        check_fields(
            c,
            &at,
            &[
                ("index", Ty::Num),
                ("role", Ty::OneOf(ROLES)),
                ("subject", Ty::Str),
                ("issuer", Ty::Str),
                ("serial", Ty::Hex),
                ("sha256", Ty::Hex),
                ("key", Ty::Str),
                ("signature_algorithm", Ty::Str),
                ("signature", Ty::OneOf(SIGNATURES)),
                ("not_before", Ty::Time),
                ("not_after", Ty::Time),
                ("is_ca", Ty::Bool),
                ("self_signed", Ty::Bool),
                ("must_staple", Ty::Bool),
                ("san", Ty::Strings),
            ],
        );
        assert_eq!(c["index"], i);
        assert_eq!(c["sha256"].as_str().map(str::len), Some(64), "{at}.sha256");
    }
    // Facts from `openssl x509 -text` (tests/data/SOURCES.md).
    let leaf = &certs[0];
    assert_eq!(leaf["role"], "leaf");
    assert_eq!(leaf["serial"], "05861182386837d0c7c044ae2c2d7549");
    assert_eq!(leaf["key"], "RSA-2048");
    assert_eq!(leaf["signature_algorithm"], "sha256WithRSAEncryption");
    assert_eq!(leaf["signature"], "valid");
    assert_eq!(leaf["not_before"], "2025-02-22T00:00:00Z");
    assert_eq!(leaf["not_after"], "2025-04-30T23:59:59Z");
    assert_eq!(leaf["is_ca"], false);
    assert!(leaf["san"].as_array().expect("san").iter().any(|s| s == "valid.rootca1.demo.amazontrust.com"));
    assert_eq!(certs[1]["role"], "intermediate");
    assert_eq!(certs[1]["is_ca"], true);
    assert_eq!(certs[1]["signature"], "valid");

    let chain = &r["chain"];
    check_fields(
        chain,
        "chain",
        &[("complete", Ty::Bool), ("valid", Ty::Bool), ("order_ok", Ty::Bool), ("corrected_pem", Ty::Str)],
    );
    let path = chain["path"].as_array().expect("chain.path is an array");
    assert_eq!(path.len(), 3, "leaf, intermediate, Amazon Root CA 1");
    for (i, fp) in path.iter().enumerate() {
        check(fp, &format!("chain.path[{i}]"), Ty::Hex);
    }
    assert_eq!(path[0], certs[0]["sha256"]);
    assert_eq!(path[1], certs[1]["sha256"]);
    assert_eq!(chain["order_ok"], true);
    assert!(chain["corrected_pem"].as_str().is_some_and(|p| p.matches("BEGIN CERTIFICATE").count() == 2));
    let policies = &chain["policies"];
    check_fields(policies, "chain.policies", &[("valid", Ty::Bool)]);
    for set in ["authorities_constrained", "user_constrained"] {
        let list = policies[set].as_array().unwrap_or_else(|| panic!("chain.policies.{set} is an array"));
        assert!(!list.is_empty(), "the Amazon leaf asserts DV");
        for (i, p) in list.iter().enumerate() {
            check_fields(p, &format!("chain.policies.{set}[{i}]"), &[("oid", Ty::Str), ("name", Ty::OptStr)]);
        }
    }

    let s = &r["summary"];
    check_fields(
        s,
        "summary",
        &[
            ("verdict", Ty::OneOf(&["ok", "warning", "error"])),
            ("chain_issues", Ty::Strings),
            ("trusted", Ty::Bool),
            ("must_staple", Ty::Bool),
            ("ocsp_status", Ty::OptStr),
            ("must_staple_satisfied", Ty::OptBool),
        ],
    );
    check_fields(&s["revocation_info"], "summary.revocation_info", &[("ocsp", Ty::Strings), ("crl", Ty::Strings)]);
    assert_eq!(s["chain_issues"], Value::Array(Vec::new()));

    assert!(r["ocsp"].is_null(), "no response was given");
    let findings = r["findings"].as_array().expect("findings is an array");
    check_finding_fields(findings);
}

#[test]
fn finding_fields_have_their_types_on_a_broken_input() {
    let out = certscope(&["--json", "--at", VALID_AT, "-"], Some(b"-----BEGIN CERTIFICATE-----\nMIIB\n"));
    let r = json(&out);
    assert_eq!(status(&out), 1);
    let findings = r["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    check_finding_fields(findings);
    for f in findings {
        let code = f["code"].as_str().unwrap_or_default();
        assert!(certscope::Code::from_id(code).is_some(), "{code} is not in Code::ALL");
    }
    assert!(r["certificates"].as_array().is_some_and(Vec::is_empty));
}

/// A server stapling a "revoked" response (tests/data/staple/make.sh):
/// exit 1, from the printed text alone and from the -msg dump's bytes.
#[test]
fn revoked_staple_in_a_transcript_exits_1() {
    let at = std::fs::read_to_string(pool().join("staple/asof.txt")).expect("asof.txt");
    for (file, code) in [("revoked-tls13-text.txt", "staple-revoked-text"), ("revoked-tls12-msg.txt", "ocsp-revoked")] {
        let out = certscope_in(
            "staple",
            &["--json", "--at", at.trim(), "--no-system-roots", "--roots", "root.pem", file],
            None,
        );
        assert_eq!(status(&out), 1, "{file}: {}", stderr(&out));
        let report = json(&out);
        assert!(codes(&report).iter().any(|c| c == code), "{file}: {:?}", codes(&report));
        assert_eq!(report["summary"]["verdict"], "error");
    }
    let out = certscope_in(
        "staple",
        &["--at", at.trim(), "--no-system-roots", "--roots", "root.pem", "good-tls13-msg.txt"],
        None,
    );
    assert_eq!(status(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Stapled: Good, fresh — signature verified"));
}

/// Runs certscope in `tests/data/<dir>` with `CERTSCOPE_PFX_PASSWORD` set or unset.
fn certscope_in(dir: &str, args: &[&str], env_password: Option<&str>) -> Output {
    let mut cmd = common::certscope_at(dir);
    cmd.args(args).stdin(Stdio::null());
    match env_password {
        Some(p) => cmd.env("CERTSCOPE_PFX_PASSWORD", p),
        None => cmd.env_remove("CERTSCOPE_PFX_PASSWORD"),
    };
    cmd.output().expect("run certscope")
}

#[test]
fn a_pfx_opens_with_a_password_file_or_the_environment() {
    let file = std::env::temp_dir().join(format!("certscope-cli-test-{}.pass", std::process::id()));
    std::fs::write(&file, "certscope-test\n").unwrap();
    let with_file = certscope_in("pfx", &["--json", "--password-file", file.to_str().unwrap(), "default.pfx"], None);
    std::fs::remove_file(&file).unwrap();
    let with_env = certscope_in("pfx", &["--json", "legacy.pfx"], Some("certscope-test"));
    for out in [with_file, with_env] {
        let report = json(&out);
        assert_eq!(report["certificates"].as_array().unwrap().len(), 2, "{}", stderr(&out));
        assert_eq!(report["pfx"][0]["certificates"][0]["friendly_name"], "certscope leaf");
        assert!(!codes(&report).iter().any(|c| c.starts_with("pfx-")));
    }
    let without = json(&certscope_in("pfx", &["--json", "default.pfx"], None));
    assert!(codes(&without).contains(&"pfx-password-needed".to_string()));
    let wrong = json(&certscope_in("pfx", &["--json", "default.pfx"], Some("nope")));
    assert!(codes(&wrong).contains(&"pfx-password-wrong".to_string()));
}

#[test]
fn a_password_argument_is_refused() {
    let out = certscope_in("pfx", &["--password", "certscope-test", "default.pfx"], None);
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("--password-file"), "{}", stderr(&out));
}

#[test]
fn a_certificate_and_its_key_match_and_the_key_is_never_printed() {
    let out = certscope_in("keys", &["--json", "rsa.crt", "rsa.key"], None);
    let report = json(&out);
    assert!(codes(&report).contains(&"key-matches-certificate".to_string()));
    let out = certscope_in("keys", &["rsa.crt", "other-rsa.key"], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("key values mismatch"), "{text}");
    assert_eq!(status(&out), 1);
    let key = std::fs::read_to_string(pool().join("keys/other-rsa.key")).unwrap();
    for line in key.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line));
    }
}

/// Netflix's 2016 chain (rustls/webpki@1bff41a4): its intermediate has no
/// authorityKeyIdentifier, which browsers accept and strict validators do
/// not. The verdict and the exit status follow the profile, and the report
/// says which judged it. The anchor is VeriSign's v1 root; an anchor's
/// version is not judged (every validator trusts v1 roots).
#[test]
fn strict_flag_changes_the_verdict_and_exit_status() {
    let netflix = pool().join("real/webpki/netflix");
    let chain = netflix.join("chain.pem");
    let root = netflix.join("ca.der");
    let run = |extra: &[&str]| {
        let mut args = vec!["--json", "--at", "2016-12-08T00:00:00Z", "--no-system-roots", "--host", "www.netflix.com"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--roots", root.to_str().expect("UTF-8 path"), chain.to_str().expect("UTF-8 path")]);
        certscope(&args, None)
    };
    let browsers = run(&[]);
    let report = json(&browsers);
    assert_eq!(status(&browsers), 0, "{}", stderr(&browsers));
    assert_eq!(report["profile"], "browsers");
    let aki = report["findings"].as_array().expect("findings").iter().find(|f| f["code"] == "aki-missing");
    let aki = aki.expect("the missing AKI is named under browsers too");
    assert_eq!(aki["severity"], "warning");
    assert!(aki["message"].as_str().expect("message").contains("strict validators (pyca, Go) reject it"));

    let strict = run(&["--strict"]);
    let report = json(&strict);
    assert_eq!(status(&strict), 1);
    assert_eq!(report["profile"], "strict");
    assert_eq!(report["summary"]["verdict"], "error");
    assert_eq!(codes(&report), ["aki-missing"]);
}

/// NIST PKITS 4.1.4: an end entity signed with DSA, which certscope does not
/// implement. A path nobody could verify is an error verdict ("could not
/// verify") with exit status 1, never an OK a script would take for a pass.
#[test]
fn an_unverifiable_path_is_an_error_not_a_pass() {
    let pkits = pool().join("pkits/certs");
    let file = |name: &str| pkits.join(name).to_str().expect("UTF-8 path").to_string();
    let (ee, ca, root) =
        (file("ValidDSASignaturesTest4EE.crt"), file("DSACACert.crt"), file("TrustAnchorRootCertificate.crt"));
    let out = certscope(&["--json", "--at", "2012-06-01", "--no-system-roots", "--roots", &root, &ee, &ca], None);
    let report = json(&out);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    assert_eq!(report["summary"]["verdict"], "error");
    let finding = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "signature-algorithm-unsupported")
        .expect("the unverifiable signature is named");
    assert_eq!(finding["severity"], "error");
    assert!(finding["message"].as_str().expect("message").starts_with("Could not verify"));
    assert_eq!(report["chain"]["valid"], false);
}

/// Amazon's real demo leaf with one byte of its signature flipped, sent
/// with its real issuer: the diagnosis is "Invalid signature" alone. The
/// issuer is the right one, so it is never called an extra certificate
/// (which would tell the user to remove the intermediate they need).
#[test]
fn a_corrupted_leaf_signature_does_not_blame_its_issuer() {
    let mut leaf = std::fs::read(data_dir().join("valid.rootca1.demo.amazontrust.com.cer")).expect("leaf");
    let last = leaf.len() - 5;
    leaf[last] ^= 0xff;
    let mut args = vec!["--json", "--at", VALID_AT];
    args.extend_from_slice(&AMAZON);
    args.extend_from_slice(&["-", "r2m03.cer"]);
    let out = certscope(&args, Some(&leaf));
    let report = json(&out);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    assert_eq!(codes(&report), ["signature-invalid"]);
    assert_eq!(report["summary"]["chain_issues"], serde_json::json!(["signature-invalid"]), "{}", report["summary"]);
}

#[cfg(feature = "net")]
mod connect {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    #[test]
    fn refused_connection_exits_2_with_a_message() {
        // Bind then drop: the port is free, so the connect is refused.
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let out = certscope(&["--connect", &format!("127.0.0.1:{port}"), "--timeout", "5"], None);
        assert_eq!(status(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains("connection refused"), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }

    #[test]
    fn plain_http_server_exits_2_not_tls() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        });
        let out = certscope(&["--connect", &format!("127.0.0.1:{port}"), "--timeout", "5", "--json"], None);
        server.join().unwrap();
        assert_eq!(status(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains("does not speak TLS"), "{}", stderr(&out));
    }

    #[test]
    fn network_flags_need_connect() {
        for args in [&["--fetch-ocsp", "chain.pem"][..], &["--servername", "a.example"], &["--timeout", "3"]] {
            let out = certscope(args, None);
            assert_eq!(status(&out), 2, "{args:?}");
            assert!(stderr(&out).contains("only with --connect"), "{args:?}: {}", stderr(&out));
        }
    }
}
