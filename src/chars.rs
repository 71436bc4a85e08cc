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
