//! The whole pipeline with an arbitrary "as of" time, host and trust
//! anchors. Layout of the fuzz input: 8 bytes as-of (i64, little endian),
//! 1 flag byte (bit 0: use Mozilla's roots, bit 1: pass a host, bit 2: the
//! last part is an extra anchor, bit 3: give inputs the OCSP hint), then
//! parts separated by the 4-byte marker "\0CS\0" (so the fuzzer can splice
//! a chain, a response and an anchor).
#![no_main]
#![forbid(unsafe_code)]

use certscope::{analyze, Input, Options, Timestamp};
use libfuzzer_sys::fuzz_target;

const MARK: &[u8] = b"\0CS\0";

fn parts(mut data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while let Some(at) = data.windows(MARK.len()).position(|w| w == MARK) {
        let (head, rest) = data.split_at(at);
        out.push(head);
        data = rest.get(MARK.len()..).unwrap_or_default();
    }
    out.push(data);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<9>() else { return };
    let (secs, flags) = head.split_at(8);
    let secs = i64::from_le_bytes(secs.try_into().unwrap_or_default());
    let flags = flags.first().copied().unwrap_or(0);
    let mut opts = Options::at(Timestamp(secs));
    opts.use_system_roots = flags & 1 != 0;
    if flags & 2 != 0 {
        opts.host = Some("example.com".into());
    }
    let mut parts = parts(rest);
    if flags & 4 != 0 && parts.len() > 1 {
        if let Some(anchor) = parts.pop() {
            opts.extra_anchors.push(anchor.to_vec());
        }
    }
    let inputs: Vec<Input> = parts
        .into_iter()
        .map(|p| if flags & 8 != 0 { Input::ocsp(None, p.to_vec()) } else { Input::bytes(None, p.to_vec()) })
        .collect();
    let report = analyze(&inputs, &opts);
    let _ = report.summary;
});
