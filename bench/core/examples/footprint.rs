//! One analysis of a pasted input, natively, for `footprint.mjs` to watch
//! under callgrind: `footprint PASTE ANCHORS AT` analyses the files' text
//! twice, as the page calls `analyze` (`bench_analyze`), and only the second
//! time in `measured`, after the first has built what is built once (the
//! root store's index, the curves' tables).

use certscope_bench_core::{bench_analyze, bench_buffer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, paste, anchors, at] = args.as_slice() else {
        eprintln!("usage: footprint PASTE ANCHORS AT");
        std::process::exit(2);
    };
    let paste = std::fs::read(paste).expect("the pasted text");
    let anchors = std::fs::read(anchors).expect("the anchors");
    let at: i64 = at.parse().expect("Unix seconds");
    let load = || {
        let buffer = bench_buffer(paste.len() + anchors.len());
        // SAFETY: `bench_buffer` returned a buffer of exactly this length,
        // which nothing else touches until the next call.
        let buffer = unsafe { std::slice::from_raw_parts_mut(buffer, paste.len() + anchors.len()) };
        buffer[..paste.len()].copy_from_slice(&paste);
        buffer[paste.len()..].copy_from_slice(&anchors);
    };
    load();
    std::hint::black_box(bench_analyze(paste.len(), anchors.len(), at));
    load();
    std::hint::black_box(measured(paste.len(), anchors.len(), at));
}

/// The analysis callgrind counts (`--toggle-collect='*measured*'`).
#[inline(never)]
fn measured(paste_len: usize, anchors_len: usize, at: i64) -> usize {
    bench_analyze(paste_len, anchors_len, at)
}
