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
use certscope::Limits;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// Fragment prefix; bump the version if the JSON changes incompatibly.
pub const PREFIX: &str = "v1=";

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

/// A decoded link: what it restores, and how many of its files were left
/// out because it named more than the core takes (`Limits::max_inputs`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Decoded {
    pub snapshot: Snapshot,
    pub files_left_out: usize,
}

/// What a link may hold, from the core's own limits: a stranger's link
/// must not make the page inflate, parse or render more than a person
/// could paste and drop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkLimits {
    /// Bytes of JSON after inflating (a deflate bomb stops here):
    /// `Limits::max_input_bytes`.
    pub max_inflated: usize,
    /// Files kept; the rest are counted, not decoded: `Limits::max_inputs`.
    pub max_files: usize,
}

impl Default for LinkLimits {
    fn default() -> Self {
        let core = Limits::default();
        LinkLimits { max_inflated: core.max_input_bytes, max_files: core.max_inputs }
    }
}

#[derive(Serialize)]
struct WireOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    p: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    f: Vec<WireFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<i64>,
    #[serde(skip_serializing_if = "str::is_empty")]
    h: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    a: &'a str,
    /// The strict profile; absent (false) in older links.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    s: bool,
}

/// The JSON as read, by [`WireSeed`].
#[derive(Default)]
struct WireIn {
    p: String,
    kept: Vec<WireFile>,
    /// Files past the cap: counted while skipping, never decoded.
    left_out: usize,
    t: Option<i64>,
    h: String,
    a: String,
    s: bool,
}

#[derive(Serialize, Deserialize)]
struct WireFile {
    n: String,
    b: String,
}

/// Reads the link's JSON keeping at most `max_files` files: 520,000 empty
/// files fit in a 21.6 KB fragment, and each would be a chip and an input.
struct WireSeed {
    max_files: usize,
}

impl<'de> DeserializeSeed<'de> for WireSeed {
    type Value = WireIn;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<WireIn, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WireSeed {
    type Value = WireIn;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("certscope's permalink object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireIn, A::Error> {
        let mut wire = WireIn::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "p" => wire.p = map.next_value()?,
                "f" => (wire.kept, wire.left_out) = map.next_value_seed(FilesSeed { max_files: self.max_files })?,
                "t" => wire.t = map.next_value()?,
                "h" => wire.h = map.next_value()?,
                "a" => wire.a = map.next_value()?,
                "s" => wire.s = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(wire)
    }
}

/// The `f` list: the first `max_files` entries, and how many followed.
struct FilesSeed {
    max_files: usize,
}

impl<'de> DeserializeSeed<'de> for FilesSeed {
    type Value = (Vec<WireFile>, usize);
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FilesSeed {
    type Value = (Vec<WireFile>, usize);
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of files")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut kept = Vec::new();
        while kept.len() < self.max_files {
            match seq.next_element::<WireFile>()? {
                Some(file) => kept.push(file),
                None => return Ok((kept, 0)),
            }
        }
        let mut left_out = 0usize;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            left_out += 1;
        }
        Ok((kept, left_out))
    }
}

/// The fragment (without `#`) for a snapshot.
pub fn encode(snapshot: &Snapshot) -> String {
    // A private key never goes into a link, whoever calls this.
    let (snapshot, _) = without_private_keys(snapshot);
    let wire = WireOut {
        p: &snapshot.paste,
        f: snapshot.files.iter().map(|f| WireFile { n: f.name.clone(), b: STANDARD.encode(&f.bytes) }).collect(),
        t: snapshot.as_of,
        h: &snapshot.host,
        a: &snapshot.anchors,
        s: snapshot.strict,
    };
    fragment_of(&serde_json::to_vec(&wire).unwrap_or_default())
}

