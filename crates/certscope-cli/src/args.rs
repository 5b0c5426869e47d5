//! The command line: every flag, its help line and its parsing.

use certscope::{parse_policy, ObjectIdentifier, Timestamp};
use std::ffi::OsString;
use std::path::PathBuf;

pub(crate) const USAGE: &str = "\
certscope — check a certificate chain, its OCSP response and CRLs, offline.

Usage: certscope [OPTIONS] [FILE]...
       certscope --connect HOST[:PORT] [OPTIONS]

Each FILE may hold PEM blocks, DER, a PKCS#7 bundle (.p7b), a PKCS#12 file
(.pfx, .p12), base64 of DER, OCSP responses, CRLs, or a whole `openssl
s_client -showcerts -status -msg` transcript, in any mix and order. A private
key among them is compared with the certificates (never printed). With no
FILE, or when FILE is -, read standard input.

Options:
      --at TIME         Check as of TIME: RFC 3339 (2026-06-07T12:00:00Z),
                        a date (2026-06-07) or @UNIX-SECONDS [default: now]
      --roots FILE      Also trust the certificates in FILE (repeatable)
      --no-system-roots Do not trust Mozilla's root store (built in)
      --host NAME       Check that the leaf covers this DNS name or IP address
      --ocsp FILE       Read FILE as an OCSP response, in any encoding (repeatable)
      --policy OID      Accept only this certificate policy (repeatable): dotted
                        OID, or DV, OV, IV, EV, anyPolicy [default: anyPolicy]
      --require-explicit-policy
                        The path must be valid for one of the --policy OIDs
      --inhibit-policy-mapping
                        Do not follow CAs' policy mappings
      --inhibit-any-policy
                        Do not honour anyPolicy in CA certificates
      --password-file FILE
                        Open PKCS#12 files with the password in FILE (its first
                        line); or set CERTSCOPE_PFX_PASSWORD. Never an argument
      --connect HOST[:PORT]
                        Connect to a live server (port 443 by default), ask
                        for a stapled OCSP response (TLS 1.3 or 1.2) and
                        check what it sends, as if its transcript were pasted
      --servername NAME The server name to send (SNI) with --connect, and to
                        check the leaf against [default: HOST]
      --fetch-ocsp      With --connect: when nothing is stapled, POST the OCSP
                        request to the leaf's responder (http:// only) and
                        check its answer too
      --timeout SECS    Time limit for each network step [default: 10]
      --max-depth N     Allow at most N intermediates between the leaf and the
                        trust anchor (self-issued ones do not count)
      --strict          Judge by RFC 5280 and the CA/B Forum profiles (as pyca
                        and Go do), not by what browsers accept today
      --json            Print the report as JSON (schema: docs/report.md)
      --markdown        Print the report as Markdown, for a support ticket
      --asn1            Print each object's ASN.1 tree (like openssl asn1parse
                        -i, with field names, decoded values and findings)
  -h, --help            Print this help
  -V, --version         Print the version

Exit status: 0 when no finding is an error, 1 when one is,
2 when the check could not run (bad option, unreadable file, or a
--connect that failed: unknown host, refused, timed out, TLS alert,
not a TLS server).
";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Format {
    #[default]
    Text,
    Json,
    Markdown,
    Asn1,
}

/// What to check and how to print it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Args {
    /// `-` is standard input; empty means standard input too.
    pub files: Vec<PathBuf>,
    /// `None` means now, read from the system clock by `main`.
    pub at: Option<Timestamp>,
    pub roots: Vec<PathBuf>,
    pub no_system_roots: bool,
    pub host: Option<String>,
    pub ocsp: Vec<PathBuf>,
    /// RFC 5280 §6.1.1 (c); empty means anyPolicy.
    pub policies: Vec<ObjectIdentifier>,
    pub require_explicit_policy: bool,
    pub inhibit_policy_mapping: bool,
    pub inhibit_any_policy: bool,
    /// The file holding a PFX password (`main` reads it).
    pub password_file: Option<PathBuf>,
    pub format: Format,
    /// `--connect HOST[:PORT]`, as given.
    pub connect: Option<String>,
    pub servername: Option<String>,
    pub fetch_ocsp: bool,
    /// Seconds; `None` means the default.
    pub timeout: Option<u64>,
    /// `--strict`: the strict profile instead of the browsers one.
    pub strict: bool,
    /// `--max-depth N`: at most N intermediates.
    pub max_depth: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Check(Box<Args>),
    Help,
    Version,
}

