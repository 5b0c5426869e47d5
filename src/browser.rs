//! The few browser facilities the app uses: the clock, files, the clipboard,
//! downloads and the URL fragment. Nothing here talks to the network.

use certscope::Timestamp;

use crate::types::{fits_a_textarea, LeftOut, NamedBytes, Opened, Room, TEXTAREA_MAX_BYTES, TEXTAREA_MAX_LINES};

/// A monotonic clock in milliseconds, for "checked in 0.4 ms".
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// The wall clock, read only here, never in the core or the reducer.
#[cfg(target_arch = "wasm32")]
pub fn wall_clock() -> Timestamp {
    Timestamp::from_unix((js_sys::Date::now() / 1000.0).floor() as i64)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn wall_clock() -> Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Timestamp::from_unix(secs)
}

/// Reads the files that fit in `room`, bytes untouched, in the order given.
/// A file's size is checked before anything is read, and at most
/// `room.bytes + 1` bytes are ever read (`Blob.slice`), in case a size
/// was wrong (a file that grew, a special file that claims 0): a
/// multi-GB file is never copied into the wasm memory that every
/// inspector on the page shares. What does not fit is left out, by name.
pub async fn read_files(files: Vec<web_sys::File>, mut room: Room) -> Opened {
    let mut opened = Opened::default();
    for file in files {
        let name = file.name();
        if room.files == 0 {
            opened.left_out.push(LeftOut::TooMany { name });
            continue;
        }
        let size = file.size();
        if size > room.bytes as f64 {
            opened.left_out.push(LeftOut::TooLarge { name, size: size as u64 });
            continue;
        }
        // An unreadable file still shows as a chip; the core reports it empty.
        let bytes = read_at_most(&file, room.bytes + 1).await.unwrap_or_default();
        if bytes.len() > room.bytes {
            opened.left_out.push(LeftOut::TooLarge { name, size: bytes.len() as u64 });
            continue;
        }
        room.files -= 1;
        room.bytes -= bytes.len();
        opened.files.push(NamedBytes { name, bytes });
    }
    opened
}

/// The first `limit` bytes of a file (all of it when shorter).
async fn read_at_most(file: &web_sys::File, limit: usize) -> Option<Vec<u8>> {
    let head = file.slice_with_f64_and_f64(0.0, limit as f64).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(head.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The text a paste or a drop hands the page, measured before any of it is
/// copied into the wasm.
pub enum HandedText {
    /// No text, or one a textarea shows quickly: the browser inserts it as usual.
    Small,
    /// A text too large to show ([`fits_a_textarea`]).
    Large(String),
    /// More UTF-16 units than the core reads bytes at all; never copied.
    TooLong(u32),
}

/// `DataTransfer.getData("text")` as a JS string, so its length is known
/// before it is copied into the wasm (web-sys's `get_data` copies it).
fn data_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    use wasm_bindgen::{JsCast, JsValue};
    let get = js_sys::Reflect::get(data, &JsValue::from_str("getData")).ok()?.dyn_into::<js_sys::Function>().ok()?;
    get.call1(data, &JsValue::from_str("text")).ok()?.dyn_into().ok()
}

/// Sorts a paste's or a drop's text by size (see [`HandedText`]).
pub fn handed_text(data: Option<web_sys::DataTransfer>) -> HandedText {
    let Some(js) = data.as_ref().and_then(data_text) else { return HandedText::Small };
    let units = js.length();
    if units as usize > certscope::Limits::default().max_input_bytes {
        return HandedText::TooLong(units);
    }
    // UTF-8 is never shorter than UTF-16 units: a short one cannot be large.
    if (units as usize) < TEXTAREA_MAX_BYTES / 3 && units < TEXTAREA_MAX_LINES as u32 {
        return HandedText::Small;
    }
    let text = String::from(js);
    if fits_a_textarea(&text) {
        HandedText::Small
    } else {
        HandedText::Large(text)
    }
}

/// Writes text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a file download through a Blob URL (no request).
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let Some(anchor) = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}

/// The URL fragment without `#` (empty when none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page URL with `fragment`, recorded in history without reloading.
pub fn set_fragment(fragment: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let href = location.href().ok()?;
    let base = href.split('#').next().unwrap_or(&href).to_string();
    let url = format!("{base}#{fragment}");
    let _ = window.history().ok()?.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    Some(url)
}

/// Sets the value of the text field or textarea with this id, as a person's
/// typing would (no event).
pub fn set_field_value(id: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    }
}

/// Focuses the element `selector` finds and, in a text field, selects
/// `start..end` (UTF-16 offsets, as the browser reported them).
pub fn focus(selector: &str, selection: Option<(u32, u32)>) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(element) = document.query_selector(selector).ok().flatten() else { return };
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
    let Some((start, end)) = selection else { return };
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.set_selection_range(start, end);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.set_selection_range(start, end);
    }
}

/// Runs a closure once the browser has painted its next frame, unless
/// dropped first: what is already in the DOM shows before the work in the
/// closure starts. Dropping it cancels the closure.
pub struct AfterPaint {
    cancelled: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Drop for AfterPaint {
    fn drop(&mut self) {
        self.cancelled.set(true);
    }
}

/// A frame callback runs just before that frame is painted, so the closure
/// goes in a task queued from it, after the paint. A hidden page paints
/// nothing and may never call a frame callback: there the closure only
/// waits for the current task to end.
pub fn after_paint(f: impl FnOnce() + 'static) -> AfterPaint {
    use wasm_bindgen::JsCast;
    let cancelled = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = cancelled.clone();
    let run = move || {
        if !flag.get() {
            f();
        }
    };
    let queue = move || {
        gloo_timers::callback::Timeout::new(0, run).forget();
    };
    match web_sys::window().filter(|_| !page_hidden()) {
        Some(window) => {
            let frame = wasm_bindgen::closure::Closure::once_into_js(queue);
            let _ = window.request_animation_frame(frame.unchecked_ref());
        }
        None => queue(),
    }
    AfterPaint { cancelled }
}

/// Whether the page is hidden (a background tab, a minimised window).
#[cfg(target_arch = "wasm32")]
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_none_or(|d| d.hidden())
}

/// Natively (server-side rendering in tests) there is no page to paint.
#[cfg(not(target_arch = "wasm32"))]
pub fn page_hidden() -> bool {
    true
}
