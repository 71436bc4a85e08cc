//! Writing a text back into a YAML file in place: only the bytes of the one scalar change, so
//! comments, key order, quoting elsewhere and the layout of every other line are kept. A
//! scalar keeps its style where the new text allows it (plain, quoted, folded `>-`); otherwise
//! it becomes a double-quoted string. The caller re-reads the file to prove each edit.

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use std::ops::Range;

/// One scalar found in a file: its byte range (the whole written form: quotes included; a block
/// scalar from its `>` or `|` indicator to the end of its last line) and its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub bytes: Range<usize>,
    pub style: ScalarStyle,
}

/// The scalar whose value starts at 1-based `line`:`column` of `text`, as the parser reports
/// values' places.
pub fn scalar_at(text: &str, line: usize, column: usize) -> Option<Scalar> {
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return None;
        };
        if let Event::Scalar(_, style, ..) = event
            && span.start.line() == line
            && span.start.col() + 1 == column
        {
            let start = span.start.byte_offset()?;
            let end = span.end.byte_offset()?.max(start);
            let bytes = match style {
                // A block scalar's span starts at its content and runs to the next token: its
                // written form starts at the `>` or `|` of its header and ends with its last line.
                ScalarStyle::Folded | ScalarStyle::Literal => {
                    let header_end = text[..start].rfind('\n')?;
                    let line_start = text[..header_end].rfind('\n').map_or(0, |i| i + 1);
                    let header = &text[line_start..header_end];
                    let header = header.split('#').next().unwrap_or(header);
                    let indicator = line_start + header.rfind(['>', '|'])?;
                    indicator..start + text[start..end].trim_end().len()
                }
                _ => start..end,
            };
            return Some(Scalar { bytes, style });
        }
    }
    None
}

/// How wide the folded lines of a block scalar are written, as the shipped data wraps them.
const WIDTH: usize = 100;

/// The text to put in place of `scalar` (as written in `file`) so that it reads as `value`.
pub fn render(file: &str, scalar: &Scalar, value: &str) -> String {
    let single_line = !value.contains(['\n', '\r', '\t']) && value.trim() == value;
    match scalar.style {
        ScalarStyle::Plain if single_line && plain_safe(value) => value.to_owned(),
        ScalarStyle::SingleQuoted if single_line => format!("'{}'", value.replace('\'', "''")),
        ScalarStyle::Folded if single_line && !value.contains("  ") => {
            folded(file, scalar, value).unwrap_or_else(|| double_quoted(value))
        }
        _ => double_quoted(value),
    }
}

/// A double-quoted YAML scalar: JSON's string syntax is a subset of it.
pub fn double_quoted(value: &str) -> String {
    serde_json::to_string(value).expect("a string serialises")
}

/// Whether `value` reads back as the same string when written plain, in block or flow context.
fn plain_safe(value: &str) -> bool {
    let first_ok = value.chars().next().is_some_and(char::is_alphabetic);
    let lower = value.to_ascii_lowercase();
    first_ok
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.contains([',', '[', ']', '{', '}'])
        && !matches!(
            lower.as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

/// `value` as a folded block scalar with the header and indentation of the one it replaces.
fn folded(file: &str, scalar: &Scalar, value: &str) -> Option<String> {
    let written = &file[scalar.bytes.clone()];
    let (header, rest) = written.split_once('\n')?;
    if !header.trim_end().starts_with('>') || header.contains('#') {
        return None;
    }
    let indent: String = rest.chars().take_while(|&c| c == ' ').collect();
    if indent.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in value.split(' ') {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let mut out = header.trim_end().to_owned();
    for l in &lines {
        out.push('\n');
        out.push_str(&indent);
        out.push_str(l);
    }
    Some(out)
}

/// `text` with each `(range, replacement)` applied; ranges must not overlap.
pub fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_owned();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_saphyr::Spanned;

    #[derive(serde::Deserialize)]
    struct Inner {
        k: Spanned<String>,
    }

    #[derive(serde::Deserialize)]
    struct Doc {
        k: Option<Spanned<String>>,
        m: Option<Inner>,
    }

    /// Where the parser places the value of `k` (or `m.k`), as a fact's texts are placed.
    fn place(text: &str) -> (usize, usize) {
        let doc: Doc = serde_saphyr::from_str(text).unwrap();
        let k = doc.k.or(doc.m.map(|m| m.k)).unwrap();
        (k.referenced.line() as usize, k.referenced.column() as usize)
    }

    fn replace(text: &str, value: &str) -> String {
        let (line, column) = place(text);
        let s = scalar_at(text, line, column).unwrap();
        apply(text, vec![(s.bytes.clone(), render(text, &s, value))])
    }

    fn read(text: &str) -> (String, i64) {
        let doc: serde_json::Value = serde_saphyr::from_str(text).unwrap();
        let at = if doc.get("m").is_some() {
            &doc["m"]
        } else {
            &doc
        };
        (
            at["k"].as_str().unwrap().to_owned(),
            at["z"].as_i64().unwrap(),
        )
    }

    #[test]
    fn each_style_is_kept_where_the_text_allows() {
        for yaml in [
            "k: plain words # note\nz: 1\n",
            "k: 'single'\nz: 1\n",
            "k: \"double\"\nz: 1\n",
            "k: >-\n  folded words\n  over lines\nz: 1\n",
            "k: >-  # a comment\n  folded words\nz: 1\n",
            "k: |-\n  literal\nz: 1\n",
            "m: {k: x, z: 1}\n",
        ] {
            for value in [
                "New words: with a colon, comma and 'quotes'",
                "Plain new words",
                "line\nbreak",
                "true",
            ] {
                let out = replace(yaml, value);
                assert_eq!(read(&out), (value.to_owned(), 1), "{yaml:?} → {out:?}");
            }
        }
        assert_eq!(
            replace("k: a b # note\nz: 1\n", "c d"),
            "k: c d # note\nz: 1\n"
        );
        assert_eq!(replace("k: 'a'\nz: 1\n", "it's"), "k: 'it''s'\nz: 1\n");
    }

    #[test]
    fn folded_text_is_rewrapped_at_its_indentation() {
        let yaml = "k: >-\n    one two\n    three\nz: 1\n";
        let long = "word ".repeat(40).trim_end().to_owned();
        let out = replace(yaml, &long);
        assert!(out.starts_with("k: >-\n    word"), "{out}");
        assert!(out.lines().all(|l| l.len() <= WIDTH), "{out}");
        assert!(out.ends_with("word\nz: 1\n"), "{out}");
        assert_eq!(read(&out), (long, 1));
    }
}
