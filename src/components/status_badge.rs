//! A verdict badge that says its meaning in words and a symbol, so it does
//! not rely on colour alone.

use certscope::report::Badge;
use certscope::Severity;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warning,
    Error,
    Neutral,
}

impl Tone {
    pub const fn from_badge(b: Badge) -> Tone {
        match b {
            Badge::Good => Tone::Good,
            Badge::Warning => Tone::Warning,
            Badge::Error => Tone::Error,
            Badge::Neutral => Tone::Neutral,
        }
    }

    pub const fn from_severity(s: Severity) -> Tone {
        match s {
            Severity::Error => Tone::Error,
            Severity::Warning => Tone::Warning,
            Severity::Info => Tone::Neutral,
        }
    }

    const fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Tone::Good => ("good", "✓", "OK"),
            Tone::Warning => ("warning", "!", "Warning"),
            Tone::Error => ("error", "✗", "Error"),
            Tone::Neutral => ("neutral", "i", "Info"),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub tone: Tone,
    /// Replaces the default word ("OK", "Error").
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    let (class, icon, word) = props.tone.parts();
    let text = props.text.clone().unwrap_or(AttrValue::Static(word));
    html! {
        <span class={classes!("badge", format!("badge-{class}"))} data-badge={class}>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            <span class="badge-text">{text}</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[tokio::test]
    async fn badges_carry_words_not_only_colour() {
        let html = render::<StatusBadge>(StatusBadgeProps { tone: Tone::Error, text: None }).await;
        assert!(html.contains("badge-error"), "{html}");
        assert!(html.contains(">Error<"), "{html}");
        let html = render::<StatusBadge>(StatusBadgeProps { tone: Tone::Good, text: Some("Valid".into()) }).await;
        assert!(html.contains(">Valid<"), "{html}");
    }
}
