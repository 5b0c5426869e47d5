//! `<Asn1View>`: one object's ASN.1 tree (from `certscope::asn1`) beside
//! its hex dump. Selecting a node highlights its bytes; clicking a byte
//! selects the innermost node there (`Tree::innermost_at`). The tree is a
//! WAI-ARIA tree: arrows move, Left and Right collapse and expand, Enter
//! toggles, Home and End jump.
//!
//! Everything is bounded, so a 14,000-entry CRL stays responsive: a node
//! shows its first [`CHILDREN_SHOWN`] children and a "show more" button,
//! only expanded nodes are walked, and the hex dump shows a window of
//! [`HEX_WINDOW`] bytes around the selection. The tree's words (tags,
//! labels, values) are the core's; values are text nodes, never markup.

use std::ops::Range;
use std::rc::Rc;

use base64::Engine;
use certscope::asn1::{ObjectKind, Tree, Value};
use yew::prelude::*;

/// Children a node shows before "show more", and how many more each click adds.
pub const CHILDREN_SHOWN: usize = 100;

/// Bytes the hex dump shows at once (256 rows of 16): a certificate whole,
/// a big CRL a window at a time.
pub const HEX_WINDOW: usize = 4096;

const ROW: usize = 16;

/// An object's DER and its tree, parsed once when the view opens it.
/// Equality is identity: the panel makes one per object it opens.
#[derive(Clone, Debug)]
pub struct ObjectBytes(pub Rc<ObjectBytesInner>);

#[derive(Debug)]
pub struct ObjectBytesInner {
    pub der: Vec<u8>,
    pub kind: ObjectKind,
    pub tree: Tree,
}

impl ObjectBytes {
    pub fn parse(der: Vec<u8>, kind: ObjectKind) -> Self {
        let tree = certscope::asn1::parse_object(&der, kind, &certscope::Limits::default());
        ObjectBytes(Rc::new(ObjectBytesInner { der, kind, tree }))
    }
}

impl PartialEq for ObjectBytes {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What is selected and open in one object's view. Plain vectors: a
/// person opens a handful of nodes, and a map type would add its code to
/// the wasm for nothing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: Option<usize>,
    /// Open nodes.
    pub expanded: Vec<usize>,
    /// Children shown, for parents showing more than [`CHILDREN_SHOWN`]
    /// (`None`: the top level).
    pub shown: Vec<(Option<usize>, usize)>,
    /// First byte of the hex dump's window (a multiple of 16).
    pub hex_start: usize,
}

/// A key the tree acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    Toggle,
    First,
    Last,
}

impl Move {
    pub fn from_key(key: &str) -> Option<Move> {
        Some(match key {
            "ArrowUp" => Move::Up,
            "ArrowDown" => Move::Down,
            "ArrowLeft" => Move::Left,
            "ArrowRight" => Move::Right,
            "Enter" | " " => Move::Toggle,
            "Home" => Move::First,
            "End" => Move::Last,
            _ => return None,
        })
    }
}

fn has_children(tree: &Tree, i: usize) -> bool {
    tree.node(i).is_some_and(|n| n.first_child.is_some())
}

fn parent(tree: &Tree, i: usize) -> Option<usize> {
    tree.node(i).and_then(|n| n.parent)
}

fn siblings(tree: &Tree, parent: Option<usize>) -> certscope::asn1::Children<'_> {
    match parent {
        Some(p) => tree.children(p),
        None => tree.roots(),
    }
}

impl Cursor {
    /// A freshly opened object: the top node selected, it and its children open.
    pub fn top(tree: &Tree) -> Self {
        let mut c = Cursor::default();
        if let Some(root) = tree.roots().next() {
            c.selected = Some(root);
            c.expanded.push(root);
            c.expanded.extend(tree.children(root).take(CHILDREN_SHOWN).filter(|&i| has_children(tree, i)));
        }
        c
    }

