//! The flow, in one place: bytes in → decoded objects → checks → Report.
//! Each stage hands its typed result back here; the report module only
//! words the summary from those results and never calls a stage.

use crate::chain::{self, ChainOutcome};
use crate::crl;
use crate::input::{self, Decoded, Input};
use crate::ocsp::{self, OcspOutcome};
use crate::options::{Options, Profile};
use crate::ranges;
use crate::report::finding::sort_findings;
use crate::report::summary::{summarize, SummaryInputs};
use crate::report::{
    CertificateReport, CrlReport, CsrReport, Encoding, Finding, KeyMatchReport, PfxReport, Report, SCHEMA_VERSION,
};
use crate::work::{self, Work};
use crate::x509::{self, Cert};

/// Runs every check over `inputs` and returns the report. Never panics on
/// any input; problems become findings.
pub fn analyze(inputs: &[Input], opts: &Options) -> Report {
    let mut findings = Vec::new();
    // One budget for every stage (see `work`): inputs, bytes and objects,
    // the trust-anchors box included; signature checks; path steps; name
    // comparisons; CRL lookups.
    let mut work = Work::new(&opts.limits);
    let mut decoded = input::decode_inputs(inputs, &mut work, work::Stage::Input, &mut findings);
    let certs = x509::decode_all(&decoded.certs, &opts.limits, &mut findings);
    let (requests, request_keys) = x509::csr::analyze_requests(&decoded.requests, &certs, &mut work, &mut findings);
    let keys = x509::keymatch::match_keys(&decoded.keys, &certs, &request_keys, &mut work, &mut findings);
    x509::keymatch::check_local_key_ids(&decoded.keys, &keys, &decoded.pfx, &certs, &mut findings);
    // The keys are done with: dropped (and zeroized) here, before any view.
    decoded.keys.clear();
    let anchors = chain::anchors::Anchors::new(opts, &mut work, &mut findings);
    let mut chain = chain::analyze_chain(&certs, &anchors, opts, &mut work, &mut findings);
    let ocsp = ocsp::analyze_ocsp(&decoded, &certs, &chain, &anchors, opts, &mut work, &mut findings);
    let crls = crl::analyze_crls(&decoded.crls, &certs, &chain, &anchors, opts, &mut work, &mut findings);
    // Least useful signature work last: certificates off the path.
    chain::settle_signatures(&mut chain, &certs, &anchors, &mut work);
    assemble(Parts { opts, decoded, certs: &certs, chain, ocsp, crls, keys, requests, findings, work })
}

/// Every stage's result, ready to become the Report.
struct Parts<'a> {
    opts: &'a Options,
    decoded: Decoded,
    certs: &'a [Cert],
    chain: ChainOutcome,
    ocsp: OcspOutcome,
    crls: Vec<CrlReport>,
    keys: Vec<KeyMatchReport>,
    requests: Vec<CsrReport>,
    findings: Vec<Finding>,
    work: Work,
}

/// Sets each strict-only finding's severity for the profile in use (the
/// chain stage already did for its own; this covers every stage).
fn apply_profile(profile: Profile, findings: &mut Vec<Finding>) {
    let all = std::mem::take(findings);
    findings.extend(all.into_iter().map(|f| f.for_profile(profile)));
}

/// Each certificate's view, with the role and signature the chain stage
/// gave it.
fn certificate_reports(certs: &[Cert], chain: &ChainOutcome, work: &mut Work) -> Vec<CertificateReport> {
    // A paste of the same chain a thousand times (issue 6's oversize input)
    // builds each distinct certificate's view once and copies it.
    let mut first_by_der: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    let mut certificates: Vec<CertificateReport> = Vec::with_capacity(certs.len());
    for c in certs {
        let copy = first_by_der.get(c.der()).and_then(|&k| certificates.get(k));
        let mut r = match copy {
            Some(first) => CertificateReport { index: c.index(), source: c.source().clone(), ..first.clone() },
            None => {
                first_by_der.insert(c.der(), certificates.len());
                c.report_within(work)
            }
        };
        if let Some(role) = chain.roles.get(c.index()) {
            r.role = *role;
        }
        if let Some(sig) = chain.signatures.get(c.index()) {
            r.signature = *sig;
        }
        certificates.push(r);
    }
    certificates
}

