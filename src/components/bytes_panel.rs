//! `<BytesPanel>`: the "Bytes" view of one object of the report at a time
//! (a certificate, an OCSP response, a CRL, a CSR), chosen from a list or
//! opened by a "show bytes" link on a finding or a certificate's field.
//!
//! The DER comes from the core (`certscope::object_der`, through the page
//! shell's `der_of`), only when an object is opened, and is parsed once per
//! object and report. Where a finding points comes from the core (its
//! `bytes`); a certificate field is found by the core's structural path
//! (`asn1::locate::find`). The panel lays them out: `<Asn1View>` renders.

use certscope::asn1::{locate, Locator, ObjectKind};
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

/// What an object is, for labelling its tree.
pub fn kind_of(object: ObjectRef) -> ObjectKind {
    match object {
        ObjectRef::Certificate { .. } => ObjectKind::Certificate,
        ObjectRef::Ocsp | ObjectRef::OcspOther { .. } => ObjectKind::OcspResponse,
        ObjectRef::Crl { .. } => ObjectKind::Crl,
        ObjectRef::Csr { .. } => ObjectKind::Csr,
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
            object.and_then(|o| der_of.emit(o).map(|der| ObjectBytes::parse(der, kind_of(o))))
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
