//! The OCSP, stapling, CRL and capture sections of the text report.

use super::*;

pub(super) fn render_ocsp(d: &mut Doc, r: &Report) {
    let Some(o) = &r.ocsp else {
        return;
    };
    d.heading("OCSP response");
    if let Some(name) = &o.source.name {
        d.line(&format!("From {}, block {}", d.esc(name), o.source.block));
        d.blank_md();
    }
    d.field("Status", &format!("{} — {}", o.response_status, d.esc(&o.status_meaning)));
    if let Some(t) = o.produced_at {
        d.field("Produced at", &t.to_string());
    }
    let responder = match (o.responder, o.responder_id, &o.responder_id_value) {
        (Some(who), Some(kind), Some(value)) => {
            format!("{} ({}: {})", labels::responder(who), labels::responder_id(kind), d.esc(value))
        }
        (Some(who), _, _) => labels::responder(who).to_string(),
        _ => String::new(),
    };
    d.field("Responder", &responder);
    if let Some(signer) = &o.signer_subject {
        d.field("Signed by", &d.esc(signer));
    }
    if let Some(nocheck) = o.responder_nocheck {
        d.field("No-check", yes_no(nocheck));
    }
    let signature = match (&o.signature_algorithm, o.signature) {
        (Some(alg), Some(sig)) => format!("{} — {}", d.esc(alg), labels::ocsp_signature(sig)),
        (None, Some(sig)) => labels::ocsp_signature(sig).to_string(),
        (Some(alg), None) => d.esc(alg),
        (None, None) => String::new(),
    };
    d.field("Signature", &signature);
    if o.signature == Some(OcspSignature::Unverifiable) && o.signature_intact == Some(true) {
        // Worth saying: the bytes are intact, only the signer's authority is unknown.
        d.field("Integrity", "the signature verifies with the signer's key; its authority could not be checked");
    }
    if !o.extensions.is_empty() {
        let names: Vec<String> = o.extensions.iter().map(|e| d.esc(&e.name)).collect();
        d.field("Extensions", &names.join(", "));
    }
    for s in &o.responses {
        let who = match s.certificate {
            Some(i) => cert_ref(r, i),
            None => "no certificate in the input".to_string(),
        };
        let mut status = labels::certificate_status(s.status).to_string();
        if let Some(t) = s.revocation_time {
            status = format!("{status} since {t}");
        }
        if let Some(reason) = &s.revocation_reason {
            status = format!("{status} ({reason})");
        }
        let next = s.next_update.map(|t| t.to_string()).unwrap_or_else(|| "none".to_string());
        d.field(
            "Response",
            &format!(
                "{} — serial {} for {}; CertID {}; this update {}, next update {next}",
                d.esc(&status),
                d.code(&s.serial),
                d.esc(&who),
                d.esc(&s.certid_hash),
                s.this_update
            ),
        );
    }
    match &o.leaf {
        Some(l) => d.field(
            "Leaf status",
            &format!("{} — {}", labels::certificate_status(l.status), labels::freshness(l.freshness)),
        ),
        None => d.field("Leaf status", "no response matches the leaf"),
    }
    if !o.certificates.is_empty() {
        let certs: Vec<String> = o.certificates.iter().map(|c| d.esc(c)).collect();
        d.field("Carries", &certs.join("; "));
    }
}

