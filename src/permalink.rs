//! Permalinks: the inputs, deflated and base64url-encoded into the URL
//! fragment, which browsers never send to a server. Opening the link restores
//! the inputs, and the same inputs give the same report.
//!
//! Format: `#v1=` + base64url(deflate(JSON)). The JSON carries the paste,
//! each file's name and bytes (base64), the pinned "as of" time (Unix
//! seconds, absent = now) and the host name. Decoding is bounded, since a
//! link is input from a stranger.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Fragment prefix; bump the version if the JSON changes incompatibly.
pub const PREFIX: &str = "v1=";

/// A decompressed permalink may not exceed this (the core's own input limit).
const MAX_INFLATED: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub paste: String,
    pub files: Vec<SnapshotFile>,
    /// Unix seconds; `None` follows the clock.
    pub as_of: Option<i64>,
    pub host: String,
    /// Extra trust anchors (PEM text), empty for none.
    pub anchors: String,
    /// Judged by the strict profile (RFC 5280 + CA/B Forum) instead of as
    /// browsers do.
    pub strict: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    p: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    f: Vec<WireFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    h: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    a: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    s: bool,
}

#[derive(Serialize, Deserialize)]
struct WireFile {
    n: String,
    b: String,
}

/// The fragment (without `#`) for a snapshot.
pub fn encode(snapshot: &Snapshot) -> String {
    let wire = Wire {
        p: snapshot.paste.clone(),
        f: snapshot.files.iter().map(|f| WireFile { n: f.name.clone(), b: STANDARD.encode(&f.bytes) }).collect(),
        t: snapshot.as_of,
        h: snapshot.host.clone(),
        a: snapshot.anchors.clone(),
        s: snapshot.strict,
    };
    let json = serde_json::to_vec(&wire).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads a fragment (with or without `#`). Anything malformed is `Err`
/// with a sentence to show; never a panic.
pub fn decode(fragment: &str) -> Result<Snapshot, String> {
    let body = fragment.trim_start_matches('#');
    let data = body.strip_prefix(PREFIX).ok_or_else(|| "This link does not hold certscope inputs.".to_string())?;
    let deflated = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| "The link is damaged (not base64url).".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|_| "The link is damaged or too large to restore.".to_string())?;
    let wire: Wire = serde_json::from_slice(&json).map_err(|_| "The link is damaged (bad contents).".to_string())?;
    let mut files = Vec::with_capacity(wire.f.len());
    for f in wire.f {
        let bytes = STANDARD.decode(f.b.as_bytes()).map_err(|_| format!("The link's file {:?} is damaged.", f.n))?;
        files.push(SnapshotFile { name: f.n, bytes });
    }
    Ok(Snapshot { paste: wire.p, files, as_of: wire.t, host: wire.h, anchors: wire.a, strict: wire.s })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real snapshot: the healthy example's chain, staple and anchor.
    fn sample() -> Snapshot {
        crate::examples::Example::Healthy.snapshot()
    }

    #[test]
    fn round_trips() {
        let s = sample();
        let frag = encode(&s);
        assert!(frag.starts_with(PREFIX));
        assert!(frag.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_=".contains(&c)), "{frag}");
        assert_eq!(decode(&frag).unwrap(), s);
        assert_eq!(decode(&format!("#{frag}")).unwrap(), s);
        assert_eq!(decode(&encode(&Snapshot::default())).unwrap(), Snapshot::default());
        let strict = Snapshot { strict: true, ..s };
        assert_eq!(decode(&encode(&strict)).unwrap(), strict);
    }

    #[test]
    fn compresses_pem() {
        let s = sample();
        let raw = s.paste.len() + s.files[0].bytes.len() + s.anchors.len();
        assert!(encode(&s).len() < raw, "{} >= {raw}", encode(&s).len());
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        for bad in ["", "#", "#v2=abc", "#v1=!!!", "#v1=AAAA", "#v1=", "v1=eJwrSS0uAQAEXQHB"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
        let frag = encode(&sample());
        let cut = &frag[..frag.len() / 2];
        assert!(decode(cut).is_err());
    }

    #[test]
    fn inflation_is_bounded() {
        let zeros = vec![b'0'; MAX_INFLATED + 1];
        let bomb = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&zeros, 9)));
        assert!(bomb.len() < 64 * 1024);
        assert!(decode(&bomb).is_err());
    }
}
