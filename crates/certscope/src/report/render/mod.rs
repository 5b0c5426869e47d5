//! The report as text: plain for the terminal, Markdown for support tickets.
//! The CLI and the app's "Copy as text/Markdown" both call these, so both
//! say the same thing in the same order:
//!
//! summary table → findings (with what to do and the reference) → chain →
//! certificates (key fields) → OCSP response → stapling → CRLs → capture
//! commands → corrected chain.
//!
//! Certificate text is hostile until shown otherwise: control characters and
//! bidirectional overrides are escaped (`\u{202e}`) so that a name cannot
//! rewrite the terminal or reorder a line, and Markdown punctuation is
//! escaped so that a name cannot become a link or a table cell.

use super::labels::{self, badge_word, verdict_word};
use super::*;
pub(crate) mod escape;
mod revocation;

use escape::*;
use revocation::*;

/// Plain text, summary first.
pub fn render_text(r: &Report) -> String {
    render(r, Style::Text)
}

/// Markdown, for pasting into a support ticket.
pub fn render_markdown(r: &Report) -> String {
    render(r, Style::Markdown)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Text,
    Markdown,
}

/// One output document; every piece of report text goes through `esc`.
struct Doc {
    style: Style,
    out: String,
    /// Markdown fields are sub-items of a certificate's list item.
    nested: bool,
}

impl Doc {
    fn md(&self) -> bool {
        self.style == Style::Markdown
    }

    /// Escapes text that came from the input.
    fn esc(&self, s: &str) -> String {
        let clean = escape_controls(s);
        if self.md() {
            escape_markdown(&clean)
        } else {
            clean
        }
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        if self.md() {
            self.line(&format!("### {title}"));
        } else {
            self.line(title);
            self.line(&"-".repeat(title.chars().count()));
        }
        self.blank_md();
    }

    fn blank_md(&mut self) {
        if self.md() {
            self.out.push('\n');
        }
    }

    /// A label and a value (the value already escaped), indented under an item.
    fn field(&mut self, label: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        if self.md() {
            let indent = if self.nested { "  " } else { "" };
            self.line(&format!("{indent}- {label}: {value}"));
        } else {
            self.line(&format!("    {label:<12} {value}"));
        }
    }

    /// A code or PEM block, shown verbatim.
    fn block(&mut self, text: &str) {
        let text = escape_controls_keep_newlines(text);
        if self.md() {
            let fence = code_fence(&text);
            self.line(&fence);
            self.out.push_str(text.trim_end_matches('\n'));
            self.out.push('\n');
            self.line(&fence);
        } else {
            for l in text.lines() {
                self.line(&format!("    {l}"));
            }
        }
    }

    /// Inline code (ids, fingerprints, commands).
    fn code(&self, s: &str) -> String {
        let s = escape_controls(s);
        if self.md() {
            code_span(&s)
        } else {
            s
        }
    }
}

