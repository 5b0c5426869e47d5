//! "Checked locally — nothing was uploaded", with a link to the page that
//! says how that is enforced (www/privacy.html: the CSP, the code, the
//! service worker, and how to check in DevTools). In an embed whose host
//! receives the reports (embed.html with `origin=`), it says where they go
//! instead: "nothing was uploaded" would not be the whole truth there.

use yew::prelude::*;

/// The claim when the reports stay in the page.
pub const NOTHING_UPLOADED: &str = "Checked locally — nothing was uploaded.";

#[derive(Properties, PartialEq)]
pub struct PrivacyNoteProps {
    /// Where privacy.html is: relative to the page for the app; an embed
    /// passes its own base URL, since the host page is elsewhere.
    #[prop_or(AttrValue::Static("privacy.html"))]
    pub href: AttrValue,
    /// Who receives every report (an origin, shown as text).
    #[prop_or_default]
    pub results_to: Option<AttrValue>,
}

#[component]
pub fn PrivacyNote(props: &PrivacyNoteProps) -> Html {
    let claim = match &props.results_to {
        None => html! { <strong>{NOTHING_UPLOADED}</strong> },
        Some(to) => html! {
            <>
                <strong>{"Checked locally in your browser."}</strong>
                {" "}
                <strong class="results-to">{format!("Results go to {to}.")}</strong>
            </>
        },
    };
    html! {
        <p class="privacy-note">
            <span class="privacy-icon" aria-hidden="true">{"✓"}</span>
            { claim }
            {" "}
            // A new tab: following the link must not lose what was pasted.
            <a href={props.href.clone()} target="_blank" rel="noopener noreferrer">
                {"How this is enforced"}<span class="visually-hidden">{" (opens in a new tab)"}</span>
            </a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[tokio::test]
    async fn says_local_and_links_to_the_explanation() {
        let html = render::<PrivacyNote>(PrivacyNoteProps { href: "privacy.html".into(), results_to: None }).await;
        assert!(html.contains(NOTHING_UPLOADED), "{html}");
        assert!(html.contains(r#"href="privacy.html""#), "{html}");
        assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
        let html = render::<PrivacyNote>(PrivacyNoteProps {
            href: "https://help.example/certscope/privacy.html".into(),
            results_to: None,
        })
        .await;
        assert!(html.contains(r#"href="https://help.example/certscope/privacy.html""#), "{html}");
    }

    #[tokio::test]
    async fn names_who_receives_the_results_as_text_and_claims_no_upload_free_page() {
        let html = render::<PrivacyNote>(PrivacyNoteProps {
            href: "privacy.html".into(),
            results_to: Some("https://help.example<b>".into()),
        })
        .await;
        assert!(html.contains("Results go to https://help.example&lt;b&gt;."), "{html}");
        assert!(!html.contains("nothing was uploaded"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }
}
