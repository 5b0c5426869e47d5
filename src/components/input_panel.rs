//! Where input goes in: the paste area, opened files as chips, "as of", the
//! host name and the example buttons.

use certscope::Limits;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::heading::Heading;
use crate::browser::{handed_text, HandedText};
use crate::examples::Example;
use crate::types::{fits_a_textarea, size_words, InputFile, InputId};

pub const PASTE_LABEL: &str = "Paste certificates, chains and OCSP responses";

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    /// The paste area's text; empty when the paste is held (too large to show).
    pub paste: AttrValue,
    /// The paste's size when it is too large to show in the textarea
    /// (`types::fits_a_textarea`): a chip stands for it instead.
    #[prop_or_default]
    pub paste_held: Option<usize>,
    pub files: Vec<InputFile>,
    /// `datetime-local` value, UTC.
    pub as_of_value: AttrValue,
    pub follows_now: bool,
    /// The leaf's validity window (Unix seconds) and "as of" in it, for the slider.
    #[prop_or_default]
    pub as_of_range: Option<(i64, i64, i64)>,
    pub host: AttrValue,
    /// The anchors box's text; empty when it is held (see `paste_held`).
    pub anchors: AttrValue,
    #[prop_or_default]
    pub anchors_held: Option<usize>,
    pub example: Option<Example>,
    /// Show the "Try an example" buttons.
    #[prop_or(true)]
    pub examples: bool,
    /// A shorter paste area (the embed's compact mode).
    #[prop_or_default]
    pub compact: bool,
    /// Who receives the reports (an embed in embed.html with `origin=`):
    /// the help then says so instead of "nothing is uploaded".
    #[prop_or_default]
    pub results_to: Option<AttrValue>,
    /// The PFX / encrypted-key password field, shown when `show_password`.
    #[prop_or_default]
    pub show_password: bool,
    #[prop_or_default]
    pub password: AttrValue,
    /// Everything the person does in the panel.
    pub on_input: Callback<InputEvent>,
}

/// What the input panel reports: one variant per thing a person can do in
/// it. The app turns each into an action for the reducer.
#[derive(Clone, Debug, PartialEq)]
pub enum InputEvent {
    /// The paste area's text changed, and how: the app waits for a pause in
    /// typing but checks a paste or a drop at once.
    Paste(String, Entry),
    /// A paste longer than the core reads at all, in UTF-16 code units: its
    /// text is never copied into the wasm.
    PasteTooLong(u32),
    /// A text too large to show: taken at once, never laid out (empty when
    /// its chip is removed).
    PasteLarge(String),
    /// Files chosen with "Open files…".
    Files(Vec<web_sys::File>),
    /// A file's chip removed.
    Remove(InputId),
    /// The "as of" field's `datetime-local` value (empty when cleared).
    AsOf(String),
    /// The slider, within the leaf's validity: Unix seconds.
    AsOfUnix(i64),
    /// "Now": follow the clock again.
    Now,
    Host(String),
    Password(String),
    /// The trust anchors text (empty when its chip is removed).
    Anchors(String),
    Example(Example),
    /// "Clear all".
    Clear,
}

/// How text reached the paste area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Keystrokes, deletions, undo: more is likely to follow.
    Typed,
    /// A paste or a drop: a whole input that is complete as it lands.
    Whole,
}

