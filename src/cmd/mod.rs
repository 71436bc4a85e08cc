//! One file per subcommand; `run` dispatches.

/// Prints a line of a command's report on standard output. A reader that has gone away
/// (`brief check | head -1`) is not an error: the rest of the report is dropped and the command
/// still finishes its work and exits with its own code, so `diff --fail-on-release` still fails
/// and `--redline` is still written when the report's reader stopped early.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod build;
mod catalog;
mod check;
mod diff;
mod docs;
mod explain;
mod show;
mod translations;
mod watch;

use crate::cli::{Cli, Command, SelectArgs};
use crate::error::{Failure, Result};
use crate::pipeline::{Selection, Settings};
use crate::project::Project;

pub fn run(cli: Cli) -> Result<()> {
    crate::colour::set(cli.color);
    match &cli.command {
        Command::Completions { shell } => return docs::completions(*shell),
        Command::Man => return docs::man(),
        _ => {}
    }
    let root = match &cli.root {
        Some(root) => root.clone(),
        None => find_root()?,
    };
    let project = Project::open(&root).map_err(Failure::NoInput)?;
    match cli.command {
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
        Command::Build(args) => build::build(&project, &args),
        Command::Check(args) => check::check(&project, &args),
        Command::Watch(args) => watch::watch(&project, &args),
        Command::Diff(args) => diff::diff(&project, &args),
        Command::Explain(args) => explain::explain(&project, &args),
        Command::Show(args) => show::show(&project, &args),
        Command::Catalog(args) => catalog::catalog(&project, &args),
        Command::Translations(command) => translations::run(&project, &command),
    }
}

/// The project root when `--root` is not given: the nearest folder, from the current one
/// upwards, that holds `data/`, `briefs/` and `templates/` (as git and cargo find theirs). When
/// none does, the current folder, whose error then says what is missing.
fn find_root() -> Result<std::path::PathBuf> {
    let here = std::env::current_dir()
        .map_err(|e| Failure::Io(format!("cannot read the current folder: {e}")))?;
    let is_project = |dir: &std::path::Path| {
        ["data", "briefs", "templates"]
            .iter()
            .all(|d| dir.join(d).is_dir())
    };
    Ok(here
        .ancestors()
        .find(|dir| is_project(dir))
        .unwrap_or(&here)
        .to_path_buf())
}

/// The pipeline settings of a command: its selection and `SOURCE_DATE_EPOCH`.
fn settings(select: &SelectArgs) -> Result<Settings> {
    Ok(Settings {
        selection: Selection {
            briefs: select.briefs.clone(),
            documents: select.documents.clone(),
            audiences: select.audiences.clone(),
            langs: select.langs.clone(),
        },
        epoch: source_date_epoch()?,
        progress: false,
        strict: false,
    })
}

/// `SOURCE_DATE_EPOCH`, if set: whole seconds since 1970, as reproducible-builds.org defines it.
pub(crate) fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(secs) if (0..=253_402_300_799).contains(&secs) => Ok(Some(secs)),
            _ => Err(Failure::Usage(format!(
                "SOURCE_DATE_EPOCH={v:?} is not a number of seconds since 1970-01-01"
            ))),
        },
        Err(_) => Err(Failure::Usage(
            "SOURCE_DATE_EPOCH is not valid Unicode".into(),
        )),
    }
}
