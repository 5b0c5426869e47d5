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
    /// Standard output went away or failed.
    Output(io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(msg) | Failure::Read(msg) => f.write_str(msg),
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
    opts.host = args.host;
    opts.use_system_roots = !args.no_system_roots;
    if !args.policies.is_empty() {
        opts.initial_policy_set = args.policies;
    }
    opts.initial_explicit_policy = args.require_explicit_policy;
    opts.initial_policy_mapping_inhibit = args.inhibit_policy_mapping;
    opts.initial_any_policy_inhibit = args.inhibit_any_policy;
    let limit = opts.limits.max_input_bytes;
    let mut reader = Reader { stdin_used: false, limit };

    let mut inputs = Vec::new();
    if args.files.is_empty() {
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

    let report = certscope::analyze(&inputs, &opts);
    let out = match args.format {
        Format::Text => render_text(&report),
        Format::Markdown => render_markdown(&report),
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