    /// Opened at the node covering `range` (a "show bytes" link): its
    /// ancestors open, and it among the shown children of each.
    pub fn at_range(tree: &Tree, range: Range<usize>) -> Self {
        let mut c = Cursor::top(tree);
        if let Some(i) = node_for(tree, range) {
            c.reveal(tree, i);
            c.select(tree, i);
        }
        c
    }

    pub fn shown(&self, parent: Option<usize>) -> usize {
        self.shown.iter().find(|(p, _)| *p == parent).map_or(CHILDREN_SHOWN, |&(_, n)| n)
    }

    fn set_shown(&mut self, parent: Option<usize>, n: usize) {
        self.shown.retain(|(p, _)| *p != parent);
        self.shown.push((parent, n));
    }

    fn open(&mut self, index: usize) {
        if !self.expanded.contains(&index) {
            self.expanded.push(index);
        }
    }

    /// Opens every ancestor of `index` and shows enough siblings to reach it.
    fn reveal(&mut self, tree: &Tree, index: usize) {
        let mut at = index;
        let mut steps = 0usize;
        loop {
            let up = parent(tree, at);
            // Position among siblings: a walk over at most the siblings before it.
            let position = siblings(tree, up).position(|s| s == at).unwrap_or(0);
            if position >= self.shown(up) {
                self.set_shown(up, (position / CHILDREN_SHOWN + 1) * CHILDREN_SHOWN);
            }
            let Some(p) = up else { break };
            self.open(p);
            at = p;
            steps += 1;
            // Depth is bounded by the parser; this only guards against a cycle.
            if steps > tree.nodes.len() {
                break;
            }
        }
    }

    /// Selects `index`, moving the hex window only when the node starts outside it.
    pub fn select(&mut self, tree: &Tree, index: usize) {
        self.selected = Some(index);
        if let Some(n) = tree.node(index) {
            if !(self.hex_start..self.hex_start.saturating_add(HEX_WINDOW)).contains(&n.offset) {
                self.hex_start = n.offset.saturating_sub(4 * ROW) / ROW * ROW;
            }
        }
    }

    /// Selects the innermost node at byte `offset`; the hex window stays.
    pub fn select_byte(&mut self, tree: &Tree, offset: usize) {
        if let Some(i) = tree.innermost_at(offset) {
            self.reveal(tree, i);
            self.selected = Some(i);
        }
    }

    pub fn toggle(&mut self, index: usize) {
        if self.expanded.contains(&index) {
            self.expanded.retain(|&i| i != index);
        } else {
            self.expanded.push(index);
        }
    }

    /// One more page of `parent`'s children.
    pub fn show_more(&mut self, parent: Option<usize>) {
        let more = self.shown(parent).saturating_add(CHILDREN_SHOWN);
        self.set_shown(parent, more);
    }

    /// The nodes on screen, in order: each expanded node's shown children.
    pub fn visible(&self, tree: &Tree) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<certscope::asn1::Children<'_>> = Vec::new();
        let mut left: Vec<usize> = Vec::new();
        stack.push(tree.roots());
        left.push(self.shown(None));
        while let (Some(level), Some(budget)) = (stack.last_mut(), left.last_mut()) {
            let next = if *budget > 0 { level.next() } else { None };
            let Some(i) = next else {
                stack.pop();
                left.pop();
                continue;
            };
            *budget -= 1;
            out.push(i);
            if self.expanded.contains(&i) && has_children(tree, i) {
                stack.push(tree.children(i));
                left.push(self.shown(Some(i)));
            }
        }
        out
    }

    /// The cursor after a key press.
    pub fn moved(&self, tree: &Tree, key: Move) -> Cursor {
        let mut c = self.clone();
        let Some(at) = self.selected else {
            if let Some(root) = tree.roots().next() {
                c.select(tree, root);
            }
            return c;
        };
        let open = self.expanded.contains(&at) && has_children(tree, at);
        match key {
            Move::Up | Move::Down | Move::First | Move::Last => {
                let visible = self.visible(tree);
                let here = visible.iter().position(|&i| i == at);
                let to = match (key, here) {
                    (Move::Up, Some(p)) => p.checked_sub(1).and_then(|p| visible.get(p)),
                    (Move::Down, Some(p)) => visible.get(p + 1),
                    (Move::Last, _) => visible.last(),
                    _ => visible.first(),
                };
                if let Some(&to) = to {
                    c.select(tree, to);
                }
            }
            Move::Right if has_children(tree, at) && !open => c.toggle(at),
            Move::Right => {
                if let Some(first) = tree.children(at).next().filter(|_| open) {
                    c.select(tree, first);
                }
            }
            Move::Left if open => c.toggle(at),
            Move::Left => {
                if let Some(p) = parent(tree, at) {
                    c.select(tree, p);
                }
            }
            Move::Toggle if has_children(tree, at) => c.toggle(at),
            Move::Toggle => {}
        }
        c
    }
}

