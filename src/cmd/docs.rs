//! `brief completions SHELL` and `brief man`: the shell completions and the manual page, both
//! generated from the command-line definition, so they never disagree with `--help`.

use crate::cli::Cli;
use crate::error::{Failure, Result};
use clap::CommandFactory;
use std::io::Write;

fn write_out(bytes: &[u8]) -> Result<()> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Io(format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut script);
    write_out(&script)
}

pub fn man() -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Failure::Internal(format!("cannot render the manual page: {e}")))?;
    write_out(&page)
}
