//! The published contract: docs/report.schema.json is the JSON Schema
//! (2020-12) derived from the Report's types, and real reports conform
//! to it. `CERTSCOPE_BLESS=1 cargo test -p certscope --test schema`
//! rewrites the file after a deliberate change to the types (raise
//! `SCHEMA_VERSION` when the change is incompatible). corpus.rs checks
//! every corpus case's report against the same file.

use certscope::{analyze, Input, Options, Timestamp};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema_path() -> PathBuf {
    repo().join("docs/report.schema.json")
}

fn generated() -> String {
    let schema = certscope::report::json_schema();
    format!("{}\n", serde_json::to_string_pretty(&schema).expect("the schema serializes"))
}

#[test]
fn schema_file_is_generated_from_the_types() {
    let want = generated();
    let have = std::fs::read_to_string(schema_path()).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(schema_path(), &want).expect("write docs/report.schema.json");
        return;
    }
    let line = have.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
    panic!(
        "docs/report.schema.json is out of date (first difference at line {}): run \
         `CERTSCOPE_BLESS=1 cargo test -p certscope --test schema` and commit the result.",
        line + 1
    );
}

#[test]
fn schema_is_2020_12_and_versioned() {
    let schema: serde_json::Value = serde_json::from_str(&generated()).expect("JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(schema["required"].as_array().is_some_and(|r| r.iter().any(|f| f == "schema_version")), "{schema:#}");
    // Every enumerated word is listed: a row id the schema does not know fails.
    let validator = validator();
    let report = analyze(&[Input::text("not a certificate")], &Options::at(Timestamp::default()));
    let mut json = serde_json::to_value(&report).expect("JSON");
    assert!(validator.is_valid(&json), "{json:#}");
    json["summary"]["rows"][0]["id"] = "certificate-label".into();
    assert!(!validator.is_valid(&json), "an unknown row id must not validate");
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema_path()).expect("docs/report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Every file under tests/data that is not a corpus case (those are
/// corpus.rs's), each analysed alone, and each directory's files
/// together: certificates, OCSP responses, CRLs, transcripts, keys, PFX
/// files and CSRs, so that every section of the report is filled by some
/// input and checked against the schema.
#[test]
fn reports_for_every_data_file_conform() {
    let validator = validator();
    let opts =
        Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()) };
    let mut files = Vec::new();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut dirs = vec![data.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read tests/data") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path != data.join("corpus") {
                    dirs.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let input = |path: &PathBuf| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Input::bytes(name, std::fs::read(path).expect("read"))
    };
    let mut cases: Vec<(String, Vec<Input>)> =
        files.iter().map(|p| (p.display().to_string(), vec![input(p)])).collect();
    let mut by_dir: std::collections::BTreeMap<&Path, Vec<Input>> = std::collections::BTreeMap::new();
    for path in &files {
        by_dir.entry(path.parent().expect("a directory")).or_default().push(input(path));
    }
    cases.extend(by_dir.into_iter().map(|(dir, inputs)| (format!("{}/*", dir.display()), inputs)));
    let mut sections = std::collections::BTreeSet::new();
    for (what, inputs) in &cases {
        let report = analyze(inputs, &opts);
        let json = serde_json::to_value(&report).expect("JSON");
        if let Err(e) = validator.validate(&json) {
            panic!("{what}: the report does not conform to docs/report.schema.json: {e}");
        }
        for (section, filled) in [
            ("ocsp", report.ocsp.is_some()),
            ("ocsp_other", !report.ocsp_other.is_empty()),
            ("crls", !report.crls.is_empty()),
            ("stapling", report.stapling.is_some()),
            ("keys", !report.keys.is_empty()),
            ("requests", !report.requests.is_empty()),
            ("pfx", !report.pfx.is_empty()),
            ("capture", report.capture.is_some()),
        ] {
            if filled {
                sections.insert(section);
            }
        }
    }
    assert!(files.len() > 100, "only {} files", files.len());
    let all = ["capture", "crls", "keys", "ocsp", "ocsp_other", "pfx", "requests", "stapling"];
    assert_eq!(sections.into_iter().collect::<Vec<_>>(), all, "every section is exercised");
}
