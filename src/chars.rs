//! The characters a fact's text may not hold, because what a reviewer reads in the YAML would not
//! be what prints (or what a terminal shows): used by validation, and by every message brief
//! prints, which shows them as `�`.

/// Characters refused in any text, with what they are:
/// - controls other than tab and newline;
/// - the private-use area (the renderer uses private-use characters to map generated lines back
///   to templates);
/// - invisible formatting: bidirectional overrides, embeddings, isolates and marks, and
///   zero-width characters. They make the printed text differ from what a reviewer reads in the
///   YAML (a right-to-left override prints a sentence backwards), and no Spanish or English
///   brief needs them.
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        c if c.is_control() => Some("control"),
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' => Some("private-use"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some("invisible bidirectional formatting"),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some("invisible zero-width"),
        '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}' => {
            Some("invisible formatting")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        assert_eq!(forbidden_char('\u{0}'), Some("control"));
        assert_eq!(forbidden_char('\u{1b}'), Some("control"));
        assert_eq!(forbidden_char('\u{85}'), Some("control"));
        assert_eq!(forbidden_char('\u{E000}'), Some("private-use"));
        assert_eq!(
            forbidden_char('\u{202E}'),
            Some("invisible bidirectional formatting")
        );
        assert_eq!(
            forbidden_char('\u{2067}'),
            Some("invisible bidirectional formatting")
        );
        assert_eq!(forbidden_char('\u{200B}'), Some("invisible zero-width"));
        assert_eq!(forbidden_char('\u{FEFF}'), Some("invisible zero-width"));
        for fine in ['\n', '\t', 'ñ', '\u{2028}', '\u{A0}', '\u{AD}', '«', '—'] {
            assert_eq!(forbidden_char(fine), None, "{fine:?}");
        }
    }
}
