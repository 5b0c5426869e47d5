#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;

// The Bytes view and `certscope --asn1` read any bytes as a tree (issue 16).
fuzz_target!(|data: &[u8]| {
    let _ = certscope::fuzzing::asn1_tree(data);
});