/// The node whose bytes are `range`, or else the innermost one containing it.
pub fn node_for(tree: &Tree, range: Range<usize>) -> Option<usize> {
    let mut at = tree.innermost_at(range.start)?;
    for _ in 0..=tree.nodes.len() {
        let n = tree.node(at)?;
        if n.offset <= range.start && n.end() >= range.end {
            return Some(at);
        }
        at = n.parent?;
    }
    None
}

/// A node's decoded value, as its row shows it after the tag.
pub fn value_words(tree: &Tree, index: usize) -> String {
    let Some(n) = tree.node(index) else { return String::new() };
    let bytes = |len: usize| if len == 1 { "1 byte".to_string() } else { format!("{len} bytes") };
    match &n.value {
        Value::Constructed if n.child_count == 1 => "1 item".into(),
        Value::Constructed => format!("{} items", n.child_count),
        Value::Encapsulated => format!("{}, encapsulating", bytes(n.len)),
        Value::Bool { value } => if *value { "TRUE" } else { "FALSE" }.into(),
        Value::Integer { hex, decimal: Some(d), .. } => format!("{d} (0x{hex})"),
        Value::Integer { hex, decimal: None, .. } => format!("0x{hex}"),
        Value::Oid { dotted, name: Some(name) } => format!("{name} ({dotted})"),
        Value::Oid { dotted, name: None } => dotted.to_string(),
        Value::Time { text, time: Some(t) } => format!("{text} ({})", t.to_human()),
        Value::Time { text, time: None } => text.clone(),
        Value::Str { text } => format!("\u{201c}{text}\u{201d}"),
        Value::Bits { unused: 0, len } => bytes(*len),
        Value::Bits { unused, len } => format!("{}, {unused} unused bits", bytes(*len)),
        Value::Null | Value::Eoc => String::new(),
        Value::Raw => bytes(n.len),
        Value::Malformed { reason } => format!("malformed: {}", reason.describe()),
    }
}

/// The hex dump's window: the whole object when it fits, else
/// [`HEX_WINDOW`] bytes from `start`.
pub fn hex_window(len: usize, start: usize) -> Range<usize> {
    if len <= HEX_WINDOW {
        return 0..len;
    }
    let last_start = len.saturating_sub(1) / ROW * ROW;
    let start = (start / ROW * ROW).min(last_start);
    start..start.saturating_add(HEX_WINDOW).min(len)
}

#[derive(Properties, PartialEq)]
pub struct Asn1ViewProps {
    pub object: ObjectBytes,
    /// The range to open at (a "show bytes" link); `None`: the top.
    #[prop_or_default]
    pub select: Option<(usize, usize)>,
    /// Move focus to the selected node once mounted (opened by a link).
    #[prop_or_default]
    pub focus: bool,
    /// (what, text), as the card's copy buttons.
    pub on_copy: Callback<(String, String)>,
}

