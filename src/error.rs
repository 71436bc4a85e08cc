//! How a run fails, and the exit code each failure gives (sysexits-style, documented in the README).

use crate::diag::{Diagnostic, Diagnostics, printable};

#[derive(Debug)]
pub enum Failure {
    /// `check --stale` found outputs to rebuild (exit 1); each line names one and why.
    Stale(Vec<String>),
    /// `diff --fail-on-release` found changes that widen who may see a fact (exit 1).
    Released(usize),
    /// Bad invocation: unknown option, invalid environment variable (exit 2).
    Usage(String),
    /// The inputs are invalid: data, brief definitions, templates, Typst errors (exit 65).
    Invalid(Diagnostics),
    /// The project or an input is missing (exit 66).
    NoInput(Diagnostic),
    /// A bug in brief itself (exit 70).
    Internal(String),
    /// An output could not be created (exit 73).
    CantCreate(String),
    /// Reading or writing failed (exit 74).
    Io(String),
    /// Another run holds the lock and `--no-wait` was given (exit 75).
    Locked(String),
    /// Ctrl-C or SIGTERM stopped the run before it committed anything (exit 130).
    Interrupted(String),
}

impl Failure {
    /// Appends `note` to the message of an output failure (cannot create, I/O).
    pub fn noting(self, note: &str) -> Self {
        match self {
            Failure::CantCreate(m) => Failure::CantCreate(format!("{m}; {note}")),
            Failure::Io(m) => Failure::Io(format!("{m}; {note}")),
            other => other,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Stale(_) | Failure::Released(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Invalid(_) => 65,
            Failure::NoInput(_) => 66,
            Failure::Internal(_) => 70,
            Failure::CantCreate(_) => 73,
            Failure::Io(_) => 74,
            Failure::Locked(_) => 75,
            Failure::Interrupted(_) => crate::interrupt::EXIT_CODE,
        }
    }

    /// Prints the failure on standard error, one diagnostic after another; `error:` in red on a
    /// terminal (`colour::stderr`), plain otherwise.
    pub fn report(&self) {
        let colour = crate::colour::stderr();
        match self {
            Failure::Invalid(diags) => {
                for d in diags {
                    say!("{}\n", d.shown(colour));
                }
                let n = diags.len();
                say!(
                    "brief: {n} error{} in the inputs; nothing was written",
                    if n == 1 { "" } else { "s" }
                );
            }
            Failure::NoInput(d) => say!("{}", d.shown(colour)),
            Failure::Released(n) => {
                say!("brief: {n} release(s): the change widens who may see facts (see above)")
            }
            Failure::Stale(lines) => {
                for line in lines {
                    say!("stale: {}", printable(line));
                }
                say!(
                    "brief: {} output(s) need rebuilding (brief build)",
                    lines.len()
                );
            }
            Failure::Usage(m)
            | Failure::Internal(m)
            | Failure::CantCreate(m)
            | Failure::Io(m)
            | Failure::Locked(m) => {
                say!("{} {}", crate::diag::label(colour), printable(m))
            }
            Failure::Interrupted(m) => say!("brief: {m}"),
        }
    }
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Invalid(d)
    }
}

pub type Result<T> = std::result::Result<T, Failure>;
