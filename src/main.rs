//! The switchboard: parse the command line, run the command, turn the outcome into an exit code.

use clap::Parser;

fn main() {
    let cli = brief::cli::Cli::parse();
    if let Err(failure) = brief::cmd::run(cli) {
        failure.report();
        std::process::exit(failure.exit_code());
    }
}