#[component]
pub fn Asn1View(props: &Asn1ViewProps) -> Html {
    let object = props.object.clone();
    let cursor = {
        let object = object.clone();
        let select = props.select;
        use_state(move || match select {
            Some((offset, len)) => Cursor::at_range(&object.0.tree, offset..offset.saturating_add(len)),
            None => Cursor::top(&object.0.tree),
        })
    };
    let tree_ref = use_node_ref();
    let focus_pending = use_mut_ref(|| props.focus);
    {
        let tree_ref = tree_ref.clone();
        let focus_pending = focus_pending.clone();
        let selected = cursor.selected;
        use_effect(move || {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                focus_node(&tree_ref, selected);
            }
        });
    }
    // A new selection scrolls the tree and the hex dump (each in its own
    // box) to it when it is out of sight, never the page.
    let hex_ref = use_node_ref();
    {
        let (tree_ref, hex_ref) = (tree_ref.clone(), hex_ref.clone());
        use_effect_with((cursor.selected, cursor.hex_start), move |_| {
            reveal_in(&tree_ref, "[aria-selected=\"true\"] > .asn1-row");
            reveal_in(&hex_ref, ".sel");
        });
    }
    let tree = &object.0.tree;
    let der = &object.0.der;

    let on_key = {
        let cursor = cursor.clone();
        let object = object.clone();
        let focus_pending = focus_pending.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys on a "show more" button inside the tree are the button's.
            if attribute_of_target(&e, "role").as_deref() != Some("treeitem") {
                return;
            }
            let Some(key) = Move::from_key(&e.key()) else { return };
            e.prevent_default();
            *focus_pending.borrow_mut() = true;
            cursor.set(cursor.moved(&object.0.tree, key));
        })
    };
    let on_tree_click = {
        let cursor = cursor.clone();
        let object = object.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((index, on_row)) = clicked_node(&e) else { return };
            let mut c = (*cursor).clone();
            if on_row && has_children(&object.0.tree, index) {
                c.toggle(index);
            }
            c.select(&object.0.tree, index);
            cursor.set(c);
        })
    };
    let on_more = {
        let cursor = cursor.clone();
        Callback::from(move |parent: Option<usize>| {
            let mut c = (*cursor).clone();
            c.show_more(parent);
            cursor.set(c);
        })
    };
    let on_hex_click = {
        let cursor = cursor.clone();
        let object = object.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(offset) = attribute_of_target(&e, "data-o").and_then(|o| o.parse::<usize>().ok()) else { return };
            let mut c = (*cursor).clone();
            c.select_byte(&object.0.tree, offset);
            cursor.set(c);
        })
    };
    let page = |to: usize| {
        let cursor = cursor.clone();
        Callback::from(move |_: MouseEvent| {
            let mut c = (*cursor).clone();
            c.hex_start = to;
            cursor.set(c);
        })
    };

    let selected = cursor.selected.and_then(|i| tree.node(i).map(|n| (i, n)));
    let highlight = selected.map(|(_, n)| (n.offset, n.offset.saturating_add(n.header_len), n.end()));
    let window = hex_window(der.len(), cursor.hex_start);
    let copy_buttons = selected.map(|(i, n)| {
        let bytes = der.get(n.range()).unwrap_or_default();
        let name = node_name(tree, i);
        let button = |format: &'static str, text: String| {
            let cb = props.on_copy.clone();
            let what = format!("{name} as {format}");
            html! {
                <button type="button" class="copy" aria-label={format!("Copy {what}")}
                    onclick={Callback::from(move |_: MouseEvent| cb.emit((what.clone(), text.clone())))}>{format}</button>
            }
        };
        html! {
            <p class="asn1-copy">
                <span class="muted">{format!("{name}: offset {}, {} + {} bytes. Copy as ", n.offset, n.header_len, n.len)}</span>
                { button("hex", certscope::hex::lower(bytes)) }
                { button("base64", base64::engine::general_purpose::STANDARD.encode(bytes)) }
                if let Some(label) = tree.pem_label(object.0.kind, i) {
                    { button("PEM", certscope::asn1::to_pem(label, bytes)) }
                }
            </p>
        }
    });
    html! {
        <div class="asn1-view" data-sel-offset={selected.map(|(_, n)| n.offset.to_string())}
            data-sel-len={selected.map(|(_, n)| (n.header_len + n.len).to_string())}>
            { copy_buttons.unwrap_or_default() }
            <div class="asn1-panes">
                <ul class="asn1-tree" role="tree" aria-label="ASN.1 structure" ref={tree_ref}
                    onkeydown={on_key} onclick={on_tree_click}>
                    { render_level(tree, &cursor, None, &on_more) }
                </ul>
                <div class="hexdump-pane">
                    if window.start > 0 {
                        <button type="button" class="link-button hex-page"
                            onclick={page(window.start.saturating_sub(HEX_WINDOW))}>{"Earlier bytes"}</button>
                    }
                    <div class="hexdump" aria-hidden="true" onclick={on_hex_click} ref={hex_ref}>
                        { for (window.start..window.end).step_by(ROW).map(|row| hex_row(der, row, window.end, highlight)) }
                    </div>
                    if window.end < der.len() {
                        <button type="button" class="link-button hex-page" onclick={page(window.end)}>
                            {format!("Later bytes ({} of {} shown)", window.end, der.len())}</button>
                    }
                </div>
            </div>
            if tree.truncated {
                <p class="asn1-note">{format!("The tree stops after {} nodes; the rest of the bytes are in the hex dump.", tree.nodes.len())}</p>
            }
        </div>
    }
}

