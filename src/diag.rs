//! One diagnostic type for every input the tool reads: YAML data, brief definitions, templates and
//! the generated Typst. Every message a person sees goes through [`Diagnostic`], so every message
//! has the same shape: `path:line:col: error: message`, then a snippet and hints.

use std::fmt;
use std::path::PathBuf;

/// A location in a project file. Paths are project-relative, lines and columns 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Self {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
        }
    }
}

impl Location {
    /// Where a value of a YAML file was written: the one place a parser's span becomes a
    /// location.
    pub fn of<T>(path: impl Into<PathBuf>, spanned: &serde_saphyr::Spanned<T>) -> Self {
        Self::new(
            path,
            spanned.referenced.line() as usize,
            spanned.referenced.column() as usize,
        )
    }

    /// This location, the start of a value `value_len` bytes long as read, moved to where `word`
    /// is written in `source` (the text of its file), when the word's first occurrence at or
    /// after it lies within the value as written (twice its length and some, for a folded
    /// text's indentation). A word on a later line of a multi-line value (a folded `>-` text) is
    /// reported at its own line and column, not at the value's first line; a word on that first
    /// line leaves the location at the value. Unchanged when the word is not written as printed
    /// (quote marks doubled, an escape) or is too short to be told from other words.
    pub fn at_word(self, source: &str, word: &str, value_len: usize) -> Self {
        let within = 2 * value_len + 200;
        let word = word.trim();
        if word.chars().count() < 8 {
            return self;
        }
        let start: usize = source
            .split_inclusive('\n')
            .take(self.line - 1)
            .map(str::len)
            .sum();
        let end = floor_char_boundary(source, (start + within).min(source.len()));
        let Some(found) = source[start..end].find(word).map(|i| start + i) else {
            return self;
        };
        let (line, column) = line_column(source, found);
        // On the value's own line, the value's start stays the place, as for every other error.
        if line == self.line {
            return self;
        }
        Self::new(self.path, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A problem with the project's inputs, located where a person can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is; `None` for a problem with no single place (an empty fonts folder).
    pub location: Option<Location>,
    pub message: String,
    /// The offending source line, shown under the message with a caret.
    pub snippet: Option<String>,
    /// Further notes: "the generated line came from templates/nato.typ.j2:14", suggestions.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn new(location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
            snippet: None,
            hints: Vec::new(),
        }
    }

    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Self::new(Some(location), message)
    }

    pub fn global(message: impl Into<String>) -> Self {
        Self::new(None, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The diagnostic as printed on standard error: hidden characters shown as `�`, and, when
    /// `colour`, its `error:` label in the house style. Without colour it is exactly
    /// `printable(&self.to_string())`.
    pub fn shown(&self, colour: bool) -> String {
        let text = printable(&self.to_string());
        let head = match &self.location {
            Some(loc) => printable(&format!("{loc}: ")),
            None => String::new(),
        };
        match text.strip_prefix(&head).and_then(|t| t.strip_prefix(LABEL)) {
            Some(rest) if colour => format!("{head}{}{rest}", label(true)),
            _ => text,
        }
    }

    /// Attach the line of `source` the location points at, so the message shows the text.
    pub fn with_source_line(mut self, source: &str) -> Self {
        if let Some(loc) = &self.location {
            self.snippet = nth_line(source, loc.line).map(str::to_owned);
        }
        self
    }
}

thread_local! {
    /// The last text asked for a line, and where each of its lines starts: a file with
    /// thousands of errors asks for thousands of its lines, and finding each from the start of
    /// the text made a check of such a file take minutes (285 s for 18,000 errors in 2 MiB).
    static LINE_STARTS: std::cell::RefCell<(String, Vec<usize>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// Line `line` (1-based) of `source` as `str::lines` gives it (without its `\n` or `\r\n`).
fn nth_line(source: &str, line: usize) -> Option<&str> {
    let start = LINE_STARTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // The same text, compared whole (a freed text's address may be reused by another).
        if cache.0 != source {
            cache.0 = source.to_owned();
            cache.1 = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
                .collect();
        }
        cache.1.get(line.checked_sub(1)?).copied()
    })?;
    let bytes = source.as_bytes();
    if start >= bytes.len() {
        return None;
    }
    // Both ends sit next to an ASCII `\n` (or at the ends of the text): char boundaries.
    match memchr::memchr(b'\n', &bytes[start..]) {
        Some(i) => {
            let text = &source[start..start + i];
            Some(text.strip_suffix('\r').unwrap_or(text))
        }
        // The last line, without a line end: a lone `\r` stays, as `lines` keeps it.
        None => Some(&source[start..]),
    }
}

/// The word that starts every error message.
const LABEL: &str = "error:";

/// `error:`, in the house style when `colour`: for the errors that are not diagnostics.
pub fn label(colour: bool) -> String {
    crate::colour::paint(colour, crate::colour::styles::ERROR, LABEL)
}

/// `warning:`, in the house style when `colour`.
pub fn warning_label(colour: bool) -> String {
    crate::colour::paint(colour, crate::colour::styles::WARNING, "warning:")
}

/// Prints `d` on standard error as a warning: its place, the label, the message and its hints.
pub fn warn(d: &Diagnostic) {
    let at = d
        .location
        .as_ref()
        .map(|l| format!("{l}: "))
        .unwrap_or_default();
    say!(
        "{at}{} {}",
        warning_label(crate::colour::stderr()),
        printable(&d.message)
    );
    for hint in &d.hints {
        say!("  = hint: {}", printable(hint));
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {LABEL} {}", self.message)?,
            None => write!(f, "{LABEL} {}", self.message)?,
        }
        if let (Some(line), Some(loc)) = (&self.snippet, &self.location) {
            let gutter = loc.line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, caret) = window(line, loc.column);
            // Columns count characters; tabs keep their width in the caret line.
            let lead: String = shown
                .chars()
                .take(caret)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{gutter} | {shown}\n{pad} | {lead}^")?;
        }
        for hint in &self.hints {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The widest snippet shown, in characters: a minified or machine-written line (a 2 MiB flow
/// sequence) is cut to a window around the column, marked with `…` at the cut ends.
const SNIPPET_WIDTH: usize = 100;

/// The part of `line` to show and the caret's character index in it. Control characters are
/// shown as `�`, so a snippet cannot send escape sequences to the terminal.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let at = column.saturating_sub(1).min(chars.len());
    if chars.len() <= SNIPPET_WIDTH {
        return (chars.into_iter().collect(), at);
    }
    let start = at.saturating_sub(SNIPPET_WIDTH / 2);
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut caret = at - start;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// Characters never printed raw: controls (other than newline and tab), and the invisible
/// formatting that texts may not hold (a right-to-left override would reorder the line shown).
fn hidden(c: char) -> bool {
    crate::policy::chars::forbidden_char(c).is_some()
}

/// `text` with hidden characters replaced by `�`: what brief prints on a terminal, whatever a
/// file or value contains.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if hidden(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// Diagnostics collected by a stage that reports every problem it finds, not only the first.
pub type Diagnostics = Vec<Diagnostic>;

/// 1-based line and column of a byte offset in `text` (columns count characters).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_is_the_line_str_lines_gives() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\nc",
            "é\nñ\r\n\n",
            "x\r",
        ] {
            for n in 0usize..6 {
                let expected = n.checked_sub(1).and_then(|i| text.lines().nth(i));
                assert_eq!(super::nth_line(text, n), expected, "{text:?} line {n}");
            }
        }
    }

    use super::*;

    #[test]
    fn renders_location_snippet_and_caret() {
        let d = Diagnostic::at(Location::new("data/x.yaml", 2, 5), "unknown field `eng`")
            .with_source_line("facts:\n    eng: hola\n")
            .with_hint("expected one of es, en");
        assert_eq!(
            d.to_string(),
            "data/x.yaml:2:5: error: unknown field `eng`\n  |\n2 |     eng: hola\n  |     ^\n  = hint: expected one of es, en"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("text: [{}", "[".repeat(5000));
        let d = Diagnostic::at(
            Location::new("data/x.yaml", 1, 2000),
            "recursion limit exceeded",
        )
        .with_source_line(&line);
        let shown = d.to_string();
        let snippet = shown.lines().nth(2).unwrap();
        assert!(
            snippet.starts_with("1 | …[[[") && snippet.ends_with("[…"),
            "{snippet}"
        );
        assert_eq!(snippet.chars().count(), "1 | ".len() + SNIPPET_WIDTH + 2);
        let caret = shown.lines().nth(3).unwrap();
        assert_eq!(
            caret.chars().count(),
            "  | ".len() + 1 + SNIPPET_WIDTH / 2 + 1
        );
    }

    #[test]
    fn snippets_and_messages_cannot_drive_the_terminal() {
        let d = Diagnostic::at(Location::new("data/x.yaml", 1, 5), "bad")
            .with_source_line("x: \u{1b}[2Jgone");
        assert!(!d.to_string().contains('\u{1b}'));
        assert_eq!(printable("a\u{1b}[31mb\nc"), "a\u{FFFD}[31mb\nc");
        assert_eq!(printable("x\u{202E}y\tz"), "x\u{FFFD}y\tz");
    }

    #[test]
    fn only_the_label_is_coloured_and_only_when_asked() {
        let d = Diagnostic::at(Location::new("data/error: x.yaml", 1, 5), "bad \u{1b}[31m")
            .with_source_line("x: \u{1b}[2Jgone");
        assert_eq!(d.shown(false), printable(&d.to_string()));
        let coloured = d.shown(true);
        assert!(
            coloured.starts_with("data/error: x.yaml:1:5: \u{1b}["),
            "{coloured:?}"
        );
        assert_eq!(
            coloured.matches('\u{1b}').count(),
            label(true).matches('\u{1b}').count(),
            "{coloured:?}"
        );
        assert!(
            coloured.contains("error:\u{1b}[0m bad \u{FFFD}[31m"),
            "{coloured:?}"
        );
        let global = Diagnostic::global("no fonts");
        assert_eq!(global.shown(true), format!("{} no fonts", label(true)));
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "añb\nçd";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (1, 3)); // after "añ" (ñ is two bytes)
        assert_eq!(line_column(text, 5), (2, 1));
        assert_eq!(line_column(text, 7), (2, 2));
    }
}
