//! One file per subcommand; `run` dispatches.

mod build;
mod check;
mod diff;
mod watch;

use crate::cli::{Cli, Command, SelectArgs};
use crate::error::{Failure, Result};
use crate::pipeline::{Selection, Settings};
use crate::project::Project;

pub fn run(cli: Cli) -> Result<()> {
    let project = Project::open(&cli.root).map_err(Failure::NoInput)?;
    match cli.command {
        Command::Build(args) => build::build(&project, &args),
        Command::Check(args) => check::check(&project, &args),
        Command::Watch(args) => watch::watch(&project, &args),
        Command::Diff(args) => diff::diff(&project, &args),
        Command::Explain(args) => diff::explain(&project, &args),
    }
}

/// The pipeline settings of a command: its selection and `SOURCE_DATE_EPOCH`.
fn settings(select: &SelectArgs) -> Result<Settings> {
    Ok(Settings {
        selection: Selection {
            briefs: select.briefs.clone(),
            audiences: select.audiences.iter().map(|&a| a.into()).collect(),
            langs: select.langs.iter().map(|&l| l.into()).collect(),
        },
        epoch: source_date_epoch()?,
        progress: false,
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
