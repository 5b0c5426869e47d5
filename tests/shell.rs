//! The page shell, `www/shell.html`, is the app's first view rendered by
//! Yew's server renderer: scripts/post-build.mjs puts it into the built
//! `index.html`, so the paste area, the file button, the examples and the
//! fields are there (and usable) before the wasm arrives. This test renders
//! `<App>` as the standalone page starts and fails when the committed file
//! differs; `CERTSCOPE_BLESS=1 cargo test --test shell` rewrites it.

use std::path::PathBuf;
use std::rc::Rc;

use certscope::Timestamp;
use certscope_app::app::{App, AppProps, Handover};
use yew::LocalServerRenderer;

/// The file's first line; the markup follows (it has newlines of its own).
const HEADER: &str = "<!-- The app's first view (src/app.rs, rendered by tests/shell.rs; \
    CERTSCOPE_BLESS=1 cargo test --test shell rewrites it). scripts/shell.mjs puts the rest into index.html. -->";

/// The first view as the shell shows it. The "as of" field is left empty:
/// the markup is built without a clock, and www/loader.js fills in the
/// moment the page opened, which it hands to the app as its "now".
async fn shell() -> String {
    // A fixed moment, so that the one clock-dependent value is known.
    let handover = Handover { opened_at: Some(Timestamp::from_unix(0)), ..Handover::default() };
    let props = AppProps { handover: Rc::new(handover), ..AppProps::default() };
    let html = LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await;
    let epoch = r#"value="1970-01-01T00:00:00""#;
    assert_eq!(html.matches(epoch).count(), 1, "the \"as of\" field's value, once: {html}");
    html.replace(epoch, r#"value="""#)
}

fn bless() -> bool {
    std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1")
}

#[tokio::test]
async fn the_committed_shell_is_the_apps_first_view() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/shell.html");
    let want = format!("{HEADER}\n{}\n", shell().await);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if bless() {
        std::fs::write(&path, &want).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let at = have.bytes().zip(want.bytes()).position(|(a, b)| a != b).unwrap_or(have.len().min(want.len()));
    let around = |s: &str| s.get(at.saturating_sub(60)..(at + 60).min(s.len())).unwrap_or("").to_string();
    panic!(
        "www/shell.html is out of date (first difference at byte {at}):\n  file:      {:?}\n  rendered:  {:?}\n\
         Run `CERTSCOPE_BLESS=1 cargo test --test shell` and commit the result.",
        around(&have),
        around(&want)
    );
}

#[tokio::test]
async fn the_shell_has_what_a_person_uses_first_and_no_report() {
    let html = shell().await;
    for needle in [
        r#"<textarea id="paste""#,
        r#"<input id="files" type="file""#,
        r#"<input value="" id="as-of" type="datetime-local""#,
        r#"<input value="" id="host""#,
        r#"<textarea id="anchors""#,
        r#"data-example="healthy""#,
        "Checked locally — nothing was uploaded.",
    ] {
        assert!(html.contains(needle), "{needle} missing: {html}");
    }
    assert!(!html.contains("summary-table"), "{html}");
    // Markup only: the page's CSP allows no inline script or style.
    assert!(!html.contains("<script") && !html.contains("<style") && !html.contains(" style="), "{html}");
}
