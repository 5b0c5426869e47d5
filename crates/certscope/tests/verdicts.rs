//! Path validation on openssl-made scenarios (tests/data/verdicts/make.sh):
//! name constraints, path building that backtracks, and diagnoses that do
//! not mislead. Each scenario is a chain (leaf first) and its own anchors;
//! Mozilla's store is off.

mod common;

use certscope::report::{Role, SignatureStatus, Verdict};
use certscope::Profile;
use certscope::{analyze, Input, Options, Report};
use common::{distinct_codes, options_at, read};

const AS_OF: &str = "2026-01-01T00:00:00Z";

fn options(dir: &str, profile: Profile) -> Options {
    let mut opts = options_at(AS_OF);
    opts.use_system_roots = false;
    opts.extra_anchors = vec![read(&format!("verdicts/{dir}/root.pem"))];
    opts.host = Some("www.example.com".into());
    opts.profile = profile;
    opts
}

fn run_with(dir: &str, opts: &Options) -> Report {
    analyze(&[Input::bytes(Some("chain.pem".into()), read(&format!("verdicts/{dir}/chain.pem")))], opts)
}

fn run(dir: &str, profile: Profile) -> Report {
    run_with(dir, &options(dir, profile))
}

fn errors(report: &Report) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> =
        report.findings.iter().filter(|f| f.severity == certscope::Severity::Error).map(|f| f.code.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

const BOTH: [Profile; 2] = [Profile::Browsers, Profile::Strict];

// ---- item 3: name constraints ----------------------------------------------

/// CVE-2025-61727: `*.example.com` reaches into the excluded
/// `bar.example.com`, so the leaf is refused whatever host is asked for.
#[test]
fn a_wildcard_reaching_an_excluded_subtree_is_rejected() {
    for profile in BOTH {
        let report = run("nc-wildcard", profile);
        assert_eq!(errors(&report), ["name-constraints-violated"], "{profile:?}: {:?}", report.findings);
        assert!(!report.chain.valid && report.summary.verdict == Verdict::Error);
    }
}

/// RFC 5280 §4.2.1.10: a name form certscope cannot compare (otherName),
/// under a constraint of that form, is refused rather than waved through.
#[test]
fn an_uncomparable_name_under_its_constraint_is_rejected() {
    for profile in BOTH {
        let report = run("nc-othername", profile);
        assert_eq!(errors(&report), ["name-constraints-violated"], "{profile:?}: {:?}", report.findings);
        let message = common::messages(&report, "name-constraints-violated").join(" ");
        assert!(message.contains("otherName"), "{message}");
        assert!(!report.chain.valid);
    }
}

/// A dNSName constraint with a leading period is malformed (RFC 5280
/// §4.2.1.10 writes DNS constraints as host names).
#[test]
fn a_constraint_with_a_leading_period_is_an_error() {
    for profile in BOTH {
        let report = run("nc-leading-period", profile);
        assert_eq!(errors(&report), ["name-constraints-violated"], "{profile:?}: {:?}", report.findings);
        let message = common::messages(&report, "name-constraints-violated").join(" ");
        assert!(message.contains(".example.com"), "{message}");
    }
}

// ---- item 4: path building that backtracks -------------------------------

/// The intermediate's first copy chains to a root whose name constraints
/// exclude the leaf; the search goes on to the second copy and the open root.
#[test]
fn a_path_rejected_by_name_constraints_gives_way_to_another() {
    for profile in BOTH {
        let report = run("backtrack-nc", profile);
        assert!(errors(&report).is_empty(), "{profile:?}: {:?}", report.findings);
        assert!(report.chain.valid && report.summary.trusted);
        let certificates: Vec<Option<usize>> = report.chain.links.iter().map(|l| l.certificate).collect();
        assert_eq!(certificates, [Some(0), Some(2), None], "through the copy the open root signed");
        assert_eq!(report.chain.links.last().map(|l| l.short_name.as_str()), Some("Open Root"));
    }
}

/// Both copies of the intermediate chain to the same root; the first breaks
/// the certificate profile (a critical authorityKeyIdentifier). The path
/// goes through the clean one, so strict has nothing to reject.
#[test]
fn a_path_breaking_the_profile_gives_way_to_a_conforming_one() {
    for profile in BOTH {
        let report = run("backtrack-profile", profile);
        assert!(errors(&report).is_empty(), "{profile:?}: {:?}", report.findings);
        assert!(!distinct_codes(&report).contains(&"aki-critical"), "{:?}", report.findings);
        let certificates: Vec<Option<usize>> = report.chain.links.iter().map(|l| l.certificate).collect();
        assert_eq!(certificates, [Some(0), Some(2), None]);
        assert_eq!(report.certificates[1].role, Role::Extra);
    }
    // Alone, the critical-AKI copy is judged: an error under strict.
    let chain = String::from_utf8(read("verdicts/backtrack-profile/chain.pem")).expect("PEM");
    let end = "-----END CERTIFICATE-----";
    let first_two: String = chain.split_inclusive(end).take(2).collect();
    let report = analyze(&[Input::text(&first_two)], &options("backtrack-profile", Profile::Strict));
    assert_eq!(errors(&report), ["aki-critical"], "{:?}", report.findings);
}

/// `--max-depth N`: at most N intermediates between the leaf and the anchor.
#[test]
fn max_depth_limits_the_intermediates() {
    let mut opts = options("depth", Profile::Browsers);
    opts.max_intermediates = Some(1);
    let report = run_with("depth", &opts);
    assert!(!report.chain.valid && !report.summary.trusted, "{:?}", report.findings);
    assert!(distinct_codes(&report).contains(&"path-budget-exceeded"), "{:?}", report.findings);
    opts.max_intermediates = Some(2);
    let report = run_with("depth", &opts);
    assert!(report.chain.valid && errors(&report).is_empty(), "{:?}", report.findings);
}

// ---- item 5: diagnoses that never mislead ----------------------------------

/// The leaf's signature is corrupted: its named issuer stays an
/// intermediate, is never "extra", and no remedy says to remove it.
#[test]
fn a_bad_signature_keeps_its_named_issuer() {
    let report = run("bad-signature", Profile::Browsers);
    assert_eq!(errors(&report), ["signature-invalid"], "{:?}", report.findings);
    assert_eq!(report.certificates[0].signature, SignatureStatus::Invalid);
    assert_eq!(report.certificates[1].role, Role::Intermediate);
    assert!(!distinct_codes(&report).contains(&"extra-certificate"));
    assert!(report.findings.iter().all(|f| !f.remedy.contains("Remove")), "{:?}", report.findings);
    let chain_issues: Vec<&str> = report.summary.chain_issues.iter().map(|c| c.code()).collect();
    assert_eq!(chain_issues, ["signature-invalid"]);
    // The chain to install still holds the intermediate.
    let corrected = analyze(&[Input::text(&report.chain.corrected_pem)], &options("bad-signature", Profile::Browsers));
    assert_eq!(corrected.certificates.len(), 2);
    assert!(!report.chain.valid && report.summary.verdict == Verdict::Error);
}

/// A DSA signature, which certscope does not check: "could not verify" is an
/// error verdict, so a script never reads it as a pass.
#[test]
fn an_unverifiable_signature_is_never_ok() {
    for profile in BOTH {
        let report = run("unsupported", profile);
        // Strict also forbids the DSA key itself (BR §6.1.5).
        let expected: &[&str] = match profile {
            Profile::Browsers => &["signature-algorithm-unsupported"],
            Profile::Strict => &["key-forbidden", "signature-algorithm-unsupported"],
        };
        assert_eq!(errors(&report), expected, "{profile:?}: {:?}", report.findings);
        assert!(!report.chain.valid);
        assert_eq!(report.summary.verdict, Verdict::Error);
    }
}

/// The only candidate issuer is present but may not sign certificates: the
/// report says so, and never that the issuer is missing.
#[test]
fn an_unusable_issuer_is_named_as_present() {
    let cases = [("unusable-issuer/nobc", "issuer-not-ca"), ("unusable-issuer/noku", "issuer-missing-keycertsign")];
    for (dir, code) in cases {
        for with_root in [true, false] {
            let mut opts = options(dir, Profile::Browsers);
            if !with_root {
                opts.extra_anchors.clear();
            }
            let report = run_with(dir, &opts);
            assert!(errors(&report).contains(&code), "{dir} root={with_root}: {:?}", report.findings);
            assert!(!report.chain.valid);
            assert_eq!(report.certificates[1].role, Role::Intermediate, "{dir}");
            // Only the root, really absent without the anchors, is ever
            // called missing; the unusable CA is reported as present.
            let missing = common::messages(&report, "issuer-missing");
            match with_root {
                true => assert!(missing.is_empty(), "{dir}: {missing:?}"),
                false => {
                    assert_eq!(missing.len(), 1, "{dir}: {missing:?}");
                    assert!(missing[0].contains("The issuer of \"No "), "{}", missing[0]);
                    assert!(missing[0].contains("\"Usable Root\", is neither"), "{}", missing[0]);
                }
            }
        }
    }
}

/// Ed448 (RFC 8032) is checked, so a chain signed with it can be valid.
#[test]
fn an_ed448_chain_is_valid() {
    let root = read("x509/synthetic/ed448.pem");
    // The synthetic certificates were made on 2026-11-27 for 100 years.
    let mut opts = options_at("2027-01-01T00:00:00Z");
    opts.use_system_roots = false;
    opts.extra_anchors = vec![root.clone()];
    let report = analyze(&[Input::bytes(None, root)], &opts);
    assert!(report.chain.valid && report.summary.trusted, "{:?}", report.findings);
    assert_eq!(report.certificates[0].signature, SignatureStatus::Valid);
    assert!(errors(&report).is_empty(), "{:?}", report.findings);
}