/// The fragment that carries `json`: deflated, base64url, after the prefix.
pub(crate) fn fragment_of(json: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The snapshot with every private key taken out (the core finds them as
/// `analyze` would): key blocks cut from the paste and the anchors, a
/// file that is a key left out. Returns how many keys were taken out, for
/// the note the page shows.
pub fn without_private_keys(snapshot: &Snapshot) -> (Snapshot, usize) {
    let mut removed = 0;
    let mut text = |t: &str| {
        let r = certscope::redact_private_keys(t.as_bytes());
        removed += r.keys_removed;
        String::from_utf8(r.bytes).unwrap_or_default()
    };
    let paste = text(&snapshot.paste);
    let anchors = text(&snapshot.anchors);
    let mut files = Vec::new();
    for f in &snapshot.files {
        let r = certscope::redact_private_keys(&f.bytes);
        removed += r.keys_removed;
        // A file that was only a key goes, rather than come back empty.
        let only_key = r.keys_removed > 0 && r.bytes.iter().all(u8::is_ascii_whitespace);
        if !r.dropped_whole && !only_key {
            files.push(SnapshotFile { name: f.name.clone(), bytes: r.bytes });
        }
    }
    (Snapshot { paste, files, anchors, ..snapshot.clone() }, removed)
}

/// Reads a fragment (with or without `#`) within the core's default limits.
/// Anything malformed is `Err` with a sentence to show; never a panic.
pub fn decode(fragment: &str) -> Result<Decoded, String> {
    decode_within(fragment, LinkLimits::default())
}

pub fn decode_within(fragment: &str, limits: LinkLimits) -> Result<Decoded, String> {
    let body = fragment.trim_start_matches('#');
    let data = body.strip_prefix(PREFIX).ok_or_else(|| "This link does not hold certscope inputs.".to_string())?;
    let deflated = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| "The link is damaged (not base64url).".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, limits.max_inflated).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            format!(
                "The link was not opened: it unpacks to more than {} MB, the most certscope reads.",
                limits.max_inflated / (1024 * 1024)
            )
        } else {
            "The link is damaged and could not be unpacked.".to_string()
        }
    })?;
    let mut json = serde_json::Deserializer::from_slice(&json);
    let wire = WireSeed { max_files: limits.max_files }
        .deserialize(&mut json)
        .and_then(|wire| json.end().map(|()| wire))
        .map_err(|_| "The link is damaged (bad contents).".to_string())?;
    let mut files = Vec::with_capacity(wire.kept.len());
    for f in wire.kept {
        let bytes = STANDARD.decode(f.b.as_bytes()).map_err(|_| format!("The link's file {:?} is damaged.", f.n))?;
        files.push(SnapshotFile { name: f.n, bytes });
    }
    Ok(Decoded {
        snapshot: Snapshot { paste: wire.p, files, as_of: wire.t, host: wire.h, anchors: wire.a, strict: wire.s },
        files_left_out: wire.left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real snapshot: the healthy example's chain, staple and anchor.
    fn sample() -> Snapshot {
        crate::examples::Example::Healthy.snapshot()
    }

    fn decoded(fragment: &str) -> Snapshot {
        let d = decode(fragment).unwrap();
        assert_eq!(d.files_left_out, 0);
        d.snapshot
    }

    fn key_fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/crates/certscope/tests/data/keys/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn no_key_byte_reaches_a_permalink() {
        let cert = String::from_utf8(key_fixture("rsa.crt")).unwrap();
        let key = String::from_utf8(key_fixture("rsa.pkcs1.key")).unwrap();
        let ec_key = key_fixture("ec256.key");
        let snapshot = Snapshot {
            paste: format!("{key}{cert}"),
            files: vec![
                SnapshotFile { name: "server.key".into(), bytes: ec_key.clone() },
                SnapshotFile { name: "server.crt".into(), bytes: cert.clone().into_bytes() },
            ],
            ..Snapshot::default()
        };
        let (_, removed) = without_private_keys(&snapshot);
        assert_eq!(removed, 2);
        let link = encode(&snapshot);
        let back = decoded(&link);
        assert_eq!(back.paste, cert);
        // A file that was only a key is left out.
        let names: Vec<&str> = back.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["server.crt"]);
        let all = format!("{}{:?}", back.paste, back.files);
        let key_text = format!("{key}{}", String::from_utf8(ec_key).unwrap());
        for line in key_text.lines().filter(|l| !l.starts_with("-----") && l.len() > 16) {
            assert!(!all.contains(line), "a key line reached the permalink");
        }
    }

    /// A link as anyone could write it: `json`, deflated and base64url'd.
    fn link(json: &[u8]) -> String {
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 9)))
    }

    #[test]
    fn round_trips() {
        let s = sample();
        let frag = encode(&s);
        assert!(frag.starts_with(PREFIX));
        assert!(frag.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_=".contains(&c)), "{frag}");
        assert_eq!(decoded(&frag), s);
        assert_eq!(decoded(&format!("#{frag}")), s);
        assert_eq!(decoded(&encode(&Snapshot::default())), Snapshot::default());
        let strict = Snapshot { strict: true, ..s };
        assert_eq!(decoded(&encode(&strict)), strict);
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
    fn inflation_stops_at_the_cores_input_limit() {
        let max = Limits::default().max_input_bytes;
        assert_eq!(LinkLimits::default().max_inflated, max);
        // A deflate bomb: 8 MiB + 1 of JSON from a fragment of a few KB.
        let mut json = br#"{"p":""#.to_vec();
        json.resize(max + 1 - 2, b'0');
        json.extend_from_slice(br#""}"#);
        let bomb = link(&json);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let err = decode(&bomb).unwrap_err();
        assert!(err.contains("more than 8 MB"), "{err}");
        // One byte less is restored.
        let mut json = br#"{"p":""#.to_vec();
        json.resize(max - 2, b'0');
        json.extend_from_slice(br#""}"#);
        assert_eq!(decoded(&link(&json)).paste.len(), max - 8);
        // A small cap stops a small link the same way.
        let limits = LinkLimits { max_inflated: 100, ..LinkLimits::default() };
        assert!(decode_within(&encode(&sample()), limits).is_err());
    }

    #[test]
    fn a_link_keeps_at_most_max_inputs_files_and_counts_the_rest() {
        let max = Limits::default().max_inputs;
        assert_eq!(LinkLimits::default().max_files, max);
        // The issue's shape: 100,000 empty files (named here, to see which are kept).
        let mut json = br#"{"p":"pasted","f":["#.to_vec();
        for i in 0..100_000 {
            if i > 0 {
                json.push(b',');
            }
            json.extend_from_slice(format!(r#"{{"n":"f{i}","b":""}}"#).as_bytes());
        }
        json.extend_from_slice(br#"],"h":"example.com"}"#);
        let d = decode(&link(&json)).unwrap();
        assert_eq!(d.snapshot.files.len(), max);
        assert_eq!(d.files_left_out, 100_000 - max);
        assert_eq!(d.snapshot.files[0].name, "f0");
        assert_eq!(d.snapshot.files[max - 1].name, format!("f{}", max - 1));
        // Fields after the list are still read.
        assert_eq!(d.snapshot.paste, "pasted");
        assert_eq!(d.snapshot.host, "example.com");
        // Exactly the cap is no loss; one more is one left out.
        let files = |n: usize| {
            let list: Vec<String> = (0..n).map(|i| format!(r#"{{"n":"{i}","b":"AA=="}}"#)).collect();
            link(format!(r#"{{"f":[{}]}}"#, list.join(",")).as_bytes())
        };
        let d = decode(&files(max)).unwrap();
        assert_eq!((d.snapshot.files.len(), d.files_left_out), (max, 0));
        assert_eq!(d.snapshot.files[0].bytes, vec![0]);
        let d = decode(&files(max + 1)).unwrap();
        assert_eq!((d.snapshot.files.len(), d.files_left_out), (max, 1));
        let d = decode_within(&files(10), LinkLimits { max_files: 3, ..LinkLimits::default() }).unwrap();
        assert_eq!((d.snapshot.files.len(), d.files_left_out), (3, 7));
    }

    #[test]
    fn skipped_files_must_still_be_well_formed_json() {
        let max = Limits::default().max_inputs;
        let list: Vec<&str> = std::iter::repeat_n(r#"{"n":"","b":""}"#, max).collect();
        let json = format!(r#"{{"f":[{}, {{"n": ]}}"#, list.join(","));
        assert!(decode(&link(json.as_bytes())).is_err());
        let json = format!(r#"{{"f":[{}]}} trailing"#, list.join(","));
        assert!(decode(&link(json.as_bytes())).is_err());
        // Unknown keys are skipped, as serde's derive did.
        assert_eq!(decoded(&link(br#"{"p":"x","z":[1,{"q":2}]}"#)).paste, "x");
    }
}
