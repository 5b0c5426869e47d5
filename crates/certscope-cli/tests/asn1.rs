//! `certscope --asn1`: each object's tree as `openssl asn1parse -i` prints
//! it, with names, values and the findings marked at their nodes (issue 16).

mod common;

use serde_json::Value;
use std::process::Output;

fn run(dir: &str, args: &[&str]) -> Output {
    common::certscope_at(dir).args(args).output().expect("run certscope")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

const NEGATIVE_SERIAL: [&str; 4] = ["--at", "2026-01-01", "--no-system-roots", "custom-negative_serial.pem"];

#[test]
fn findings_are_marked_at_the_node_their_json_range_names() {
    let tree = run("x509", &[&["--asn1"][..], &NEGATIVE_SERIAL].concat());
    // Expired: an error finding, so exit status 1 as for the other formats.
    assert_eq!(tree.status.code(), Some(1));
    let text = stdout(&tree);
    assert!(text.starts_with("== certificate 0: gov.us (1072 bytes)\n"), "{text}");
    let serial = text.lines().find(|l| l.contains("(serialNumber)")).expect("a serialNumber line");
    assert!(serial.contains(":-18008675309 (0xFBCE996C13)"), "{serial}");

    // The JSON of the same run names the same node for each marked finding.
    let json: Value =
        serde_json::from_slice(&run("x509", &[&["--json"][..], &NEGATIVE_SERIAL].concat()).stdout).unwrap();
    let mut marked = 0;
    for f in json["findings"].as_array().unwrap() {
        let Some(bytes) = f.get("bytes") else { continue };
        let (offset, len) = (bytes["offset"].as_u64().unwrap(), bytes["len"].as_u64().unwrap());
        let code = f["code"].as_str().unwrap();
        let line = text
            .lines()
            .find(|l| l.ends_with(code) || l.contains(&format!(" {code}  <-")))
            .unwrap_or_else(|| panic!("{code} is not marked:\n{text}"));
        // "   13:d=2  hl=2 l=    5 prim: ..." — offset, header and content length.
        let field = |key: &str| -> u64 {
            let at = line.find(key).unwrap() + key.len();
            line[at..].trim_start().split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
        };
        let start: u64 = line.split(':').next().unwrap().trim().parse().unwrap();
        assert_eq!((start, field("hl=") + field(" l=")), (offset, len), "{code}: {line}");
        marked += 1;
    }
    assert!(marked >= 3, "serial-invalid, expired, eku-critical at least:\n{text}");
}

#[test]
fn certificate_text_is_escaped() {
    // names.pem: an OU with a right-to-left override, BEL and ESC sequences.
    let out = run("hostile", &["--asn1", "--at", "2026-01-01", "--no-system-roots", "names.pem"]);
    let text = stdout(&out);
    assert!(text.contains("\\u{202e}bell\\u{7}esc\\u{1b}[31mred"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "a raw control character reached the terminal");
}

#[test]
fn asn1_does_not_combine_with_other_formats() {
    let out = run("x509", &["--asn1", "--json", "custom-negative_serial.pem"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--asn1 and --json cannot be used together"));
}

#[test]
fn a_broken_object_shows_its_malformed_bytes() {
    // An OCSP response cut short: the tree says where it breaks.
    let der = std::fs::read(common::pool().join("ocsp/D1.der")).unwrap();
    let dir = std::env::temp_dir().join(format!("certscope-asn1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut = dir.join("cut.der");
    std::fs::write(&cut, &der[..der.len() / 2]).unwrap();
    let out = common::certscope_at("ocsp")
        .args(["--asn1", "--at", "2026-01-01", "--no-system-roots", cut.to_str().unwrap()])
        .output()
        .unwrap();
    let text = stdout(&out);
    std::fs::remove_dir_all(&dir).ok();
    assert!(text.contains("cut.der: no object recognised; its bytes (745)"), "{text}");
    assert!(text.contains("MALFORMED: length runs past the enclosing value"), "{text}");
}
