//! Colour on a terminal, as people expect of git and cargo: on when the stream is a terminal,
//! off when it is not, off under `NO_COLOR`, and forced either way by `--color always|never`.
//! Everything a person reads in colour says the same in plain text: colour is never the only
//! carrier of meaning (deletions are also struck through as `[-…-]`, errors say `error:`).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// `--color`: when to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Choice {
    #[default]
    Auto,
    Always,
    Never,
}

static CHOICE: AtomicU8 = AtomicU8::new(0);

/// Records the command line's choice; called once by the switchboard.
pub fn set(choice: Choice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

fn choice() -> Choice {
    match CHOICE.load(Ordering::Relaxed) {
        1 => Choice::Always,
        2 => Choice::Never,
        _ => Choice::Auto,
    }
}

fn enabled(is_terminal: bool) -> bool {
    match choice() {
        Choice::Always => true,
        Choice::Never => false,
        Choice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Whether standard output is to be coloured.
pub fn stdout() -> bool {
    enabled(std::io::stdout().is_terminal())
}

/// Whether standard error is to be coloured.
pub fn stderr() -> bool {
    enabled(std::io::stderr().is_terminal())
}

/// `text` in `style` when `on`, as it is otherwise.
pub fn paint(on: bool, style: anstyle::Style, text: &str) -> String {
    if on && !text.is_empty() {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_owned()
    }
}

/// The house styles: errors red, warnings yellow, inserted text green, deleted text red.
pub mod styles {
    use anstyle::{AnsiColor, Effects, Style};
    pub const ERROR: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
    pub const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
    pub const INSERTED: Style = AnsiColor::Green.on_default().effects(Effects::UNDERLINE);
    pub const DELETED: Style = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
    pub const HEADING: Style = Style::new().effects(Effects::BOLD);
}