fn render(r: &Report, style: Style) -> String {
    let mut d = Doc { style, out: String::new(), nested: false };
    render_header(&mut d, r);
    render_summary(&mut d, r);
    render_findings(&mut d, r);
    render_chain(&mut d, r);
    render_certificates(&mut d, r);
    render_ocsp(&mut d, r);
    render_stapling(&mut d, r);
    render_crls(&mut d, r);
    render_capture(&mut d, r);
    render_corrected_chain(&mut d, r);
    d.out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn count(r: &Report, s: Severity) -> usize {
    r.findings.iter().filter(|f| f.severity == s).count()
}

fn render_header(d: &mut Doc, r: &Report) {
    let counts = format!(
        "{}, {}, {}",
        plural(count(r, Severity::Error), "error", "errors"),
        plural(count(r, Severity::Warning), "warning", "warnings"),
        plural(count(r, Severity::Info), "note", "notes")
    );
    let verdict = verdict_word(r.summary.verdict);
    if d.md() {
        d.line(&format!("## certscope report: {verdict}"));
        d.blank();
        d.line(&format!("Checked as of {}; {counts}.", r.as_of));
        d.blank();
        d.line(labels::profile_line(r.profile));
    } else {
        d.line(&format!("certscope report: {verdict} ({counts})"));
        d.line(&format!("Checked as of {}", r.as_of));
        d.line(labels::profile_line(r.profile));
    }
    let inputs: Vec<String> = r
        .inputs
        .iter()
        .filter(|i| !i.found.is_empty())
        .map(|i| match &i.name {
            Some(name) => format!("{}: {}", d.esc(name), d.esc(&i.found)),
            None => d.esc(&i.found),
        })
        .collect();
    if !inputs.is_empty() {
        d.line(&format!("Read {}", inputs.join("; ")));
    }
}

fn render_summary(d: &mut Doc, r: &Report) {
    d.heading("Summary");
    if d.md() {
        d.line("| | | |");
        d.line("|---|---|---|");
        for row in &r.summary.rows {
            d.line(&format!(
                "| **{}** | {} | {} |",
                labels::row_label(row.id),
                d.esc(&row.value),
                badge_word(row.badge)
            ));
        }
    } else {
        let width = r.summary.rows.iter().map(|row| labels::row_label(row.id).chars().count()).max().unwrap_or(0);
        for row in &r.summary.rows {
            d.line(&format!(
                "  [{:>4}] {:<width$}  {}",
                badge_word(row.badge),
                labels::row_label(row.id),
                d.esc(&row.value)
            ));
        }
    }
}

/// "certificate #2 (Amazon RSA 2048 M03)".
fn cert_ref(r: &Report, index: usize) -> String {
    match r.certificates.get(index) {
        Some(c) => format!("certificate #{} ({})", index + 1, c.short_name.clone()),
        None => format!("certificate #{}", index + 1),
    }
}

fn render_findings(d: &mut Doc, r: &Report) {
    d.heading(&format!("Findings ({})", r.findings.len()));
    if r.findings.is_empty() {
        d.line("No problems found.");
        return;
    }
    for (n, f) in r.findings.iter().enumerate() {
        let about = f.certificate.map(|i| format!(" — {}", d.esc(&cert_ref(r, i)))).unwrap_or_default();
        let severity = f.severity.as_str().to_ascii_uppercase();
        if d.md() {
            d.line(&format!("{}. **{severity}** {}{about}  ", n + 1, d.code(f.code.code())));
            d.line(&format!("   {}  ", d.esc(&f.message)));
            d.line(&format!("   *What to do:* {}", d.esc(&f.remedy)));
            if !f.reference.is_empty() {
                d.out.pop();
                d.line(&format!("  \n   *Reference:* {}", d.esc(&f.reference)));
            }
        } else {
            d.line(&format!("{:>3}. {severity:<7} {}{about}", n + 1, f.code));
            for (label, text) in [("", f.message.as_str()), ("What to do: ", &f.remedy), ("Reference: ", &f.reference)]
            {
                if !text.is_empty() {
                    d.line(&format!("     {label}{}", d.esc(text)));
                }
            }
        }
    }
}

fn render_chain(d: &mut Doc, r: &Report) {
    let c = &r.chain;
    if c.links.is_empty() && c.missing_issuer.is_none() {
        return;
    }
    d.heading("Chain");
    let state = match (c.complete, c.valid) {
        (true, true) => "reaches a trust anchor and validates",
        (true, false) => "reaches a trust anchor but does not validate",
        (false, _) => "does not reach a trust anchor",
    };
    let order = if c.order_ok { "in order" } else { "not in the order TLS sends it" };
    d.line(&format!("The path {state}; the input is {order}."));
    d.blank_md();
    let last = c.links.len().saturating_sub(1);
    for (depth, link) in c.links.iter().enumerate() {
        let is_anchor = depth == last && c.complete;
        let which = link.certificate.map(|i| format!("#{} ", i + 1)).unwrap_or_default();
        // RFC 5280 §6.1.1 (d): a trust anchor is trusted as configured, so its
        // own signature is not part of the verdict and is not shown.
        let role_and_signature = match (depth, is_anchor) {
            (0, true) => "leaf, trust anchor".to_string(),
            (0, false) => format!("leaf; signature {}", labels::signature(link.signature)),
            (_, true) => format!("trust anchor, {}", labels::anchor_source(link.from)),
            (_, false) => format!("intermediate; signature {}", labels::signature(link.signature)),
        };
        let name = match link.certificate.and_then(|i| r.certificates.get(i)) {
            Some(cert) => cert.short_name.clone(),
            None => link.short_name.clone(),
        };
        let subject = d.esc(&name);
        if d.md() {
            d.line(&format!("{}. {which}{subject} ({role_and_signature})", depth + 1));
        } else {
            let indent = "   ".repeat(depth);
            let arrow = if depth == 0 { "" } else { "└─ " };
            d.line(&format!("  {indent}{arrow}{which}{subject}  [{role_and_signature}]"));
        }
    }
    if let Some(m) = &c.missing_issuer {
        let from = if m.ca_issuers_urls.is_empty() {
            String::new()
        } else {
            format!(" — download it from {}", d.esc(&m.ca_issuers_urls.join(", ")))
        };
        let text = format!("MISSING: {}{from}", d.esc(&m.short_name.clone()));
        if d.md() {
            d.line(&format!("{}. **{text}**", c.links.len() + 1));
        } else {
            let indent = "   ".repeat(c.links.len());
            d.line(&format!("  {indent}└─ {text}"));
        }
    }
    if let Some(policies) = &c.policies {
        let line = d.esc(&super::labels::policy_line(policies));
        d.blank_md();
        d.line(&if d.md() { line } else { format!("  {line}") });
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn render_certificates(d: &mut Doc, r: &Report) {
    if r.certificates.is_empty() {
        return;
    }
    d.heading(&format!("Certificates ({})", r.certificates.len()));
    d.nested = true;
    for c in &r.certificates {
        let from = match &c.source.name {
            Some(name) => format!("{name}, block {}", c.source.block),
            None => format!("input {}, block {}", c.source.input + 1, c.source.block),
        };
        let title =
            format!("#{} {} — {} ({})", c.index + 1, labels::role(c.role), d.esc(&c.short_name.clone()), d.esc(&from));
        if d.md() {
            d.line(&format!("- **{title}**"));
        } else {
            d.blank();
            d.line(&format!("  {title}"));
        }
        d.field("Subject", &d.esc(&c.subject));
        d.field("Issuer", &d.esc(&c.issuer));
        d.field("Serial", &d.code(&c.serial));
        d.field("Valid", &format!("{} to {}", c.not_before, c.not_after));
        let bits = match (c.key_bits, c.key.contains(|ch: char| ch.is_ascii_digit())) {
            (Some(b), false) => format!(" ({b} bits)"),
            _ => String::new(),
        };
        d.field("Key", &format!("{}{bits}", d.esc(&c.key)));
        let pss = c
            .pss
            .as_ref()
            .map(|p| format!(" ({}, MGF1 {}, salt {})", d.esc(&p.hash), d.esc(&p.mgf1_hash), p.salt_length))
            .unwrap_or_default();
        d.field("Signature", &format!("{}{pss} — {}", d.esc(&c.signature_algorithm), labels::signature(c.signature)));
        let names: Vec<String> = c.san.iter().map(|s| d.esc(s)).collect();
        d.field("Names", &names.join(", "));
        let ca = match (c.is_ca, c.path_len_constraint) {
            (true, Some(n)) => format!("yes, path length ≤ {n}"),
            (true, None) => "yes".to_string(),
            (false, _) => "no".to_string(),
        };
        let self_signed = if c.self_signed { ", self-signed" } else { "" };
        d.field("CA", &format!("{ca}{self_signed}"));
        if !c.key_usage.is_empty() {
            d.field("Key usage", &d.esc(&c.key_usage.join(", ")));
        }
        if !c.extended_key_usage.is_empty() {
            d.field("Ext. usage", &d.esc(&c.extended_key_usage.join(", ")));
        }
        if c.must_staple || !c.tls_features.is_empty() {
            d.field("Must-staple", yes_no(c.must_staple));
        }
        d.field("OCSP", &d.esc(&c.ocsp_urls.join(", ")));
        d.field("CA issuers", &d.esc(&c.ca_issuers_urls.join(", ")));
        d.field("CRL", &d.esc(&c.crl_urls.join(", ")));
        if !c.scts.is_empty() {
            d.field("SCTs", &plural(c.scts.len(), "embedded", "embedded"));
        }
        d.field("SHA-256", &d.code(&c.sha256));
        d.field("SPKI pin", &d.code(&c.spki_sha256));
    }
    d.nested = false;
}

fn render_corrected_chain(d: &mut Doc, r: &Report) {
    let c = &r.chain;
    // A clean chain needs no replacement; any chain issue (order, extras,
    // duplicates, an included root) is fixed by installing this one.
    if c.corrected_pem.is_empty() || (c.order_ok && r.summary.chain_issues.is_empty()) {
        return;
    }
    d.heading("Corrected chain (leaf first, then intermediates, no root)");
    d.block(&c.corrected_pem);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Input, Options, Timestamp};

    fn report_for(text: &str) -> Report {
        let opts = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap_or_default());
        analyze(&[Input::text(text)], &opts)
    }

    #[test]
    fn summary_comes_first_then_findings() {
        let r = report_for("not a certificate");
        for out in [render_text(&r), render_markdown(&r)] {
            let summary = out.find("Chain Issues").unwrap_or(usize::MAX);
            let findings = out.find("Findings (").unwrap_or(usize::MAX);
            assert!(summary < findings && findings < usize::MAX, "{out}");
            assert!(out.contains("input-unrecognized"), "{out}");
        }
    }

    #[test]
    fn text_escapes_terminal_controls_and_bidi() {
        let s = escape_controls("evil\u{1b}[2J\u{202e}moc.elgoog\r\n");
        assert!(!s.chars().any(is_dangerous), "{s:?}");
        assert!(s.contains("\\u{1b}") && s.contains("\\u{202e}"), "{s}");
    }

    #[test]
    fn markdown_escapes_structure() {
        assert_eq!(escape_markdown("a|b [x](http://e) <img>"), "a\\|b \\[x\\](http://e) \\<img\\>");
    }

    #[test]
    fn markdown_code_survives_backticks() {
        let d = Doc { style: Style::Markdown, out: String::new(), nested: false };
        assert_eq!(d.code("a`b"), "``a`b``");
        assert_eq!(d.code("a``b"), "```a``b```");
        assert_eq!(d.code("`a"), "`` `a ``");
        assert_eq!(d.code("a`"), "`` a` ``");
        assert_eq!(d.code(" a "), "`  a  `");
        assert_eq!(d.code("ab"), "`ab`");
    }

    /// Issue 12: text holding ```` ``` ````, a `~~~~` line and a longer
    /// backtick run closed the old fence from inside.
    #[test]
    fn markdown_fence_is_longer_than_any_run_inside() {
        let text = "a\n```\n~~~~\n# INJECTED\n``````\n~~~~~~~~\nz";
        let mut d = Doc { style: Style::Markdown, out: String::new(), nested: false };
        d.block(text);
        let fence = "`".repeat(9);
        assert_eq!(d.out, format!("{fence}\n{text}\n{fence}\n"));
        assert_eq!(code_fence("plain"), "```");
        assert_eq!(code_fence("``"), "```");
        assert_eq!(code_fence("~~~"), "````");
    }
}