pub(super) fn render_stapling(d: &mut Doc, r: &Report) {
    let Some(s) = &r.stapling else {
        return;
    };
    d.heading("OCSP stapling (from the s_client transcript)");
    d.line(labels::stapling_state(s.state));
    if s.der_source.is_some() {
        d.line("Its exact bytes were read from the -msg dump and checked as the OCSP response above.");
        if s.text_agrees == Some(false) {
            d.line("The printed text does not match those bytes (see the findings).");
        }
    } else if s.text_only {
        d.line("Only its printed text is here: this is the server's claim; a signature cannot be checked from text.");
    }
    if s.text_only {
        d.blank_md();
        let status = s.text_status.as_deref().unwrap_or("unknown");
        d.field("Status (text)", &d.esc(status));
        let main = s
            .claim
            .as_ref()
            .and_then(|c| c.responses.iter().find(|r| r.matches_leaf == Some(true)).or_else(|| c.responses.first()));
        if let Some(r) = main {
            if let Some(serial) = &r.serial {
                d.field("Serial", &d.esc(serial));
            }
            if let Some(t) = r.revocation_time {
                let reason = r.revocation_reason.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
                d.field("Revoked", &d.esc(&format!("{t}{reason}")));
            }
        }
        if let Some(t) = &s.text_this_update {
            d.field("This update", &d.esc(t));
        }
        if let Some(t) = &s.text_next_update {
            d.field("Next update", &d.esc(t));
        }
        if let Some(responder) = s.claim.as_ref().and_then(|c| c.responder_id.as_deref()) {
            d.field("Responder", &d.esc(responder));
        }
    }
    for snippet in &s.snippets {
        d.blank();
        d.line(&format!("To turn it on in {}:", d.esc(&snippet.server)));
        d.blank_md();
        d.block(&snippet.text);
    }
}

pub(super) fn render_crls(d: &mut Doc, r: &Report) {
    for c in &r.crls {
        d.heading(&format!("CRL from {}", d.esc(&c.issuer_short_name.clone())));
        let next = c.next_update.map(|t| t.to_string()).unwrap_or_else(|| "none".to_string());
        d.field("Updated", &format!("{} (next update {next}) — {}", c.this_update, labels::freshness(c.freshness)));
        let signer = c.signer.map(|i| format!(" by {}", cert_ref(r, i))).unwrap_or_default();
        d.field("Signature", &format!("{}{}", labels::signature(c.signature), d.esc(&signer)));
        d.field("Entries", &c.entries.to_string());
        let number = c.number.as_deref().map(|n| format!(", number {}", d.code(n))).unwrap_or_default();
        match &c.kind {
            CrlKind::Complete => d.field("Kind", &format!("complete{number}")),
            CrlKind::Delta { base, base_source } => {
                let on = base_source.as_ref().map_or("no complete CRL given", |_| "applied to its complete CRL");
                d.field("Kind", &format!("delta{number}, base CRL number {} — {on}", d.code(base)))
            }
        }
        if !c.freshest_crl.is_empty() {
            let urls: Vec<String> = c.freshest_crl.iter().map(|u| d.code(u)).collect();
            d.field("Delta CRLs", &urls.join(", "));
        }
        if !c.used {
            d.field("Used", "no — it may not decide revocation (see findings)");
        }
        for a in &c.scope {
            let reasons = if a.scope == CrlScope::AppliesForSomeReasons {
                format!(": {}", d.esc(&a.reasons.join(", ")))
            } else {
                String::new()
            };
            d.field(
                "Scope",
                &format!("{} — {}{reasons}", d.esc(&cert_ref(r, a.certificate)), labels::crl_scope(a.scope)),
            );
        }
        for i in &c.released {
            d.field("Released", &format!("{} — taken off hold (removeFromCRL)", d.esc(&cert_ref(r, *i))));
        }
        for rev in &c.revoked {
            let reason = rev.reason.as_ref().map(|x| format!(" ({})", d.esc(x))).unwrap_or_default();
            d.field(
                "REVOKED",
                &format!(
                    "{}, serial {}, on {}{reason}",
                    d.esc(&cert_ref(r, rev.certificate)),
                    d.code(&rev.serial),
                    rev.revocation_date
                ),
            );
        }
    }
}

pub(super) fn render_capture(d: &mut Doc, r: &Report) {
    // Only useful while no response was supplied.
    let (Some(c), None) = (&r.capture, &r.ocsp) else {
        return;
    };
    if c.commands.is_empty() {
        return;
    }
    d.heading("Fetch an OCSP response yourself");
    d.line("certscope never goes online; run one of these and give the response back with --ocsp:");
    d.blank_md();
    d.block(&c.commands.join("\n"));
}
