//! What the CLI tests share: the core's fixture pool and the binary.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// The fixture pool, crates/certscope/tests/data (sources in SOURCES.md there).
pub fn pool() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../certscope/tests/data")
}

/// `certscope` run in the pool folder `dir`, so that the file names it
/// prints are as short as a user's.
pub fn certscope_at(dir: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_certscope"));
    cmd.current_dir(pool().join(dir));
    cmd
}

/// Every finding's code in a `--json` report, in report order.
pub fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| f["code"].as_str().expect("code is a string").to_string())
        .collect()
}
