//! `<BytesPanel>`: the "Bytes" view of one object of the report at a time
//! (a certificate, an OCSP response, a CRL, a CSR), chosen from a list or
//! opened by a "show bytes" link on a finding or a certificate's field.
//!
//! The DER comes from the core (`certscope::object_der`, through the page
//! shell's `der_of`), only when an object is opened, and is parsed once per
//! object and report. Where a finding points comes from the core (its
//! `bytes`); a certificate field is found by the core's structural path
//! (`asn1::locate::find`). The panel lays them out: `<Asn1View>` renders.

use certscope::asn1::{locate, Locator};
use certscope::report::{ByteRange, ObjectRef};
use certscope::Report;
use yew::prelude::*;

use super::asn1_view::{Asn1View, ObjectBytes};
use super::heading::Heading;
use crate::types::ReportHandle;

/// Where in an object a link opens the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spot {
    /// The whole object.
    Top,
    /// A finding's bytes.
    Range { offset: usize, len: usize },
    /// A field of a certificate card.
    Field(Locator),
}

/// What a "show bytes" link asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BytesRequest {
    pub object: ObjectRef,
    pub spot: Spot,
}

impl BytesRequest {
    pub fn range(range: ByteRange) -> Self {
        BytesRequest { object: range.object, spot: Spot::Range { offset: range.offset, len: range.len } }
    }

    pub fn field(object: ObjectRef, locator: Locator) -> Self {
        BytesRequest { object, spot: Spot::Field(locator) }
    }
}

/// Every object of the report the view can open, with its name in the list.
pub fn objects(report: &Report) -> Vec<(ObjectRef, String)> {
    let mut out: Vec<(ObjectRef, String)> = report
        .certificates
        .iter()
        .map(|c| (ObjectRef::Certificate { index: c.index }, format!("Certificate #{}: {}", c.index + 1, c.short_name)))
        .collect();
    if report.ocsp.is_some() {
        out.push((ObjectRef::Ocsp, "OCSP response".to_string()));
    }
    out.extend(
        (0..report.ocsp_other.len())
            .map(|i| (ObjectRef::OcspOther { index: i }, format!("Other OCSP response #{}", i + 1))),
    );
    out.extend(
        report
            .crls
            .iter()
            .enumerate()
            .map(|(i, c)| (ObjectRef::Crl { index: i }, format!("CRL #{}: {}", i + 1, c.issuer_short_name))),
    );
    out.extend(
        report
            .requests
            .iter()
            .enumerate()
            .map(|(i, r)| (ObjectRef::Csr { index: i }, format!("CSR #{}: {}", i + 1, r.subject))),
    );
    out
}

/// The value of an object's `<option>`, and back.
fn option_value(object: ObjectRef) -> String {
    match object {
        ObjectRef::Certificate { index } => format!("certificate-{index}"),
        ObjectRef::Ocsp => "ocsp".into(),
        ObjectRef::OcspOther { index } => format!("ocsp-other-{index}"),
        ObjectRef::Crl { index } => format!("crl-{index}"),
        ObjectRef::Csr { index } => format!("csr-{index}"),
    }
}

fn from_option_value(report: &Report, value: &str) -> Option<ObjectRef> {
    objects(report).into_iter().map(|(o, _)| o).find(|&o| option_value(o) == value)
}

/// The range a request selects in a parsed object.
fn selection(object: &ObjectBytes, spot: &Spot) -> Option<(usize, usize)> {
    match spot {
        Spot::Top => None,
        Spot::Range { offset, len } => Some((*offset, *len)),
        Spot::Field(locator) => {
            let n = object.0.tree.node(locate::find(&object.0.tree, object.0.kind, locator)?)?;
            Some((n.offset, n.header_len.saturating_add(n.len)))
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct BytesPanelProps {
    pub report: ReportHandle,
    /// What the view shows, a count that changes with every request (the
    /// same link twice opens it afresh), and whether focus moves to it.
    pub request: Option<(BytesRequest, u32, bool)>,
    /// An object's DER, read again from the inputs.
    pub der_of: Callback<ObjectRef, Option<Vec<u8>>>,
    /// The list's choice.
    pub on_open: Callback<BytesRequest>,
    pub on_copy: Callback<(String, String)>,
}

#[component]
pub fn BytesPanel(props: &BytesPanelProps) -> Html {
    let report = &props.report;
    let object = props.request.as_ref().map(|(r, ..)| r.object);
    let parsed = {
        let der_of = props.der_of.clone();
        use_memo((report.clone(), object), move |(_, object)| {
            object.and_then(|o| der_of.emit(o).map(|der| ObjectBytes::parse(der, o.kind())))
        })
    };
    let list = objects(report);
    if list.is_empty() {
        return html! {};
    }
    let on_change = {
        let report = report.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            if let Some(object) = from_option_value(&report, &value) {
                on_open.emit(BytesRequest { object, spot: Spot::Top });
            }
        })
    };
    let chosen = object.map(option_value).unwrap_or_default();
    let view = match (&props.request, parsed.as_ref()) {
        (Some((request, seq, focus)), Some(bytes)) => {
            let select = selection(bytes, &request.spot);
            html! {
                <Asn1View key={format!("{}-{seq}", option_value(request.object))} object={bytes.clone()} {select}
                    focus={*focus} on_copy={props.on_copy.clone()} />
            }
        }
        (Some(_), None) => html! { <p class="empty">{"The bytes of this object are not available."}</p> },
        (None, _) => html! {
            <p class="help">{"Choose an object, or follow a \u{201c}show bytes\u{201d} link on a finding or a certificate's field."}</p>
        },
    };
    html! {
        <section class="panel bytes" id="bytes" aria-labelledby="bytes-heading">
            <Heading id="bytes-heading">{"Bytes"}</Heading>
            <p class="bytes-choose">
                <select aria-label="Object to show" onchange={on_change}>
                    <option value="" selected={chosen.is_empty()}>{"Choose an object…"}</option>
                    { for list.into_iter().map(|(o, name)| {
                        let value = option_value(o);
                        let selected = value == chosen;
                        html! { <option {selected} {value}>{name}</option> }
                    }) }
                </select>
            </p>
            { view }
        </section>
    }
}

fn select_value(e: &Event) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = e;
        String::new()
    }
}