/// Parses the arguments after the program name.
pub(crate) fn parse<I>(argv: I) -> Result<Command, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(argv);
    let mut args = Args::default();
    let mut format_flag: Option<&'static str> = None;
    let mut set_format = |format: Format, flag: &'static str| -> Result<Format, String> {
        match format_flag.replace(flag) {
            Some(previous) if previous != flag => Err(format!("{previous} and {flag} cannot be used together")),
            _ => Ok(format),
        }
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("at") => {
                let text = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                let at = Timestamp::parse_rfc3339(&text).map_err(|e| format!("--at: {e}"))?;
                args.at = Some(at);
            }
            Long("roots") => args.roots.push(parser.value().map_err(|e| e.to_string())?.into()),
            Long("no-system-roots") => args.no_system_roots = true,
            Long("strict") => args.strict = true,
            Long("max-depth") => {
                let text = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                let n =
                    text.trim().parse::<usize>().map_err(|_| format!("--max-depth needs a number, not {text:?}"))?;
                args.max_depth = Some(n);
            }
            Long("host") => {
                let host = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                if host.trim().is_empty() {
                    return Err("--host needs a DNS name or IP address".to_string());
                }
                args.host = Some(host);
            }
            Long("ocsp") => args.ocsp.push(parser.value().map_err(|e| e.to_string())?.into()),
            Long("policy") => {
                let text = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                args.policies.push(parse_policy(&text).map_err(|e| format!("--policy: {e}"))?);
            }
            Long("require-explicit-policy") => args.require_explicit_policy = true,
            Long("inhibit-policy-mapping") => args.inhibit_policy_mapping = true,
            Long("inhibit-any-policy") => args.inhibit_any_policy = true,
            Long("password-file") => args.password_file = Some(parser.value().map_err(|e| e.to_string())?.into()),
            // A password argument shows in `ps` and shell history.
            Long("password") | Long("passin") | Long("pass") => {
                return Err("a password is never taken as an argument (other users see it in ps, and shell history keeps it): use --password-file FILE or the CERTSCOPE_PFX_PASSWORD environment variable".to_string());
            }
            Long("connect") => {
                let target = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                if target.trim().is_empty() {
                    return Err("--connect needs HOST or HOST:PORT".to_string());
                }
                args.connect = Some(target);
            }
            Long("servername") => {
                let name = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                if name.trim().is_empty() {
                    return Err("--servername needs a DNS name".to_string());
                }
                args.servername = Some(name);
            }
            Long("fetch-ocsp") => args.fetch_ocsp = true,
            Long("timeout") => {
                let text = parser.value().and_then(|v| v.string()).map_err(|e| e.to_string())?;
                match text.parse::<u64>() {
                    Ok(secs @ 1..=300) => args.timeout = Some(secs),
                    _ => return Err(format!("--timeout {text:?}: expected whole seconds from 1 to 300")),
                }
            }
            Long("json") => args.format = set_format(Format::Json, "--json")?,
            Long("markdown") => args.format = set_format(Format::Markdown, "--markdown")?,
            Long("asn1") => args.format = set_format(Format::Asn1, "--asn1")?,
            Value(file) => args.files.push(file.into()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if args.connect.is_none() {
        for (set, flag) in [
            (args.servername.is_some(), "--servername"),
            (args.fetch_ocsp, "--fetch-ocsp"),
            (args.timeout.is_some(), "--timeout"),
        ] {
            if set {
                return Err(format!("{flag} works only with --connect"));
            }
        }
    } else if !args.files.is_empty() {
        return Err("--connect checks a live server: name no FILE with it".to_string());
    }
    Ok(Command::Check(Box::new(args)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(argv: &[&str]) -> Args {
        match parse(argv.iter().copied()) {
            Ok(Command::Check(args)) => *args,
            other => panic!("{argv:?} gave {other:?}"),
        }
    }

    #[test]
    fn no_arguments_reads_stdin_as_text_now() {
        assert_eq!(check(&[]), Args::default());
    }

    #[test]
    fn every_flag_lands_in_its_field() {
        let args = check(&[
            "--at",
            "2025-02-25T00:00:00Z",
            "--roots=a.pem",
            "--roots",
            "b.der",
            "--no-system-roots",
            "--strict",
            "--max-depth",
            "2",
            "--host",
            "example.com",
            "--ocsp",
            "resp.der",
            "--policy",
            "DV",
            "--policy=1.2.3.4",
            "--require-explicit-policy",
            "--inhibit-policy-mapping",
            "--inhibit-any-policy",
            "--json",
            "chain.pem",
            "-",
        ]);
        assert_eq!(args.at, Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").ok());
        assert_eq!(args.roots, [PathBuf::from("a.pem"), PathBuf::from("b.der")]);
        assert!(args.no_system_roots);
        assert!(args.strict);
        assert_eq!(args.max_depth, Some(2));
        assert_eq!(args.host.as_deref(), Some("example.com"));
        assert_eq!(args.ocsp, [PathBuf::from("resp.der")]);
        let policies: Vec<String> = args.policies.iter().map(|p| p.to_string()).collect();
        assert_eq!(policies, ["2.23.140.1.2.1", "1.2.3.4"]);
        assert!(args.require_explicit_policy && args.inhibit_policy_mapping && args.inhibit_any_policy);
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.files, [PathBuf::from("chain.pem"), PathBuf::from("-")]);
    }

    #[test]
    fn connect_flags() {
        let args = check(&[
            "--connect",
            "example.com:8443",
            "--servername",
            "www.example.com",
            "--fetch-ocsp",
            "--timeout",
            "3",
        ]);
        assert_eq!(args.connect.as_deref(), Some("example.com:8443"));
        assert_eq!(args.servername.as_deref(), Some("www.example.com"));
        assert!(args.fetch_ocsp);
        assert_eq!(args.timeout, Some(3));
    }

    #[test]
    fn double_dash_ends_options() {
        assert_eq!(check(&["--", "--json"]).files, [PathBuf::from("--json")]);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for argv in [
            &["--bogus"][..],
            &["--at"],
            &["--at", "yesterday"],
            &["--host", ""],
            &["--json", "--markdown"],
            &["--roots"],
            &["--policy", "domain-validated"],
            &["--policy"],
            &["-x"],
            &["--connect", ""],
            &["--servername", "a.example"],
            &["--fetch-ocsp"],
            &["--connect", "a.example", "--timeout", "0"],
            &["--connect", "a.example", "chain.pem"],
        ] {
            assert!(parse(argv.iter().copied()).is_err(), "{argv:?}");
        }
    }

    #[test]
    fn help_and_version_win() {
        assert_eq!(parse(["chain.pem", "--help"]), Ok(Command::Help));
        assert_eq!(parse(["-V"]), Ok(Command::Version));
    }
}
