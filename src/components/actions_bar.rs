//! What to do with a report: download the corrected chain, copy it as text,
//! Markdown or JSON, make a permalink; and how long the check took.

use crate::types::decimal;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAction {
    DownloadChain,
    CopyText,
    CopyMarkdown,
    CopyJson,
    Permalink,
}

#[derive(Properties, PartialEq)]
pub struct ActionsBarProps {
    pub can_download: bool,
    pub elapsed_ms: f64,
    pub notice: Option<AttrValue>,
    pub on_action: Callback<ReportAction>,
    /// The permalink button (the standalone page only: an embed leaves the host page's URL alone).
    #[prop_or(true)]
    pub permalink: bool,
}

/// "0.4 ms", "12 ms", "1.2 s".
pub fn elapsed_words(ms: f64) -> String {
    // Whole microseconds, formatted as integers (`decimal`).
    let us = (ms.max(0.0) * 1000.0).round() as u64;
    match us {
        0..10_000 => format!("{} ms", decimal(us, 1_000, 1)),
        10_000..1_000_000 => format!("{} ms", decimal(us, 1_000, 0)),
        _ => format!("{} s", decimal(us, 1_000_000, 1)),
    }
}

#[component]
pub fn ActionsBar(props: &ActionsBarProps) -> Html {
    let button = |action: ReportAction, label: &'static str, enabled: bool| {
        let cb = props.on_action.clone();
        html! {
            <button type="button" disabled={!enabled} onclick={Callback::from(move |_: MouseEvent| cb.emit(action))}>{label}</button>
        }
    };
    html! {
        <section class="panel actions" aria-label="Report actions">
            <div class="action-buttons">
                { button(ReportAction::DownloadChain, "Download corrected chain (PEM)", props.can_download) }
                { button(ReportAction::CopyText, "Copy as text", true) }
                { button(ReportAction::CopyMarkdown, "Copy as Markdown", true) }
                { button(ReportAction::CopyJson, "Copy JSON", true) }
                if props.permalink {
                    { button(ReportAction::Permalink, "Copy permalink", true) }
                }
            </div>
            <p class="notice" role="status" aria-live="polite">{props.notice.clone().unwrap_or_default()}</p>
            <p class="elapsed muted">{format!("checked in {}", elapsed_words(props.elapsed_ms))}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_is_short() {
        assert_eq!(elapsed_words(0.41), "0.4 ms");
        assert_eq!(elapsed_words(12.4), "12 ms");
        assert_eq!(elapsed_words(1234.0), "1.2 s");
    }
}
