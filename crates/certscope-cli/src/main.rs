//! `certscope`: the core on the command line.
//!
//! Glue only: parse the flags, read the files, call [`certscope::analyze`],
//! print the report. Every decision about certificates lives in the core, so
//! the CLI, the web app and the JSON contract always agree. The one thing
//! only the CLI does is read the clock, for the default `--at`.
//!
//! Exit status (as ripgrep and grep do it): 0 when no finding is an error,
//! 1 when one is, 2 when the check could not run.

#![forbid(unsafe_code)]

mod args;
#[cfg(feature = "net")]
mod net;

use args::{Command, Format};
use certscope::report::render::{render_markdown, render_text};
use certscope::report::Verdict;
use certscope::{Input, Options, Timestamp};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1)) {
        Ok(code) => code,
        // `certscope … | head` closing the pipe early is not a failure.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("certscope: {failure}");
            if matches!(failure, Failure::Usage(_)) {
                eprintln!("Try 'certscope --help' for more information.");
            }
            ExitCode::from(2)
        }
    }
}

/// Why the check could not run (exit status 2).
enum Failure {
    /// A bad flag or flag value.
    Usage(String),
    /// A file that could not be read.
    Read(String),
    /// `--connect` or `--fetch-ocsp` failed: DNS, refused, timeout, TLS.
    Network(String),
    /// Standard output went away or failed.
    Output(io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(msg) | Failure::Read(msg) | Failure::Network(msg) => f.write_str(msg),
            Failure::Output(e) => write!(f, "cannot write the report: {e}"),
        }
    }
}

fn run<I>(argv: I) -> Result<ExitCode, Failure>
where
    I: IntoIterator,
    I::Item: Into<std::ffi::OsString>,
{
    let args = match args::parse(argv).map_err(Failure::Usage)? {
        Command::Help => return print(args::USAGE).map(|()| ExitCode::SUCCESS),
        Command::Version => {
            return print(&format!("certscope {}\n", env!("CARGO_PKG_VERSION"))).map(|()| ExitCode::SUCCESS)
        }
        Command::Check(args) => args,
    };

    let mut opts = Options::at(args.at.unwrap_or_else(now));
    opts.host = args.host.clone();
    opts.use_system_roots = !args.no_system_roots;
    if !args.policies.is_empty() {
        opts.initial_policy_set = args.policies.clone();
    }
    opts.initial_explicit_policy = args.require_explicit_policy;
    opts.initial_policy_mapping_inhibit = args.inhibit_policy_mapping;
    opts.initial_any_policy_inhibit = args.inhibit_any_policy;
    opts.max_intermediates = args.max_depth;
    if args.strict {
        opts.profile = certscope::Profile::Strict;
    }
    let limit = opts.limits.max_input_bytes;
    let mut reader = Reader { stdin_used: false, limit };

    let mut inputs = Vec::new();
    if let Some(target) = &args.connect {
        inputs.push(live::connect(target, &args, &mut opts)?);
        // "Now" is when the handshake ended, not when certscope started.
        if args.at.is_none() {
            opts.as_of = now();
        }
    } else if args.files.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Failure::Usage("no input: name FILEs, or pipe a chain in (certscope < chain.pem)".to_string()));
        }
        inputs.push(reader.input(Path::new("-"))?);
    }
    for file in &args.files {
        inputs.push(reader.input(file)?);
    }
    let password = password(args.password_file.as_deref())?;
    inputs = inputs.into_iter().map(|i| i.with_password(password.clone())).collect();
    for file in &args.ocsp {
        let Input { name, bytes, .. } = reader.input(file)?;
        inputs.push(Input::ocsp(name, bytes));
    }
    for file in &args.roots {
        opts.extra_anchors.push(reader.input(file)?.bytes);
    }

    let mut report = certscope::analyze(&inputs, &opts);
    if args.fetch_ocsp {
        if let Some(fetched) = live::fetch_ocsp(&report, &args)? {
            inputs.push(fetched);
            // "Now" is after the fetch: a response made this second is not from the future.
            if args.at.is_none() {
                opts.as_of = now();
            }
            report = certscope::analyze(&inputs, &opts);
        }
    }
    let out = match args.format {
        Format::Text => render_text(&report),
        Format::Markdown => render_markdown(&report),
        Format::Asn1 => certscope::render_asn1(&inputs, &report, &opts.limits),
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(e) => return Err(Failure::Output(io::Error::other(e))),
        },
    };
    print(&out)?;
    // The core's verdict is Error exactly when a finding is an error.
    Ok(if report.summary.verdict == Verdict::Error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The PFX password: the first line of `--password-file`, else
/// `CERTSCOPE_PFX_PASSWORD`, else none (the empty password is still tried).
fn password(file: Option<&Path>) -> Result<Option<certscope::Password>, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("--password-file {}: {e}", path.display())))?;
        let line = text.lines().next().unwrap_or_default();
        return Ok(Some(certscope::Password::new(line)));
    }
    Ok(std::env::var("CERTSCOPE_PFX_PASSWORD").ok().map(certscope::Password::new))
}