fn assemble(parts: Parts<'_>) -> Report {
    let Parts { opts, decoded, certs, chain, mut ocsp, mut crls, keys, requests, mut findings, mut work } = parts;
    let mut certificates = certificate_reports(certs, &chain, &mut work);
    // Last: every stage has spent what it spent.
    work.findings(&mut findings);
    apply_profile(opts.profile, &mut findings);
    locate_bytes(&mut findings, &mut certificates, &mut ocsp, &mut crls, &requests, certs, &decoded, &opts.limits);
    sort_findings(&mut findings);
    findings.dedup();

    let summary = summarize(&SummaryInputs {
        as_of: opts.as_of,
        expiring_soon_days: opts.expiring_soon_days,
        host: opts.host.as_deref(),
        leaf: chain.leaf.and_then(|i| certificates.get(i)),
        chain: &chain.report,
        trusted: chain.trusted,
        ocsp: ocsp.report.as_ref(),
        stapling: ocsp.stapling.as_ref(),
        ocsp_status: ocsp.leaf_status,
        must_staple_satisfied: ocsp.must_staple_satisfied,
        crls: &crls,
        findings: &findings,
    });

    let pfx = link_pfx_certificates(decoded.pfx, &certificates);
    Report {
        schema_version: SCHEMA_VERSION,
        as_of: opts.as_of,
        host: opts.host.clone(),
        profile: opts.profile,
        inputs: decoded.inputs,
        certificates,
        chain: chain.report,
        ocsp: ocsp.report,
        ocsp_other: ocsp.other,
        crls,
        keys,
        requests,
        pfx,
        stapling: ocsp.stapling,
        capture: ocsp.capture,
        summary,
        findings,
        work: work.report(),
    }
}

/// Points each finding and each field of the views at its bytes (see `ranges`).
#[allow(clippy::too_many_arguments)]
fn locate_bytes(
    findings: &mut [Finding],
    certificates: &mut [CertificateReport],
    ocsp: &mut OcspOutcome,
    crls: &mut [CrlReport],
    requests: &[CsrReport],
    certs: &[Cert],
    decoded: &Decoded,
    limits: &crate::options::Limits,
) {
    use crate::report::ObjectRef;
    let mut places = Vec::new();
    if let Some(r) = &ocsp.report {
        places.push((ObjectRef::Ocsp, &r.source));
    }
    for (index, r) in ocsp.other.iter().enumerate() {
        places.push((ObjectRef::OcspOther { index }, &r.source));
    }
    for (index, r) in crls.iter().enumerate() {
        places.push((ObjectRef::Crl { index }, &r.source));
    }
    for (index, r) in requests.iter().enumerate() {
        places.push((ObjectRef::Csr { index }, &r.source));
    }
    let others = ranges::Objects::others_from(places, &[&decoded.ocsp, &decoded.crls, &decoded.requests]);
    let objects = ranges::Objects { certificates: certs.iter().map(|c| c.der()).collect(), others };
    // The CRL entries views and crl-revoked findings point at: those of
    // the certificates the CRL stage found listed. One walk over a list
    // finds them all and stops at the last.
    let listed = crls.iter().flat_map(|r| r.revoked.iter()).filter_map(|v| certs.get(v.certificate));
    let mut trees = ranges::fields::Trees::new(limits, listed.map(Cert::serial_bytes));
    ranges::resolve(findings, &objects, &mut trees);
    for r in certificates.iter_mut() {
        if let Some(c) = certs.get(r.index) {
            ranges::fields::certificate(r, c, &mut trees);
        }
    }
    if let Some(r) = ocsp.report.as_mut() {
        ranges::fields::ocsp(r, ObjectRef::Ocsp, &objects, &mut trees);
    }
    for (index, r) in crls.iter_mut().enumerate() {
        ranges::fields::crl(r, ObjectRef::Crl { index }, certs, &objects, &mut trees);
    }
}

/// Each PFX certificate bag gets the report index of the certificate
/// decoded from it (same input and block, PKCS#12 encoding).
fn link_pfx_certificates(mut pfx: Vec<PfxReport>, certificates: &[CertificateReport]) -> Vec<PfxReport> {
    for p in &mut pfx {
        for bag in &mut p.certificates {
            bag.certificate = certificates
                .iter()
                .find(|c| {
                    c.source.input == p.source.input
                        && c.source.block == bag.block
                        && c.source.encoding == Encoding::Pkcs12
                })
                .map(|c| c.index);
        }
    }
    pfx
}