/// "serialNumber", or the tag's name when the node has no field label.
fn node_name(tree: &Tree, index: usize) -> String {
    tree.node(index).map(|n| n.label.map_or_else(|| n.tag.name().into_owned(), str::to_string)).unwrap_or_default()
}

/// One level of the tree: the shown children of `parent` and a "show more".
fn render_level(tree: &Tree, cursor: &Cursor, parent: Option<usize>, on_more: &Callback<Option<usize>>) -> Html {
    let total = match parent {
        Some(p) => tree.node(p).map_or(0, |n| n.child_count),
        None => tree.roots().count(),
    };
    let shown = cursor.shown(parent);
    let more = total.saturating_sub(shown);
    let on_click = on_more.reform(move |_: MouseEvent| parent);
    html! {
        <>
            { for siblings(tree, parent).take(shown).map(|i| render_node(tree, cursor, i, on_more)) }
            if more > 0 {
                <li role="none" class="asn1-more">
                    <button type="button" class="link-button" onclick={on_click}>
                        {format!("Show {} more of {total}", more.min(CHILDREN_SHOWN))}</button>
                </li>
            }
        </>
    }
}

fn render_node(tree: &Tree, cursor: &Cursor, index: usize, on_more: &Callback<Option<usize>>) -> Html {
    let Some(n) = tree.node(index) else { return html! {} };
    let open = cursor.expanded.contains(&index);
    let branch = n.first_child.is_some();
    let selected = cursor.selected == Some(index);
    let value = value_words(tree, index);
    let malformed = matches!(n.value, Value::Malformed { .. });
    html! {
        <li role="treeitem" data-node={index.to_string()} aria-level={(u32::from(n.depth) + 1).to_string()}
            aria-expanded={branch.then(|| open.to_string())} aria-selected={selected.to_string()}
            tabindex={if selected { "0" } else { "-1" }}
            class={classes!("asn1-node", selected.then_some("selected"), malformed.then_some("malformed"))}>
            <span class="asn1-row" title={format!("offset {}, header {}, length {}", n.offset, n.header_len, n.len)}>
                <span class="asn1-toggle" aria-hidden="true">{if !branch { "" } else if open { "▾" } else { "▸" }}</span>
                if let Some(label) = n.label {
                    <span class="asn1-label">{label}</span>
                }
                <span class="asn1-tag">{n.tag.name().into_owned()}</span>
                <span class="asn1-value">{value}</span>
            </span>
            if branch && open {
                <ul role="group">{ render_level(tree, cursor, Some(index), on_more) }</ul>
            }
        </li>
    }
}