/// A "show bytes" link; nothing without a callback (compact mode, or the
/// Bytes panel hidden). `what` names the field for a screen reader.
pub fn show_bytes_link(on_show: Option<&Callback<BytesRequest>>, request: BytesRequest, what: &str) -> Html {
    let Some(cb) = on_show else { return html! {} };
    let cb = cb.clone();
    html! {
        <button type="button" class="link-button show-bytes" aria-label={format!("Show the bytes of {what}")}
            onclick={Callback::from(move |_: MouseEvent| cb.emit(request.clone()))}>{"show bytes"}</button>
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use certscope::{analyze, Input, Options, Timestamp};

    use super::*;
    use crate::components::test_util::render;

    fn report() -> (Vec<Input>, Report) {
        let inputs = vec![
            Input::text(include_str!("../../crates/certscope/tests/data/real/amazon/valid.rootca1.chain.pem")),
            Input::bytes(
                Some("r2m04.crl".into()),
                include_bytes!("../../crates/certscope/tests/data/real/amazon/r2m04.crl").to_vec(),
            ),
        ];
        let report = analyze(&inputs, &Options::at(Timestamp::parse_rfc3339("2025-03-01T00:00:00Z").unwrap()));
        (inputs, report)
    }

    fn props(request: Option<(BytesRequest, u32, bool)>) -> BytesPanelProps {
        let (inputs, report) = report();
        let report = ReportHandle(Rc::new(report));
        let der_of = {
            let report = report.clone();
            Callback::from(move |object| certscope::object_der(&inputs, &report, object))
        };
        BytesPanelProps { report, request, der_of, on_open: Callback::noop(), on_copy: Callback::noop() }
    }

    #[test]
    fn every_object_is_listed_by_what_it_is() {
        let (_, report) = report();
        let list = objects(&report);
        let values: Vec<String> = list.iter().map(|(o, _)| option_value(*o)).collect();
        assert_eq!(values, ["certificate-0", "certificate-1", "crl-0"]);
        assert!(list[2].1.starts_with("CRL #1: "), "{list:?}");
        for (o, _) in &list {
            assert_eq!(from_option_value(&report, &option_value(*o)), Some(*o));
        }
    }

    #[tokio::test]
    async fn a_field_link_opens_the_object_at_that_field() {
        let request = BytesRequest::field(ObjectRef::Certificate { index: 1 }, Locator::Serial);
        let html = render::<BytesPanel>(props(Some((request, 0, true)))).await;
        assert!(html.contains(r#"<option value="certificate-1" selected="selected">"#), "{html}");
        let selected = html.split(r#"aria-selected="true""#).nth(1).unwrap_or_else(|| panic!("{html}"));
        assert!(selected.contains(r#"<span class="asn1-label">serialNumber</span>"#), "{selected}");
        // A CRL opened from the list starts at its top.
        let html = render::<BytesPanel>(props(Some((
            BytesRequest { object: ObjectRef::Crl { index: 0 }, spot: Spot::Top },
            1,
            false,
        ))))
        .await;
        let selected = html.split(r#"aria-selected="true""#).nth(1).unwrap_or_else(|| panic!("{html}"));
        assert!(selected.contains(r#"<span class="asn1-label">certificateList</span>"#), "{selected}");
        // Nothing asked: the list and a hint, no tree.
        let html = render::<BytesPanel>(props(None)).await;
        assert!(html.contains("Choose an object") && !html.contains(r#"role="tree""#), "{html}");
    }
}
