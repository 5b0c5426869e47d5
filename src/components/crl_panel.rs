//! CRLs given with the input: issuer, times, signature, kind (complete or
//! delta), whether each applies to each of the input's certificates and
//! why not, and which of them it lists as revoked or releases from hold.

use certscope::asn1::Locator;
use certscope::report::{labels, CrlKind, CrlReport, ObjectRef};
use yew::prelude::*;

use super::bytes_panel::{show_bytes_link, BytesRequest, Spot};
use super::chain_view::signature_words;
use super::heading::Heading;
use super::status_badge::StatusBadge;

#[derive(Properties, PartialEq)]
pub struct CrlPanelProps {
    pub crls: Vec<CrlReport>,
    /// Opens the Bytes view at a field of a CRL; `None` hides the links.
    #[prop_or_default]
    pub on_show_bytes: Option<Callback<BytesRequest>>,
}

#[component]
pub fn CrlPanel(props: &CrlPanelProps) -> Html {
    if props.crls.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel crl" aria-labelledby="crl-heading">
            <Heading id="crl-heading">{format!("CRLs ({})", props.crls.len())}</Heading>
            { for props.crls.iter().enumerate().map(|(index, c)| {
                let (tone, words) = signature_words(c.signature);
                let link = |what: &str, spot: Spot| {
                    show_bytes_link(props.on_show_bytes.as_ref(), BytesRequest { object: ObjectRef::Crl { index }, spot }, what)
                };
                html! {
                    <dl class="fields crl-item">
                        <dt>{"Issuer"}</dt><dd>{c.issuer.clone()}{" "}{link("the issuer", Spot::Field(Locator::Issuer))}</dd>
                        <dt>{"This update"}</dt><dd>{c.this_update.to_human()}{" "}{link("thisUpdate", Spot::Field(Locator::ThisUpdate))}</dd>
                        <dt>{"Next update"}</dt><dd>{c.next_update.map(|t| t.to_human()).unwrap_or_else(|| "not given".into())}
                            if c.next_update.is_some() { {" "}{link("nextUpdate", Spot::Field(Locator::NextUpdate))} }</dd>
                        <dt>{"Freshness"}</dt><dd>{labels::freshness(c.freshness)}</dd>
                        <dt>{"Entries"}</dt><dd>{c.entries.to_string()}{" "}{link("the CRL", Spot::Top)}</dd>
                        <dt>{"Signature"}</dt><dd><StatusBadge {tone} text={AttrValue::from(words)} />{" "}{link("the signature", Spot::Field(Locator::SignatureValue))}</dd>
                        <dt>{"Kind"}</dt>
                        <dd>{match &c.kind {
                            CrlKind::Complete => format!("Complete{}", c.number.as_ref().map(|n| format!(", number {n}")).unwrap_or_default()),
                            CrlKind::Delta { base, base_source } => format!(
                                "Delta of CRL number {base} — {}",
                                if base_source.is_some() { "applied to its complete CRL" } else { "no complete CRL given, not used" }
                            ),
                        }}</dd>
                        if !c.freshest_crl.is_empty() {
                            <dt>{"Delta CRLs (freshestCRL)"}</dt><dd>{c.freshest_crl.join(", ")}</dd>
                        }
                        if !c.used {
                            <dt>{"Used"}</dt><dd>{"No — it may not decide revocation (see the findings)"}</dd>
                        }
                        <dt>{"Applies to"}</dt>
                        <dd>
                            <ul class="values crl-scope">{ for c.scope.iter().map(|a| {
                                let reasons = if a.scope.applies() && a.reasons.len() < 8 { format!(": {}", a.reasons.join(", ")) } else { String::new() };
                                html! { <li>{format!("#{} {}{reasons}", a.certificate + 1, labels::crl_scope(a.scope))}</li> }
                            }) }</ul>
                        </dd>
                        if !c.released.is_empty() {
                            <dt>{"Taken off hold"}</dt>
                            <dd>{c.released.iter().map(|i| format!("#{}", i + 1)).collect::<Vec<_>>().join(", ")}</dd>
                        }
                        <dt>{"Revoked certificates from your input"}</dt>
                        <dd>
                            if c.revoked.is_empty() {
                                {"None"}
                            } else {
                                <ul class="values">{ for c.revoked.iter().map(|r| html! {
                                    <li>{format!("#{} serial {} on {}{}", r.certificate + 1, r.serial, r.revocation_date.to_human(),
                                        r.reason.clone().map(|x| format!(" ({x})")).unwrap_or_default())}</li>
                                }) }</ul>
                            }
                        </dd>
                    </dl>
                }
            }) }
        </section>
    }
}