/// One row of the hex dump: offset, 16 bytes (each a span carrying its
/// offset, for a click), and the printable ASCII.
fn hex_row(der: &[u8], row: usize, stop: usize, highlight: Option<(usize, usize, usize)>) -> Html {
    let bytes = der.get(row..stop.min(row + ROW)).unwrap_or_default();
    let ascii: String =
        bytes.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { char::from(b) } else { '.' }).collect();
    html! {
        <div class="hex-row">
            <span class="hex-offset">{format!("{row:06x}")}</span>
            <span class="hex-bytes">
                { for bytes.iter().enumerate().map(|(k, b)| {
                    let o = row + k;
                    let class = match highlight {
                        Some((start, content, _)) if (start..content).contains(&o) => Some("sel sel-header"),
                        Some((_, content, end)) if (content..end).contains(&o) => Some("sel"),
                        _ => None,
                    };
                    html! { <span data-o={o.to_string()} class={class}>{format!("{b:02x}")}</span> }
                }) }
            </span>
            <span class="hex-ascii">{ascii}</span>
        </div>
    }
}

/// The node a click in the tree landed on, and whether it was on its own row
/// (not on a "show more" button inside it).
fn clicked_node(e: &MouseEvent) -> Option<(usize, bool)> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let item = target.closest("[data-node]").ok()??;
        let index = item.get_attribute("data-node")?.parse().ok()?;
        // A click on a branch's row opens or closes it, as Enter does.
        let on_row = target.closest(".asn1-row").ok().flatten().is_some();
        Some((index, on_row))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = e;
        None
    }
}

fn attribute_of_target(e: &Event, name: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        e.target()?.dyn_into::<web_sys::Element>().ok()?.get_attribute(name)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (e, name);
        None
    }
}

/// Scrolls the box `container` so that its first element matching
/// `selector` is in sight, if it is not (the box is `position: relative`,
/// so `offsetTop` is measured from it).
fn reveal_in(container: &NodeRef, selector: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(boxed) = container.cast::<web_sys::HtmlElement>() else { return };
        let Ok(Some(target)) = boxed.query_selector(selector) else { return };
        let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() else { return };
        let (top, height) = (target.offset_top(), target.offset_height());
        let (scroll, visible) = (boxed.scroll_top(), boxed.client_height());
        if top < scroll || top + height > scroll + visible {
            boxed.set_scroll_top((top - 2 * height).max(0));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (container, selector);
    }
}

