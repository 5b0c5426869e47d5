//! The report as text: plain for the terminal, Markdown for support tickets.
//! The CLI and the app's "Copy as text/Markdown" both call these.

use super::*;

/// Plain text, summary first.
pub fn render_text(r: &Report) -> String {
    render(r, false)
}

/// Markdown, for pasting into a support ticket.
pub fn render_markdown(r: &Report) -> String {
    render(r, true)
}

fn badge_word(b: Badge) -> &'static str {
    match b {
        Badge::Good => "OK",
        Badge::Warning => "WARN",
        Badge::Error => "FAIL",
        Badge::Neutral => "--",
    }
}

fn render(r: &Report, md: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let h = |out: &mut String, title: &str| {
        if md {
            let _ = writeln!(out, "\n### {title}\n");
        } else {
            let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
        }
    };
    if md {
        let _ = writeln!(out, "## certscope report (as of {})\n", r.as_of);
        let _ = writeln!(out, "| | Summary | |\n|---|---|---|");
        for row in &r.summary.rows {
            let _ =
                writeln!(out, "| **{}** | {} | {} |", md_cell(&row.label), md_cell(&row.value), badge_word(row.badge));
        }
    } else {
        let _ = writeln!(out, "certscope report (as of {})", r.as_of);
        let width = r.summary.rows.iter().map(|row| row.label.len()).max().unwrap_or(0);
        for row in &r.summary.rows {
            let _ = writeln!(out, "  [{:>4}] {:<width$}  {}", badge_word(row.badge), row.label, row.value);
        }
    }

    h(&mut out, &format!("Findings ({})", r.findings.len()));
    if r.findings.is_empty() {
        let _ = writeln!(out, "No problems found.");
    }
    for f in &r.findings {
        let cert = f.certificate.map(|i| format!(" [certificate #{}]", i + 1)).unwrap_or_default();
        if md {
            let _ = writeln!(
                out,
                "- **{}** `{}`{}: {}  \n  What to do: {}{}",
                f.severity.as_str(),
                f.code,
                cert,
                f.message,
                f.remedy,
                reference(f)
            );
        } else {
            let _ = writeln!(
                out,
                "{:<7} {}{}: {}\n        fix: {}{}",
                f.severity.as_str(),
                f.code,
                cert,
                f.message,
                f.remedy,
                reference(f)
            );
        }
    }

    h(&mut out, "Chain");
    for (depth, link) in r.chain.links.iter().enumerate() {
        let from = match link.certificate {
            Some(i) => format!("#{}", i + 1),
            None => format!("({} store)", link.from),
        };
        let sig = link.signature.as_str();
        let _ = writeln!(out, "{}{depth}: {} {from} — signature {sig}", if md { "- " } else { "  " }, link.subject);
    }
    if let Some(m) = &r.chain.missing_issuer {
        let urls = if m.ca_issuers_urls.is_empty() {
            String::new()
        } else {
            format!(" (fetch from {})", m.ca_issuers_urls.join(", "))
        };
        let _ = writeln!(out, "{}missing: {}{urls}", if md { "- " } else { "  " }, m.name);
    }

    h(&mut out, "Certificates");
    for c in &r.certificates {
        let _ = writeln!(
            out,
            "{}#{} {} ({})\n    subject: {}\n    issuer:  {}\n    serial:  {}\n    valid:   {} to {}\n    key:     {}, signed with {} ({})\n    sha256:  {}",
            if md { "- " } else { "" },
            c.index + 1,
            c.role.as_str(),
            c.source.name.clone().unwrap_or_else(|| format!("input {}", c.source.input + 1)),
            c.subject,
            c.issuer,
            c.serial,
            c.not_before,
            c.not_after,
            c.key,
            c.signature_algorithm,
            c.signature.as_str(),
            c.sha256
        );
        if !c.san.is_empty() {
            let _ = writeln!(out, "    names:   {}", c.san.join(", "));
        }
    }

    if let Some(o) = &r.ocsp {
        h(&mut out, "OCSP response");
        let _ = writeln!(out, "  status: {} — {}", o.response_status, o.status_meaning);
        if let Some(p) = o.produced_at {
            let _ = writeln!(out, "  produced at: {p}");
        }
        if let (Some(who), Some(sig)) = (&o.responder, &o.signature) {
            let _ = writeln!(out, "  responder: {who}; signature: {sig}");
        }
        for s in &o.responses {
            let next = s.next_update.map(|t| t.to_string()).unwrap_or_else(|| "none".into());
            let _ = writeln!(
                out,
                "  serial {}: {} (this update {}, next update {next})",
                s.serial, s.status, s.this_update
            );
        }
    }
    for c in &r.crls {
        h(&mut out, "CRL");
        let _ = writeln!(
            out,
            "  issuer: {}\n  this update: {}; entries: {}; signature: {}",
            c.issuer,
            c.this_update,
            c.entries,
            c.signature.as_str()
        );
    }
    if !r.chain.corrected_pem.is_empty() && !r.chain.order_ok {
        h(&mut out, "Corrected chain (leaf first, no root)");
        if md {
            let _ = writeln!(out, "```\n{}```", r.chain.corrected_pem);
        } else {
            out.push_str(&r.chain.corrected_pem);
        }
    }
    out
}

fn reference(f: &Finding) -> String {
    if f.reference.is_empty() {
        String::new()
    } else {
        format!(" ({})", f.reference)
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
