//! Values that may enter a capture command, and the quoting that puts them
//! there.
//!
//! The OCSP URL comes from the certificate's Authority Information Access
//! and the host from its SAN (or the user's `--host`): text anyone can put
//! in a certificate or a server can send in a handshake. People paste the
//! capture commands into a shell, so each value must be one plain, inert
//! word. Two layers:
//!
//! 1. A value enters a command only as a [`CommandUrl`] or [`CommandHost`],
//!    which only their validating constructors build: a plain
//!    `http(s)://host[:port][/path]` URL (RFC 3986 §3) and a DNS name in
//!    LDH syntax (RFC 1123 §2.1, RFC 5280 §4.2.1.6) or an IP address.
//!    Anything else gets no command, and `capture` reports why
//!    (`capture-url-refused`, `capture-host-refused`).
//! 2. Even a valid value is written as one POSIX single-quoted word
//!    ([`ShellWord`]), since RFC 3986 path characters include `;`, `&`,
//!    `(`, `)` and `*`, which a shell reads as syntax.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One argument for a POSIX shell, single-quoted (POSIX.1-2017 XCU §2.2.2:
/// inside single quotes every character is literal; a quote itself is
/// written as `'\''`). Built from a [`CommandUrl`], a [`CommandHost`] or
/// a [`RequestBase64`] only.
pub(crate) struct ShellWord(String);

impl ShellWord {
    fn quote(text: &str) -> Self {
        ShellWord(format!("'{}'", text.replace('\'', r"'\''")))
    }
}

impl fmt::Display for ShellWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The OCSP request in base64: certscope's own text, quoted all the same
/// so that every value in a command goes through [`ShellWord`].
pub(crate) struct RequestBase64(pub String);

impl RequestBase64 {
    pub(crate) fn shell(&self) -> ShellWord {
        ShellWord::quote(&self.0)
    }
}

/// Why a URL gets no command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    NotHttp,
    Userinfo,
    BadHost,
    BadPort,
    QueryOrFragment,
    BadPathCharacter(char),
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::NotHttp => f.write_str("it does not start with http:// or https://"),
            UrlProblem::Userinfo => f.write_str("it carries a user name or password (userinfo)"),
            UrlProblem::BadHost => f.write_str("its host is not a DNS name or an IP address"),
            UrlProblem::BadPort => f.write_str("its port is not a number from 1 to 65535"),
            UrlProblem::QueryOrFragment => f.write_str("it has a query or fragment, which an OCSP URL does not use"),
            UrlProblem::BadPathCharacter(c) => {
                write!(f, "its path holds {}, which a plain URL path does not", CharName(*c))
            }
        }
    }
}

/// Names a character so that a control character or quote is visible in a
/// sentence: `U+000A`, `'$'`.
struct CharName(char);

impl fmt::Display for CharName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if c.is_ascii_graphic() {
            write!(f, "the character {c:?}")
        } else {
            write!(f, "the character U+{:04X}", c as u32)
        }
    }
}

/// An OCSP responder URL that may go into a command: `http` or `https`, a
/// DNS name or IP literal, an optional port, a path of plain characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CommandUrl(String);

