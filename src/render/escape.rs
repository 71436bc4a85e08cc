//! Data reaches Typst as text, never as markup. Every value a template prints goes through
//! [`markup`] (templates print in markup context) or, in code context, through [`string_literal`].
//! Both are proven by property tests against Typst's own parser.

/// Characters Typst treats as line breaks (`typst_syntax::is_newline`).
pub fn is_typst_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Escapes `text` for Typst markup: every ASCII punctuation character is backslash-escaped (a
/// backslash before any non-space character is an escape in markup), and every line-break
/// character becomes a forced line break, so data can never open a heading, list, comment,
/// code, math, label, reference or a new paragraph. `\r\n` counts as one break.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if is_typst_newline(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push_str("\\\n");
        } else {
            out.push(c);
        }
    }
    out
}

/// A Typst string literal (with its quotes) holding exactly `text`, for code context:
/// `#cite(label({{ key|lit }}))`. Every ASCII punctuation character, control and line break
/// inside it is written as a `\u{..}` escape, so that the literal is inert even if a template
/// prints it in markup context by mistake: there it reads as quotes around plain text.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_punctuation() || c.is_control() || is_typst_newline(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// What Typst prints for escaped text: the oracle the property tests below and the fuzz target
/// (`tests/fuzz`, `escape`) check [`markup`] and [`string_literal`] against.
pub mod oracle {
    use super::is_typst_newline;
    use typst::syntax::{SyntaxKind, SyntaxNode, parse};

    /// The pieces hostile test strings are made of: Typst markup and code specials, alone and
    /// in the sequences that mean something; minijinja delimiters; shorthands and URLs; words,
    /// accents and typography; white space and every character Typst reads as a line break;
    /// and what validation refuses in texts (controls, bidi and zero-width formatting, private
    /// use). The escaper proptests and `tests/suite/injection_property.rs` draw from it.
    pub const HOSTILE: &[&str] = &[
        "#",
        "*",
        "_",
        "`",
        "```",
        "$",
        "@",
        "<",
        ">",
        "[",
        "]",
        "{",
        "}",
        "(",
        ")",
        "\\",
        "/",
        "=",
        "-",
        "+",
        "~",
        "\"",
        "'",
        ".",
        ",",
        ":",
        ";",
        "!",
        "?",
        "%",
        "&",
        "|",
        "^",
        "//",
        "/*",
        "*/",
        "--",
        "---",
        "...",
        "-?",
        "= ",
        "- ",
        "+ ",
        "1.",
        "1. ",
        "/ a:",
        "= H",
        "- item",
        "+ e",
        "#let x = 1",
        "#read(\"/etc/hostname\")",
        "#eval(\"1\")",
        "#set text(fill: red)",
        "@ref",
        "<lbl>",
        "$x^2$",
        "`raw`",
        "u{41}",
        "\\u{41}",
        "#{",
        "#[",
        "]#",
        "http://x.y",
        "https://evil.example/x",
        "www.x.org",
        "mailto:a@b.c",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        "{{ brief.title }}",
        "{% if true %}",
        "a",
        "ñ",
        "Año",
        "Perú",
        "OTAN",
        "¿qué?",
        "¡Sí!",
        "«x»",
        "“",
        "”",
        "‘",
        "’",
        "–",
        "—",
        "…",
        "§",
        "°",
        "€",
        "½",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{0B}",
        "\u{0C}",
        "\u{0}",
        "\u{7}",
        "\u{1b}",
        "\u{7f}",
        "\u{202E}",
        "\u{200F}",
        "\u{2066}",
        "\u{200B}",
        "\u{feff}",
        "\u{E000}",
    ];

