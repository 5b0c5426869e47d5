//! Runs printed capture commands the way a user pastes them into a shell,
//! with harmless stand-ins: `sh -c` in an empty directory, with stub
//! `openssl` and `curl` first on PATH that only record their argv. The rest
//! of PATH stays, so an injected `touch MARK` would really run and leave a
//! file behind; nothing destructive is ever in the payloads.
//!
//! Shared by tests/commands.rs and certscope-cli's tests/commands.rs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Each metacharacter the issue names, in a payload that leaves a file
/// named MARK behind if a shell ever reads it as syntax (or, for the space,
/// splits one argument in two).
pub const PAYLOADS: &[&str] = &[
    "$(touch MARK)",
    "`touch MARK`",
    "x;touch MARK",
    "x|touch MARK",
    "x&&touch MARK",
    "x'$(touch MARK)'",
    "x\"$(touch MARK)\"",
    "x\ntouch MARK",
    "x touch MARK",
    "x>MARK",
    "x';touch MARK;'",
];

/// Closes a Markdown fence from inside, as the issue's attack did: a
/// backtick fence makes the old renderer pick `~~~~`, which the next line
/// then closes; a longer backtick run closes a fence of four backticks.
pub const FENCE_BREAKER: &str = "```\n~~~~\n# INJECTED\n``````\n";

/// Valid as URL path characters (RFC 3986 §3.3), but shell syntax: only
/// quoting keeps them one argument.
pub const META_BUT_VALID_URL: &str = "http://ocsp.example.com/a;b&c(d)*e!f+g,h=i:@j";

/// What one shell run did.
pub struct Run {
    /// Each stub invocation: program name, then its arguments.
    pub calls: Vec<Vec<String>>,
    /// Files the commands left in their (initially empty) directory.
    pub left_behind: Vec<String>,
}

const STUB: &str = "#!/bin/sh\n\
# Records its name and arguments (NUL-separated, RS-terminated); runs nothing.\n\
printf '%s\\0' \"${0##*/}\" \"$@\" >> \"$CERTSCOPE_STUB_LOG\"\n\
printf '\\036' >> \"$CERTSCOPE_STUB_LOG\"\n\
cat > /dev/null 2>&1 || true\n";

fn fresh_dir(base: &Path) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = base.join(format!("shell-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `commands` (one per line, as printed) under `sh -c` in a fresh
/// directory below `base`.
pub fn run(base: &Path, commands: &[String]) -> Run {
    let root = fresh_dir(base);
    let (bin, work, log) = (root.join("bin"), root.join("work"), root.join("calls.log"));
    std::fs::create_dir_all(&bin).expect("bin dir");
    std::fs::create_dir_all(&work).expect("work dir");
    for tool in ["openssl", "curl"] {
        let path = bin.join(tool);
        std::fs::write(&path, STUB).expect("stub");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    std::fs::write(&log, b"").expect("log");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let status = Command::new("sh")
        .arg("-c")
        .arg(commands.join("\n"))
        .current_dir(&work)
        .env("PATH", path)
        .env("CERTSCOPE_STUB_LOG", &log)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run sh");
    let _ = status;
    let raw = std::fs::read(&log).expect("read log");
    let calls = raw
        .split(|&b| b == 0x1e)
        .filter(|call| !call.is_empty())
        .map(|call| {
            let call = call.strip_suffix(&[0]).unwrap_or(call);
            call.split(|&b| b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect()
        })
        .collect();
    let mut left_behind: Vec<String> = std::fs::read_dir(&work)
        .expect("read work dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left_behind.sort();
    let _ = std::fs::remove_dir_all(&root);
    Run { calls, left_behind }
}

/// The argv each capture command should hand its program, with the values
/// as single arguments: `urls` are the accepted OCSP URLs, `gets` their GET
/// forms, `host` the `s_client` name (None: no s_client command).
pub fn expected_calls(urls: &[&str], gets: &[&str], host: Option<&str>) -> Vec<Vec<String>> {
    let v = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    let mut out = Vec::new();
    for (url, get) in urls.iter().zip(gets) {
        out.push(v(&[
            "openssl",
            "ocsp",
            "-issuer",
            "issuer.pem",
            "-cert",
            "leaf.pem",
            "-url",
            url,
            "-respout",
            "resp.der",
            "-noverify",
        ]));
        out.push(v(&["curl", "-s", "-o", "resp.der", get]));
        out.push(v(&["openssl", "base64", "-d", "-A", "-out", "req.der"]));
        out.push(v(&[
            "curl",
            "-s",
            "-o",
            "resp.der",
            "--data-binary",
            "@req.der",
            "-H",
            "Content-Type: application/ocsp-request",
            url,
        ]));
    }
    if let Some(h) = host {
        let connect = if h.contains(':') { format!("[{h}]:443") } else { format!("{h}:443") };
        out.push(v(&["openssl", "s_client", "-connect", &connect, "-servername", h, "-showcerts", "-status", "-msg"]));
    }
    out
}

/// A Markdown document split as a CommonMark renderer splits it.
pub struct Markdown {
    /// Each fenced block's lines, and whether a closing fence ended it.
    pub blocks: Vec<(Vec<String>, bool)>,
    /// The lines outside fenced blocks.
    pub outside: Vec<String>,
}

/// A fence line (CommonMark 0.31 §4.5): up to three spaces, then three or
/// more backticks or tildes; returns the character, the run's length and
/// whether nothing but spaces follows.
fn fence_of(line: &str) -> Option<(char, usize, bool)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.chars().take_while(|c| *c == ch).count();
    let rest = &trimmed[n..];
    // An info string after a backtick fence may not hold backticks.
    if n < 3 || (ch == '`' && rest.contains('`')) {
        return None;
    }
    Some((ch, n, rest.trim().is_empty()))
}

/// Splits `markdown` into fenced blocks and the rest. A block is closed by
/// a line of its own character at least as long as its opener, or left
/// open to the end of the document.
pub fn scan(markdown: &str) -> Markdown {
    let mut doc = Markdown { blocks: Vec::new(), outside: Vec::new() };
    let mut open: Option<(char, usize, Vec<String>)> = None;
    for line in markdown.lines() {
        match open.take() {
            None => match fence_of(line) {
                Some((ch, n, _)) => open = Some((ch, n, Vec::new())),
                None => doc.outside.push(line.to_string()),
            },
            Some((ch, n, mut body)) => match fence_of(line) {
                Some((c, m, true)) if c == ch && m >= n => doc.blocks.push((body, true)),
                _ => {
                    body.push(line.to_string());
                    open = Some((ch, n, body));
                }
            },
        }
    }
    if let Some((_, _, body)) = open {
        doc.blocks.push((body, false));
    }
    doc
}
