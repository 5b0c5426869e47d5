//! The relying party's certificate policy settings (RFC 5280 §6.1.1 (c),
//! (e)-(g)), under the trust anchors: which policies are acceptable and
//! whether one is required. Closed by default; the defaults (any policy,
//! nothing required) are what browsers do.

use yew::prelude::*;

use crate::state::PolicyInputs;

#[derive(Properties, PartialEq)]
pub struct PolicySettingsProps {
    pub value: PolicyInputs,
    pub on_change: Callback<PolicyInputs>,
}

/// OIDs the core does not accept, to show beside the field.
fn rejected(text: &str) -> Vec<String> {
    PolicyInputs::words(text).filter(|w| certscope::parse_policy(w).is_err()).map(str::to_string).collect()
}

#[component]
pub fn PolicySettings(props: &PolicySettingsProps) -> Html {
    let value = props.value.clone();
    let on_oids = {
        let (value, on_change) = (value.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_change.emit(PolicyInputs { oids: input.value(), ..value.clone() });
        })
    };
    let flag = |set: fn(&mut PolicyInputs, bool)| {
        let (value, on_change) = (value.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = value.clone();
            set(&mut next, input.checked());
            on_change.emit(next);
        })
    };
    let bad = rejected(&value.oids);
    html! {
        <details class="policy-settings">
            <summary>{"Certificate policies"}</summary>
            <label for="policy-oids">{"Acceptable policies (OIDs or DV, OV, IV, EV; empty means any)"}</label>
            <input id="policy-oids" type="text" spellcheck="false" autocomplete="off"
                value={value.oids.clone()} oninput={on_oids} placeholder="2.23.140.1.2.1" />
            if !bad.is_empty() {
                <p class="muted policy-rejected">{format!("Not a policy OID, ignored: {}", bad.join(", "))}</p>
            }
            <label><input type="checkbox" checked={value.require_explicit}
                onchange={flag(|p, v| p.require_explicit = v)} />{" Require one of them (explicit policy)"}</label>
            <label><input type="checkbox" checked={value.inhibit_mapping}
                onchange={flag(|p, v| p.inhibit_mapping = v)} />{" Inhibit policy mapping"}</label>
            <label><input type="checkbox" checked={value.inhibit_any}
                onchange={flag(|p, v| p.inhibit_any = v)} />{" Inhibit anyPolicy"}</label>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[tokio::test]
    async fn shows_settings_and_rejected_words() {
        let value =
            PolicyInputs { oids: "DV, 1.2.3 nonsense".into(), require_explicit: true, ..PolicyInputs::default() };
        let html = render::<PolicySettings>(PolicySettingsProps { value, on_change: Callback::noop() }).await;
        assert!(html.contains("Not a policy OID, ignored: nonsense"), "{html}");
        assert!(html.contains("DV, 1.2.3 nonsense"), "{html}");
    }
}