impl CommandUrl {
    /// RFC 3986 §3: `scheme "://" authority path-abempty`, restricted to
    /// what an OCSP responder URL needs (RFC 5019 §2.1.1: plain HTTP GET/POST).
    pub(crate) fn parse(text: &str) -> Result<Self, UrlProblem> {
        let rest = strip_http_scheme(text).ok_or(UrlProblem::NotHttp)?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(UrlProblem::Userinfo);
        }
        check_authority(authority)?;
        check_path(path)?;
        Ok(CommandUrl(text.to_string()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL as one quoted shell word.
    pub(crate) fn shell(&self) -> ShellWord {
        ShellWord::quote(&self.0)
    }

    /// This URL with one more path segment, `raw` percent-encoded outside
    /// RFC 3986's unreserved set (so `+`, `/` and `=` of base64 survive
    /// every HTTP stack): still a plain URL.
    pub(crate) fn with_segment(&self, raw: &str) -> CommandUrl {
        let sep = if self.0.ends_with('/') { "" } else { "/" };
        let mut out = format!("{}{sep}", self.0);
        for b in raw.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        CommandUrl(out)
    }
}

/// RFC 3986 §3.1: the scheme is case-insensitive.
fn strip_http_scheme(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once("://")?;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(rest)
}

/// RFC 3986 §3.2.2–3.2.3: `host [":" port]`, the host a reg-name in DNS
/// syntax, an IPv4 address or a bracketed IPv6 literal.
fn check_authority(authority: &str) -> Result<(), UrlProblem> {
    // An IPv6 literal ends at `]`; the port follows the first `:` after it.
    let (literal, rest) = match authority.find(']') {
        Some(i) => authority.split_at(i + 1),
        None => ("", authority),
    };
    let (name, port) = match rest.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (rest, None),
    };
    let host_ok = match literal.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => name.is_empty() && v6.parse::<Ipv6Addr>().is_ok(),
        None => literal.is_empty() && (is_dns_name(name) || name.parse::<Ipv4Addr>().is_ok()),
    };
    if !host_ok || port.is_some_and(|p| p.contains(':')) {
        return Err(UrlProblem::BadHost);
    }
    match port {
        Some(p) if !is_port(p) => Err(UrlProblem::BadPort),
        _ => Ok(()),
    }
}

/// A TCP port, 1–65535, in decimal digits only.
fn is_port(text: &str) -> bool {
    text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit()) && matches!(text.parse::<u32>(), Ok(1..=65535))
}

/// RFC 3986 §3.3 `path-abempty`: `/` and pchar (unreserved, pct-encoded,
/// sub-delims, `:`, `@`), less `$` and `'`, which no responder URL needs and
/// which mean most to a shell. No query or fragment (§3.4, §3.5).
fn check_path(path: &str) -> Result<(), UrlProblem> {
    let bytes = path.as_bytes();
    for (i, c) in path.char_indices() {
        match c {
            '?' | '#' => return Err(UrlProblem::QueryOrFragment),
            '%' => {
                let hex = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(1) && hex(2)) {
                    return Err(UrlProblem::BadPathCharacter('%'));
                }
            }
            'A'..='Z' | 'a'..='z' | '0'..='9' => {}
            '-' | '.' | '_' | '~' | '/' | ':' | '@' | '!' | '&' | '(' | ')' | '*' | '+' | ',' | ';' | '=' => {}
            other => return Err(UrlProblem::BadPathCharacter(other)),
        }
    }
    Ok(())
}

/// RFC 1123 §2.1 / RFC 5280 §4.2.1.6 preferred name syntax: labels of
/// letters, digits and inner hyphens, 1–63 octets each, 253 in all, with
/// at most one trailing dot (a fully qualified name).
pub(crate) fn is_dns_name(text: &str) -> bool {
    let name = text.strip_suffix('.').unwrap_or(text);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// Why a host gets no command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HostProblem;

impl fmt::Display for HostProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("it is neither a DNS name (letters, digits, hyphens and dots) nor an IP address")
    }
}

/// A server name that may go into `openssl s_client`: a DNS name or an IP
/// address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CommandHost {
    Dns(String),
    Ip(IpAddr),
    /// No name known: the user fills in `HOST`.
    Placeholder,
}