impl Entry {
    /// From `InputEvent.inputType` (W3C Input Events Level 2, §5.1): the
    /// paste and drop types are whole inputs, every other type is typing.
    pub fn of(input_type: &str) -> Entry {
        match input_type {
            "insertFromPaste" | "insertFromPasteAsQuotation" | "insertFromDrop" => Entry::Whole,
            _ => Entry::Typed,
        }
    }
}

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let emit = props.on_input.clone();
    let on_paste = {
        let emit = emit.clone();
        Callback::from(move |e: web_sys::InputEvent| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            // textLength counts UTF-16 units, and UTF-8 is never shorter:
            // more units than the limit's bytes is over the limit, found
            // without copying the text into the wasm that every inspector
            // on the page shares.
            let units = area.text_length();
            if units as usize > Limits::default().max_input_bytes {
                // Cleared here too: the state's paste may already be empty,
                // and then Yew, seeing no change, would leave the text shown.
                area.set_value("");
                emit.emit(InputEvent::PasteTooLong(units));
                return;
            }
            let text = area.value();
            if fits_a_textarea(&text) {
                emit.emit(InputEvent::Paste(text, Entry::of(&e.input_type())));
            } else {
                // Cleared before the next frame, so the browser never lays it out.
                area.set_value("");
                emit.emit(InputEvent::PasteLarge(text));
            }
        })
    };
    // A paste or a drop of text is measured before the browser inserts it:
    // inserting and laying out megabytes takes it seconds to minutes.
    let take_paste = {
        let emit = emit.clone();
        move |e: &Event, data: Option<web_sys::DataTransfer>| match handed_text(data) {
            HandedText::Small => {}
            HandedText::Large(text) => {
                e.prevent_default();
                emit.emit(InputEvent::PasteLarge(text));
            }
            HandedText::TooLong(units) => {
                e.prevent_default();
                emit.emit(InputEvent::PasteTooLong(units));
            }
        }
    };
    let on_paste_event = {
        let take = take_paste.clone();
        Callback::from(move |e: Event| take(&e, clipboard_data(&e)))
    };
    let on_paste_drop = Callback::from(move |e: DragEvent| take_paste(&e, e.data_transfer()));
    // Anchors over the input limit are not refused here (the core says
    // input-too-large): they take the input event's path below.
    let take_anchors = {
        let emit = emit.clone();
        move |e: &Event, data: Option<web_sys::DataTransfer>| {
            if let HandedText::Large(text) = handed_text(data) {
                e.prevent_default();
                emit.emit(InputEvent::Anchors(text));
            }
        }
    };
    let on_anchors_paste = {
        let take = take_anchors.clone();
        Callback::from(move |e: Event| take(&e, clipboard_data(&e)))
    };
    let on_anchors_drop = Callback::from(move |e: DragEvent| take_anchors(&e, e.data_transfer()));
    let on_files = emit.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let files = crate::browser::file_list(input.files());
        // Clear it so the same file can be opened again after removing its chip.
        input.set_value("");
        InputEvent::Files(files)
    });
    let on_as_of = emit.reform(|e: Event| InputEvent::AsOf(e.target_unchecked_into::<HtmlInputElement>().value()));
    let on_host =
        emit.reform(|e: web_sys::InputEvent| InputEvent::Host(e.target_unchecked_into::<HtmlInputElement>().value()));
    let on_password = emit
        .reform(|e: web_sys::InputEvent| InputEvent::Password(e.target_unchecked_into::<HtmlInputElement>().value()));
    let on_anchors = emit.reform(|e: web_sys::InputEvent| {
        let area = e.target_unchecked_into::<HtmlTextAreaElement>();
        let text = area.value();
        if !fits_a_textarea(&text) {
            area.set_value("");
        }
        InputEvent::Anchors(text)
    });
    let on_slide = {
        let emit = emit.clone();
        Callback::from(move |e: Event| {
            // Whole seconds: min, max and step are integers, so the value
            // is one (parsed as an integer: no float parsing in the page).
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(v) = value.split('.').next().unwrap_or_default().parse::<i64>() {
                emit.emit(InputEvent::AsOfUnix(v));
            }
        })
    };
    let on_now = emit.reform(|_: MouseEvent| InputEvent::Now);
    let on_clear = emit.reform(|_: MouseEvent| InputEvent::Clear);

    html! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <Heading id="input-heading" class="visually-hidden">{"Input"}</Heading>
            if props.examples {
            <div class="examples" role="group" aria-labelledby="examples-label">
                <span id="examples-label" class="examples-label">{"Try an example:"}</span>
                { for Example::ALL.iter().map(|&example| {
                    let cb = emit.clone();
                    html! {
                        <button type="button" class="example-button" title={example.description()} data-example={example.slug()}
                            aria-pressed={if props.example == Some(example) { "true" } else { "false" }}
                            onclick={cb.reform(move |_: MouseEvent| InputEvent::Example(example))}>
                            {example.label()}
                        </button>
                    }
                }) }
            </div>
            }
            <label for="paste" class="paste-label">{PASTE_LABEL}</label>
            <textarea id="paste" class="paste" rows={if props.compact { "5" } else { "10" }} spellcheck="false" autocomplete="off"
                aria-describedby={if props.paste_held.is_some() { "paste-held paste-help" } else { "paste-help" }}
                placeholder="-----BEGIN CERTIFICATE-----\n…\nor the output of: openssl s_client -connect example.com:443 -servername example.com -showcerts -status -msg"
                value={props.paste.clone()} oninput={on_paste} onpaste={on_paste_event} ondrop={on_paste_drop} />
            if let Some(size) = props.paste_held {
                <p id="paste-held" class="help held-note">{held_note("The pasted text", size)}</p>
            }
            <p id="paste-help" class="help">
                {"PEM or base64 certificates, chains, OCSP responses and CRLs, or a whole "}
                <code>{"openssl s_client -showcerts -status -msg"}</code>
                {" transcript. Drop files anywhere on the page. Everything is checked here, in your browser; "}
                { match &props.results_to {
                    None => "nothing is uploaded.".to_string(),
                    Some(to) => format!("the results go to {to}."),
                } }
            </p>
            <div class="file-row">
                // The input comes first so CSS can show its keyboard focus on the label.
                <input id="files" class="visually-hidden" type="file" multiple=true onchange={on_files} />
                <label for="files" class="button">{"Open files…"}</label>
                if !props.files.is_empty() || props.paste_held.is_some() {
                    <ul class="chips" aria-label="Opened files">
                        if let Some(size) = props.paste_held {
                            { held_chip("Pasted text", size, emit.reform(|_: MouseEvent| InputEvent::PasteLarge(String::new()))) }
                        }
                        { for props.files.iter().map(|f| {
                            let id = f.id;
                            let on_remove = emit.reform(move |_: MouseEvent| InputEvent::Remove(id));
                            html! {
                                <li class="chip">
                                    <span class="chip-name">{f.name.clone()}</span>
                                    <span class="chip-size muted">{size_words(f.bytes.len() as u64)}</span>
                                    <button type="button" class="chip-remove" aria-label={format!("Remove {}", f.name)}
                                        onclick={on_remove}>{"×"}</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
                <button type="button" class="link-button" onclick={on_clear}>{"Clear all"}</button>
            </div>
            <div class="options">
                <div class="field">
                    <label for="as-of">{"As of (UTC)"}</label>
                    <div class="field-row">
                        <input id="as-of" type="datetime-local" step="1" value={props.as_of_value.clone()} onchange={on_as_of}
                            aria-describedby="as-of-help" />
                        <button type="button" onclick={on_now} aria-pressed={if props.follows_now { "true" } else { "false" }}>{"Now"}</button>
                    </div>
                    if let Some((min, max, value)) = props.as_of_range {
                        <label for="as-of-slider" class="visually-hidden">{"As of, within the leaf certificate's validity"}</label>
                        <input id="as-of-slider" class="as-of-slider" type="range" min={min.to_string()} max={max.to_string()}
                            step="3600" value={value.clamp(min, max).to_string()} onchange={on_slide} />
                    }
                    <span id="as-of-help" class="help">
                        { if props.follows_now { "Checking at the current time." } else { "Re-checking at a chosen moment, e.g. when a handshake failed." } }
                    </span>
                </div>
                <div class="field">
                    <label for="host">{"Host name (optional)"}</label>
                    <input id="host" type="text" inputmode="url" spellcheck="false" autocomplete="off"
                        placeholder="www.example.com" value={props.host.clone()} oninput={on_host} />
                </div>
                if props.show_password {
                    <div class="field">
                        <label for="pfx-password">{"Password (PFX / encrypted key)"}</label>
                        <input id="pfx-password" type="password" spellcheck="false" autocomplete="off"
                            value={props.password.clone()} oninput={on_password} aria-describedby="pfx-password-help" />
                        <span id="pfx-password-help" class="help">
                            {"Opened here, in this page: the password and any private key never leave your browser,                               and neither goes into the report or a permalink. A web form that asks for them sends them to a server."}
                        </span>
                    </div>
                }
            </div>
            <details class="anchors" open={!props.anchors.is_empty() || props.anchors_held.is_some()}>
                <summary>{"Trust anchors"}</summary>
                <label for="anchors">{"Extra trust anchors (PEM), besides Mozilla's root store"}</label>
                <textarea id="anchors" class="paste anchors-text" rows="4" spellcheck="false" autocomplete="off"
                    value={props.anchors.clone()} oninput={on_anchors} onpaste={on_anchors_paste} ondrop={on_anchors_drop}
                    aria-describedby={if props.anchors_held.is_some() { "anchors-held anchors-help" } else { "anchors-help" }} />
                if let Some(size) = props.anchors_held {
                    <ul class="chips" aria-label="Trust anchors">
                        { held_chip("Trust anchors text", size, emit.reform(|_: MouseEvent| InputEvent::Anchors(String::new()))) }
                    </ul>
                    <p id="anchors-held" class="help held-note">{held_note("The trust anchors text", size)}</p>
                }
                <p id="anchors-help" class="help">{"For a private CA, or to re-check an old chain whose root has since left the store."}</p>
            </details>
        </section>
    }
}

/// A paste's or a copy's data, for `onpaste` (Yew passes a plain `Event`).
fn clipboard_data(e: &Event) -> Option<web_sys::DataTransfer> {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|c| c.clipboard_data())
}

/// Why a textarea is empty while its text is checked.
fn held_note(what: &str, size: usize) -> String {
    format!(
        "{what} ({}) is too large to show here; it is checked as it is. What you type or paste here replaces it.",
        size_words(size as u64)
    )
}

/// The chip that stands for a text too large to show, like an opened file's.
fn held_chip(name: &'static str, size: usize, on_remove: Callback<MouseEvent>) -> Html {
    html! {
        <li class="chip chip-text">
            <span class="chip-name">{name}</span>
            <span class="chip-size muted">{size_words(size as u64)}</span>
            <button type="button" class="chip-remove" aria-label={format!("Remove {}", name.to_ascii_lowercase())}
                onclick={on_remove}>{"×"}</button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;
    use std::rc::Rc;

    fn props() -> InputPanelProps {
        InputPanelProps {
            paste: "<b>pasted</b>".into(),
            paste_held: None,
            files: vec![InputFile { id: 7, name: "chain.p7b".into(), bytes: Rc::new(vec![0; 2048]) }],
            as_of_value: "2012-10-12T12:00:00".into(),
            follows_now: false,
            as_of_range: Some((1_000, 100_000, 50_000)),
            host: "secure.comodo.com".into(),
            anchors: "".into(),
            anchors_held: None,
            example: Some(Example::Healthy),
            examples: true,
            compact: false,
            results_to: None,
            show_password: false,
            password: "".into(),
            on_input: Callback::noop(),
        }
    }

    #[test]
    fn pastes_and_drops_are_whole_inputs_and_the_rest_is_typing() {
        for t in ["insertFromPaste", "insertFromPasteAsQuotation", "insertFromDrop"] {
            assert_eq!(Entry::of(t), Entry::Whole, "{t}");
        }
        // What typing, deleting, undoing and autocompletion fire; "" from a synthetic event.
        for t in ["insertText", "insertLineBreak", "deleteContentBackward", "historyUndo", "insertReplacementText", ""]
        {
            assert_eq!(Entry::of(t), Entry::Typed, "{t}");
        }
    }

    #[tokio::test]
    async fn the_password_field_shows_only_when_asked_and_says_where_the_password_goes() {
        let html = render::<InputPanel>(props()).await;
        assert!(!html.contains("pfx-password"));
        let html =
            render::<InputPanel>(InputPanelProps { show_password: true, password: "s3cret".into(), ..props() }).await;
        assert!(html.contains(r#"type="password""#), "{html}");
        assert!(html.contains("never leave your browser"));
    }

    #[tokio::test]
    async fn paste_area_is_labelled_and_chips_are_removable() {
        let html = render::<InputPanel>(props()).await;
        assert!(html.contains(&format!(r#"<label for="paste" class="paste-label">{PASTE_LABEL}</label>"#)), "{html}");
        assert!(html.contains(r#"aria-label="Remove chain.p7b""#), "{html}");
        assert!(html.contains("2.0 KB"), "{html}");
        assert!(html.contains(r#"value="2012-10-12T12:00:00""#), "{html}");
        assert!(html.contains(r#"type="range" min="1000" max="100000""#), "{html}");
        for e in Example::ALL {
            assert!(html.contains(e.label()), "{html}");
        }
        assert!(!html.contains("<b>pasted"), "{html}");
    }

    #[tokio::test]
    async fn help_says_where_results_go_when_they_go_somewhere() {
        let html = render::<InputPanel>(props()).await;
        assert!(html.contains("in your browser; nothing is uploaded."), "{html}");
        let html =
            render::<InputPanel>(InputPanelProps { results_to: Some("https://help.example".into()), ..props() }).await;
        assert!(html.contains("in your browser; the results go to https://help.example."), "{html}");
        assert!(!html.contains("nothing is uploaded"), "{html}");
    }

    #[tokio::test]
    async fn held_texts_are_chips_with_a_note_and_empty_textareas() {
        let html = render::<InputPanel>(InputPanelProps {
            paste: "".into(),
            paste_held: Some(8 << 20),
            anchors_held: Some(3 << 20),
            ..props()
        })
        .await;
        assert!(
            html.contains(r#"<span class="chip-name">Pasted text</span><span class="chip-size muted">8.0 MB</span>"#),
            "{html}"
        );
        assert!(html.contains(r#"aria-label="Remove pasted text""#), "{html}");
        assert!(html.contains("The pasted text (8.0 MB) is too large to show here; it is checked as it is."), "{html}");
        assert!(html.contains(r#"aria-describedby="paste-held paste-help""#), "{html}");
        assert!(html.contains(r#"<span class="chip-name">Trust anchors text</span>"#), "{html}");
        assert!(html.contains("The trust anchors text (3.0 MB) is too large to show here"), "{html}");
        assert!(html.contains(r#"<details open="open" class="anchors">"#), "{html}");
        let html = render::<InputPanel>(props()).await;
        assert!(!html.contains("too large to show"), "{html}");
        assert!(!html.contains("Pasted text"), "{html}");
    }

    #[tokio::test]
    async fn examples_can_be_hidden() {
        let html = render::<InputPanel>(InputPanelProps { examples: false, compact: true, ..props() }).await;
        assert!(!html.contains("Try an example"), "{html}");
        assert!(html.contains(r#"rows="5""#), "{html}");
    }
}
