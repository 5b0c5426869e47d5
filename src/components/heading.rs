//! Panel headings at the right level for where the app is: under the
//! standalone page's `<h1>` a panel's heading is an `<h2>`; inside a host
//! page's article (the embed) it sits one level deeper, so a screen reader's
//! outline nests the inspector under the article's own heading.

use yew::prelude::*;

/// The level of a panel's heading; provided by `<App>` (2 by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadingBase(pub u8);

impl Default for HeadingBase {
    fn default() -> Self {
        HeadingBase(2)
    }
}

#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    /// 0 = a panel's heading, 1 = a card's inside a panel, 2 = below that.
    #[prop_or(0)]
    pub depth: u8,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// CSS styles headings by these classes, not by tag, since the tag varies.
const CLASSES: [&str; 3] = ["heading-panel", "heading-card", "heading-sub"];

#[component]
pub fn Heading(props: &HeadingProps) -> Html {
    let base = use_context::<HeadingBase>().unwrap_or_default().0;
    let level = base.saturating_add(props.depth).clamp(1, 6);
    let depth_class = CLASSES.get(usize::from(props.depth)).copied().unwrap_or("heading-sub");
    html! {
        <@{format!("h{level}")} id={props.id.clone()} class={classes!(depth_class, props.class.clone())}>
            {props.children.clone()}
        </@>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[derive(Properties, PartialEq)]
    struct InProps {
        base: Option<u8>,
        depth: u8,
    }

    #[component]
    fn In(props: &InProps) -> Html {
        let heading = html! { <Heading depth={props.depth} id="x">{"Chain"}</Heading> };
        match props.base {
            Some(b) => {
                html! { <ContextProvider<HeadingBase> context={HeadingBase(b)}>{heading}</ContextProvider<HeadingBase>> }
            }
            None => heading,
        }
    }

    #[tokio::test]
    async fn level_follows_the_base_and_depth() {
        let html = render::<In>(InProps { base: None, depth: 0 }).await;
        assert!(html.contains(r#"<h2 id="x" class="heading-panel">Chain</h2>"#), "{html}");
        let html = render::<In>(InProps { base: Some(3), depth: 1 }).await;
        assert!(html.contains(r#"<h4 id="x" class="heading-card">Chain</h4>"#), "{html}");
        let html = render::<In>(InProps { base: Some(5), depth: 2 }).await;
        assert!(html.contains("<h6 "), "clamped to h6: {html}");
    }
}