fn focus_node(tree_ref: &NodeRef, selected: Option<usize>) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(i) = selected else { return };
        let Some(list) = tree_ref.cast::<web_sys::Element>() else { return };
        if let Ok(Some(item)) = list.query_selector(&format!("[data-node=\"{i}\"]")) {
            if let Ok(item) = item.dyn_into::<web_sys::HtmlElement>() {
                let _ = item.focus();
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (tree_ref, selected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    const CERT: &[u8] = include_bytes!("../../crates/certscope/tests/data/real/amazon/r2m02.cer");
    /// Amazon RSA 2048 M02's CRL: 14,102 entries (tests/data/SOURCES.md).
    const BIG_CRL: &[u8] = include_bytes!("../../crates/certscope/tests/data/real/amazon/r2m02.crl");

    fn label(tree: &Tree, i: Option<usize>) -> Option<&'static str> {
        tree.node(i?)?.label
    }

    #[test]
    fn arrows_walk_the_tree_as_a_tree_view_does() {
        let object = ObjectBytes::parse(CERT.to_vec(), ObjectKind::Certificate);
        let tree = &object.0.tree;
        let top = Cursor::top(tree);
        assert_eq!(label(tree, top.selected), Some("certificate"));
        let down = top.moved(tree, Move::Down);
        assert_eq!(label(tree, down.selected), Some("tbsCertificate"));
        // tbsCertificate starts open: Right goes to its first child.
        let version = down.moved(tree, Move::Right);
        assert_eq!(label(tree, version.selected), Some("version"));
        let serial = version.moved(tree, Move::Down);
        assert_eq!(label(tree, serial.selected), Some("serialNumber"));
        // A leaf: Left goes to the parent, a second Left closes it.
        let up = serial.moved(tree, Move::Left);
        assert_eq!(label(tree, up.selected), Some("tbsCertificate"));
        let closed = up.moved(tree, Move::Left);
        assert!(!closed.expanded.contains(&up.selected.unwrap()));
        // Closed, Down skips its children; Right opens it again, Enter closes.
        assert_eq!(label(tree, closed.moved(tree, Move::Down).selected), Some("signatureAlgorithm"));
        assert!(closed.moved(tree, Move::Right).expanded.contains(&up.selected.unwrap()));
        assert!(!up.moved(tree, Move::Toggle).expanded.contains(&up.selected.unwrap()));
        assert_eq!(label(tree, closed.moved(tree, Move::Last).selected), Some("signatureValue"));
        assert_eq!(label(tree, serial.moved(tree, Move::First).selected), Some("certificate"));
        assert_eq!(label(tree, top.moved(tree, Move::Up).selected), Some("certificate"), "stays at the top");
    }

    #[test]
    fn a_range_opens_its_node_and_a_byte_selects_the_innermost() {
        let object = ObjectBytes::parse(CERT.to_vec(), ObjectKind::Certificate);
        let tree = &object.0.tree;
        let serial = tree.nodes.iter().position(|n| n.label == Some("serialNumber")).unwrap();
        let n = &tree.nodes[serial];
        let c = Cursor::at_range(tree, n.range());
        assert_eq!(c.selected, Some(serial));
        assert!(c.visible(tree).contains(&serial));
        // A byte inside the serial's content selects the serial.
        let mut c = Cursor::top(tree);
        c.select_byte(tree, n.offset + n.header_len + 1);
        assert_eq!(c.selected, Some(serial));
        // An attribute deep in the subject: every ancestor opens.
        let cn = tree.nodes.iter().rposition(|n| n.label == Some("attribute")).unwrap();
        let c = Cursor::at_range(tree, tree.nodes[cn].range());
        assert_eq!(c.selected, Some(cn));
        assert!(c.visible(tree).contains(&cn));
    }

    #[test]
    fn a_crl_of_14000_entries_shows_100_at_a_time() {
        let object = ObjectBytes::parse(BIG_CRL.to_vec(), ObjectKind::Crl);
        let tree = &object.0.tree;
        let list = tree.nodes.iter().position(|n| n.label == Some("revokedCertificates")).unwrap();
        assert_eq!(tree.nodes[list].child_count, 14_102);
        let mut c = Cursor::top(tree);
        let closed = c.visible(tree).len();
        c.toggle(list);
        assert_eq!(c.visible(tree).len(), closed + CHILDREN_SHOWN);
        c.show_more(Some(list));
        assert_eq!(c.visible(tree).len(), closed + 2 * CHILDREN_SHOWN);
        // A link to entry 5,000 shows entries up to the page that holds it.
        let entry = tree.child(list, 5_000).unwrap();
        let c = Cursor::at_range(tree, tree.nodes[entry].range());
        assert_eq!(c.selected, Some(entry));
        assert_eq!(c.shown(Some(list)), 5_100);
        // The hex dump shows a window around it, not 480 KB.
        let window = hex_window(object.0.der.len(), c.hex_start);
        assert!(window.contains(&tree.nodes[entry].offset), "{window:?}");
        assert_eq!(window.len(), HEX_WINDOW);
    }

    #[test]
    fn values_read_as_the_core_decoded_them() {
        let object = ObjectBytes::parse(CERT.to_vec(), ObjectKind::Certificate);
        let tree = &object.0.tree;
        let find = |l: &str| tree.nodes.iter().position(|n| n.label == Some(l)).unwrap();
        assert_eq!(value_words(tree, find("tbsCertificate")), "8 items");
        assert!(value_words(tree, find("notBefore")).contains("2022"), "{}", value_words(tree, find("notBefore")));
        let serial = value_words(tree, find("serialNumber"));
        assert!(serial.contains("(0x") && serial.chars().next().unwrap().is_ascii_digit(), "{serial}");
        let alg = tree.children(find("signatureAlgorithm")).next().unwrap();
        assert_eq!(value_words(tree, alg), "sha256WithRSAEncryption (1.2.840.113549.1.1.11)");
        assert_eq!(tree.pem_label(ObjectKind::Certificate, 0), Some("CERTIFICATE"));
        assert_eq!(tree.pem_label(ObjectKind::Certificate, find("subjectPublicKeyInfo")), Some("PUBLIC KEY"));
        assert_eq!(tree.pem_label(ObjectKind::Certificate, find("serialNumber")), None);
        let pem = certscope::asn1::to_pem("CERTIFICATE", CERT);
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\nMII") && pem.lines().all(|l| l.len() <= 64));
    }

    fn props(object: ObjectBytes, select: Option<(usize, usize)>) -> Asn1ViewProps {
        Asn1ViewProps { object, select, focus: false, on_copy: Callback::noop() }
    }

    #[tokio::test]
    async fn the_selected_node_is_highlighted_in_the_hex_dump() {
        let object = ObjectBytes::parse(CERT.to_vec(), ObjectKind::Certificate);
        let n = object.0.tree.nodes.iter().find(|n| n.label == Some("serialNumber")).unwrap().clone();
        let html = render::<Asn1View>(props(object, Some((n.offset, n.header_len + n.len)))).await;
        assert!(
            html.contains(r#"role="tree""#) && html.contains(r#"role="treeitem""#) && html.contains(r#"role="group""#)
        );
        assert_eq!(html.matches(r#"aria-selected="true""#).count(), 1, "{html}");
        assert_eq!(html.matches(r#"tabindex="0""#).count(), 1, "one tab stop: {html}");
        assert_eq!(html.matches(r#"class="sel"#).count(), n.header_len + n.len, "{html}");
        assert_eq!(html.matches("sel-header").count(), n.header_len, "{html}");
        assert!(html.contains(&format!(r#"data-o="{}" class="sel sel-header""#, n.offset)), "{html}");
        assert!(html.contains(&format!(r#"data-sel-offset="{}""#, n.offset)), "{html}");
        assert!(html.contains(r#"aria-label="Copy serialNumber as hex""#), "{html}");
        assert!(!html.contains("Copy serialNumber as PEM"), "a serial has no PEM label: {html}");
        assert!(!html.contains("style="), "no inline styles under the CSP: {html}");
    }

    #[tokio::test]
    async fn a_big_crl_renders_a_page_of_entries_and_a_window_of_bytes() {
        let object = ObjectBytes::parse(BIG_CRL.to_vec(), ObjectKind::Crl);
        let tree = &object.0.tree;
        let list = tree.nodes.iter().position(|n| n.label == Some("revokedCertificates")).unwrap();
        let entry = tree.child(list, 150).unwrap();
        let n = tree.nodes[entry].clone();
        let visible = Cursor::at_range(tree, n.range()).visible(tree);
        let entries = visible.iter().filter(|&&i| tree.nodes[i].parent == Some(list)).count();
        assert_eq!(entries, 200, "entry 150 is on the second page");
        let html = render::<Asn1View>(props(object.clone(), Some((n.offset, n.header_len + n.len)))).await;
        assert_eq!(html.matches(r#"<li role="treeitem" data-node"#).count(), visible.len(), "{}", html.len());
        assert!(html.contains("Show 100 more of 14102"), "{}", &html[..2000]);
        assert_eq!(html.matches(r#"<div class="hex-row">"#).count(), HEX_WINDOW / 16);
        assert!(html.contains("Earlier bytes") && html.contains("Later bytes"));
    }

    #[tokio::test]
    async fn text_from_the_bytes_stays_text() {
        // A UTF8String "<b>x</b>" as the whole object.
        let mut der = vec![0x0c, 8];
        der.extend_from_slice(b"<b>x</b>");
        let html = render::<Asn1View>(props(ObjectBytes::parse(der, ObjectKind::Certificate), None)).await;
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>x"), "{html}");
        // Garbage still renders, marked malformed.
        let html = render::<Asn1View>(props(ObjectBytes::parse(vec![0x30, 0x85, 1, 2], ObjectKind::Crl), None)).await;
        assert!(html.contains("malformed"), "{html}");
    }
}
