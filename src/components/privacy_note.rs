//! "Checked locally — nothing was uploaded", with a link to the page that
//! says how that is enforced (www/privacy.html: the CSP, the code, the
//! service worker, and how to check in DevTools).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrivacyNoteProps {
    /// Where privacy.html is: relative to the page for the app; an embed
    /// passes its own base URL, since the host page is elsewhere.
    #[prop_or(AttrValue::Static("privacy.html"))]
    pub href: AttrValue,
}

#[component]
pub fn PrivacyNote(props: &PrivacyNoteProps) -> Html {
    html! {
        <p class="privacy-note">
            <span class="privacy-icon" aria-hidden="true">{"✓"}</span>
            <strong>{"Checked locally — nothing was uploaded."}</strong>
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
        let html = render::<PrivacyNote>(PrivacyNoteProps { href: "privacy.html".into() }).await;
        assert!(html.contains("Checked locally — nothing was uploaded."), "{html}");
        assert!(html.contains(r#"href="privacy.html""#), "{html}");
        assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
        let html =
            render::<PrivacyNote>(PrivacyNoteProps { href: "https://help.example/certscope/privacy.html".into() })
                .await;
        assert!(html.contains(r#"href="https://help.example/certscope/privacy.html""#), "{html}");
    }
}