/// The one clock read in certscope: the default "as of" is now.
fn now() -> Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Timestamp::from_unix(secs)
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(Failure::Output)
}

/// Reads files and standard input, each at most once and at most `limit`
/// bytes (plus one, so the core can say the input was too large instead of
/// the CLI reading /dev/zero forever).
struct Reader {
    stdin_used: bool,
    limit: usize,
}

impl Reader {
    fn input(&mut self, path: &Path) -> Result<Input, Failure> {
        let cap = u64::try_from(self.limit).unwrap_or(u64::MAX).saturating_add(1);
        let mut bytes = Vec::new();
        if path == Path::new("-") {
            if std::mem::replace(&mut self.stdin_used, true) {
                return Err(Failure::Usage("standard input (-) can be read only once".to_string()));
            }
            io::stdin()
                .lock()
                .take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Read(format!("cannot read standard input: {e}")))?;
            return Ok(Input::bytes(Some("stdin".to_string()), bytes));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(cap).read_to_end(&mut bytes))
            .map_err(|e| Failure::Read(format!("cannot read {}: {e}", path.display())))?;
        Ok(Input::bytes(Some(path.display().to_string()), bytes))
    }
}

/// `--connect` and `--fetch-ocsp`, when built with the `net` feature.
#[cfg(feature = "net")]
mod live {
    use super::{args::Args, net, Failure};
    use base64::Engine;
    use certscope::report::Role;
    use certscope::{Input, Options, Report};
    use std::time::Duration;

    fn timeout(args: &Args) -> Duration {
        args.timeout.map_or(net::DEFAULT_TIMEOUT, Duration::from_secs)
    }

    /// The handshake with `target`, as the transcript input the core reads.
    /// The leaf is checked against the server name unless `--host` says otherwise.
    pub(super) fn connect(target: &str, args: &Args, opts: &mut Options) -> Result<Input, Failure> {
        let (host, port) = net::split_host_port(target).map_err(Failure::Usage)?;
        let servername = args.servername.clone().unwrap_or_else(|| host.clone());
        let handshake = net::connect(&host, port, &servername, timeout(args))
            .map_err(|e| Failure::Network(format!("--connect: {e}")))?;
        if opts.host.is_none() {
            opts.host = Some(servername.clone());
        }
        let text = net::transcript(target, &servername, &handshake);
        Ok(Input::bytes(Some(format!("handshake with {target}")), text.into_bytes()))
    }

    /// RFC 6960 Appendix A.1: when the server stapled nothing, POST the
    /// core's request for the leaf to the leaf's first http:// responder.
    pub(super) fn fetch_ocsp(report: &Report, args: &Args) -> Result<Option<Input>, Failure> {
        let stapled = report.stapling.as_ref().is_some_and(|s| s.state == certscope::report::StaplingState::Stapled);
        if stapled {
            eprintln!("certscope: --fetch-ocsp: the server stapled a response, so none was fetched");
            return Ok(None);
        }
        let Some(capture) = &report.capture else {
            return Err(Failure::Network(
                "--fetch-ocsp: no OCSP request could be built (the leaf or its issuer is missing from the chain)"
                    .to_string(),
            ));
        };
        let leaf = report.certificates.iter().find(|c| c.role == Role::Leaf);
        let url =
            leaf.and_then(|l| l.ocsp_urls.iter().find(|u| u.to_ascii_lowercase().starts_with("http://"))).ok_or_else(
                || Failure::Network("--fetch-ocsp: the leaf names no http:// OCSP responder to ask".to_string()),
            )?;
        let request = base64::engine::general_purpose::STANDARD
            .decode(&capture.request_der_base64)
            .map_err(|e| Failure::Network(format!("--fetch-ocsp: {e}")))?;
        let der = net::fetch_ocsp(url, &request, timeout(args)).map_err(Failure::Network)?;
        Ok(Some(Input::ocsp(Some(format!("OCSP response from {url}")), der)))
    }
}

/// Built without the `net` feature: the flags exist but cannot run.
#[cfg(not(feature = "net"))]
mod live {
    use super::{args::Args, Failure};
    use certscope::{Input, Options, Report};

    const OFF: &str = "this certscope was built without network support (cargo feature `net`)";

    pub(super) fn connect(_: &str, _: &Args, _: &mut Options) -> Result<Input, Failure> {
        Err(Failure::Network(format!("--connect: {OFF}")))
    }

    pub(super) fn fetch_ocsp(_: &Report, _: &Args) -> Result<Option<Input>, Failure> {
        Err(Failure::Network(format!("--fetch-ocsp: {OFF}")))
    }
}