    /// What Typst will print for markup made only of text, spaces, escapes and line breaks;
    /// `None` if the markup holds anything else (a heading, a list, code, a comment, an error).
    pub fn printed_text(markup: &str) -> Option<String> {
        fn walk(node: &SyntaxNode, out: &mut String) -> bool {
            match node.kind() {
                SyntaxKind::Markup => node.children().all(|c| walk(c, out)),
                SyntaxKind::Text => {
                    out.push_str(node.leaf_text().as_str());
                    true
                }
                SyntaxKind::Space => {
                    // Within a paragraph, any run of white space prints as one space; a newline
                    // inside a space node would be a paragraph break if it held two.
                    if node
                        .leaf_text()
                        .chars()
                        .filter(|&c| is_typst_newline(c))
                        .count()
                        > 1
                    {
                        return false;
                    }
                    out.push(' ');
                    true
                }
                SyntaxKind::Escape => {
                    let t = node.leaf_text();
                    let c = t.strip_prefix('\\').unwrap_or(t);
                    out.push_str(c);
                    true
                }
                SyntaxKind::Linebreak => {
                    out.push('\n');
                    true
                }
                SyntaxKind::SmartQuote => {
                    out.push_str(node.leaf_text().as_str());
                    true
                }
                _ => false,
            }
        }
        let root = parse(markup);
        if root.diagnosis().either() {
            return None;
        }
        let mut out = String::new();
        walk(&root, &mut out).then_some(out)
    }

    /// The input as Typst would print it: spaces and tabs folded, line breaks as `\n`.
    pub fn expected(text: &str) -> String {
        let mut normalized = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            normalized.push(if is_typst_newline(c) { '\n' } else { c });
        }
        normalized
    }

    /// Folds runs of spaces and tabs to one space, and drops spaces next to line breaks (Typst
    /// does not print white space at the start or end of a line).
    pub fn fold_spaces(s: &str) -> String {
        let folded = fold_runs(s);
        folded
            .split('\n')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn fold_runs(s: &str) -> String {
        let mut out = String::new();
        let mut last_space = false;
        for c in s.chars() {
            let space = c == ' ' || c == '\t';
            if space && last_space {
                continue;
            }
            out.push(if space { ' ' } else { c });
            last_space = space;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::oracle::{self, expected, fold_spaces, printed_text};
    use super::*;
    use proptest::prelude::*;
    use typst::syntax::{SyntaxKind, parse_code};

    /// Strings made from the oracle's hostile pieces.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(oracle::HOSTILE);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, .. ProptestConfig::default() })]

        #[test]
        fn markup_prints_exactly_the_text(s in hostile()) {
            let escaped = markup(&s);
            let printed = printed_text(&escaped);
            prop_assert!(printed.is_some(), "escaped {s:?} parsed as more than text: {escaped:?}");
            prop_assert_eq!(fold_spaces(&printed.unwrap()), fold_spaces(&expected(&s)));
        }

        #[test]
        fn markup_escapes_any_string(s in any::<String>()) {
            let escaped = markup(&s);
            prop_assert!(printed_text(&escaped).is_some(), "escaped {s:?} parsed as more than text: {escaped:?}");
        }

        #[test]
        fn string_literal_is_one_string(s in prop_oneof![hostile(), any::<String>()]) {
            let lit = string_literal(&s);
            let code = parse_code(&lit);
            prop_assert!(!code.diagnosis().either(), "{lit:?} does not parse");
            let strs: Vec<_> = code.children().filter(|c| c.kind() == SyntaxKind::Str).collect();
            prop_assert_eq!(strs.len(), 1);
            let value = strs[0].cast::<typst::syntax::ast::Str>().unwrap().get();
            prop_assert_eq!(value.as_str(), s.as_str());
        }

        #[test]
        fn string_literal_is_inert_in_markup(s in prop_oneof![hostile(), any::<String>()]) {
            let lit = string_literal(&s);
            prop_assert!(printed_text(&lit).is_some(), "{lit:?} printed in markup is more than text");
        }
    }

    #[test]
    fn known_cases() {
        assert_eq!(markup("a // b"), "a \\/\\/ b");
        assert_eq!(markup("= x\n- y"), "\\= x\\\n\\- y");
        assert_eq!(
            string_literal("a\"b\\c\n#"),
            "\"a\\u{22}b\\u{5c}c\\u{a}\\u{23}\""
        );
    }
}