impl CommandHost {
    /// An IPv6 address may come bracketed, as in a URL.
    pub(crate) fn parse(text: &str) -> Result<Self, HostProblem> {
        let bare = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return Ok(CommandHost::Ip(ip));
        }
        if is_dns_name(text) {
            return Ok(CommandHost::Dns(text.to_string()));
        }
        Err(HostProblem)
    }

    /// `-servername`'s argument, quoted.
    pub(crate) fn shell_name(&self) -> ShellWord {
        ShellWord::quote(&self.name())
    }

    /// `-connect`'s argument for `port`, quoted.
    pub(crate) fn shell_connect(&self, port: u16) -> ShellWord {
        ShellWord::quote(&self.connect(port))
    }

    /// The name as `-servername` takes it.
    fn name(&self) -> String {
        match self {
            CommandHost::Dns(name) => name.clone(),
            CommandHost::Ip(ip) => ip.to_string(),
            CommandHost::Placeholder => "HOST".to_string(),
        }
    }

    /// `host:443` as `-connect` takes it (an IPv6 address in brackets).
    fn connect(&self, port: u16) -> String {
        match self {
            CommandHost::Ip(IpAddr::V6(ip)) => format!("[{ip}]:{port}"),
            other => format!("{}:{port}", other.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_word_quotes_everything_and_escapes_quotes() {
        let quote = |s: &str| ShellWord::quote(s).to_string();
        assert_eq!(quote("a'b"), r"'a'\''b'");
        assert_eq!(quote("$(x)`y`;|&"), "'$(x)`y`;|&'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("'"), r"''\'''");
    }

    #[test]
    fn a_segment_keeps_the_url_plain() {
        let url = CommandUrl::parse("http://ocsp.example.com").unwrap();
        let get = url.with_segment("MEow+/A= $'`");
        assert_eq!(get.as_str(), "http://ocsp.example.com/MEow%2B%2FA%3D%20%24%27%60");
        assert_eq!(CommandUrl::parse(get.as_str()), Ok(get));
    }

    #[test]
    fn plain_ocsp_urls_are_accepted() {
        for url in [
            "http://ocsp.comodoca.com",
            "http://ocsp.int-x3.letsencrypt.org/",
            "HTTP://OCSP.EXAMPLE.COM:8080/path/x",
            "https://r3.o.lencr.org",
            "http://192.0.2.1/ocsp",
            "http://[2001:db8::1]:80/ocsp",
            "http://[::1]",
            "http://ocsp.example.com/a%20b;c=d&e(f)*!+,@:",
            "http://ocsp.example.com./",
        ] {
            assert!(CommandUrl::parse(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn urls_with_shell_syntax_or_odd_parts_are_refused() {
        use UrlProblem::*;
        for (url, why) in [
            ("javascript:alert(1)", NotHttp),
            ("ftp://ocsp.example.com", NotHttp),
            ("http://user:pw@ocsp.example.com/", Userinfo),
            ("http://ocsp.example.com/$(touch MARK)", BadPathCharacter('$')),
            ("http://ocsp.example.com/`touch MARK`", BadPathCharacter('`')),
            ("http://ocsp.example.com/a'b", BadPathCharacter('\'')),
            ("http://ocsp.example.com/a\"b", BadPathCharacter('"')),
            ("http://ocsp.example.com/a b", BadPathCharacter(' ')),
            ("http://ocsp.example.com/a\nb", BadPathCharacter('\n')),
            ("http://ocsp.example.com/a|b", BadPathCharacter('|')),
            ("http://ocsp.example.com/a>b", BadPathCharacter('>')),
            ("http://ocsp.example.com/a%2", BadPathCharacter('%')),
            ("http://ocsp.example.com/?q=1", QueryOrFragment),
            ("http://ocsp.example.com/#x", QueryOrFragment),
            ("http://$(touch MARK)/", BadHost),
            ("http://ocsp.example.com;touch/", BadHost),
            ("http://-bad.example.com/", BadHost),
            ("http:///path", BadHost),
            ("http://[::1/", BadHost),
            ("http://ocsp.example.com:0/", BadPort),
            ("http://ocsp.example.com:65536/", BadPort),
            ("http://ocsp.example.com:/", BadPort),
            ("http://ocsp.example.com:+80/", BadPort),
        ] {
            assert_eq!(CommandUrl::parse(url), Err(why), "{url:?}");
        }
    }

    #[test]
    fn hosts_are_dns_names_or_ip_addresses() {
        for ok in ["example.com", "a-b.example", "localhost", "192.0.2.1", "2001:db8::1", "[2001:db8::1]", "x.com."] {
            assert!(CommandHost::parse(ok).is_ok(), "{ok}");
        }
        let long_label = format!("{}.com", "a".repeat(64));
        for bad in [
            "",
            ".",
            "*.example.com",
            "a..b",
            "-a.com",
            "a-.com",
            "a b",
            "$(touch MARK)",
            "a;b",
            "a\nb",
            "é.com",
            long_label.as_str(),
        ] {
            assert_eq!(CommandHost::parse(bad), Err(HostProblem), "{bad:?}");
        }
    }

    #[test]
    fn ipv6_connects_in_brackets() {
        assert_eq!(CommandHost::parse("2001:db8::1").unwrap().connect(443), "[2001:db8::1]:443");
        assert_eq!(CommandHost::parse("example.com").unwrap().connect(443), "example.com:443");
    }
}
