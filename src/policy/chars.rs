//! The characters a fact's text may not hold, because what a reviewer reads in the YAML would not
//! be what prints (or what a terminal shows): used by validation, and by every message brief
//! prints, which shows them as `�`.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The one format character a text may hold: a hint where a word may break.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// Characters refused in any text, with what they are:
/// - controls other than tab and newline;
/// - the private-use area (the renderer uses private-use characters to map generated lines back
///   to templates);
/// - invisible formatting: bidirectional overrides, embeddings, isolates and marks, and
///   zero-width characters. They make the printed text differ from what a reviewer reads in the
///   YAML (a right-to-left override prints a sentence backwards), and no Spanish or English
///   brief needs them. Every other format character (Unicode Cf: invisible operators, the
///   Mongolian vowel separator…) is refused too, except the soft hyphen U+00AD, a legitimate
///   hyphenation hint. The wording rules ([`crate::policy::normalise::for_matching`]) remove every
///   format character before matching, so the one allowed here cannot hide a forbidden
///   expression either;
/// - noncharacters (U+FFFE, U+FFFF and the others), which XML, and so a DOCX, cannot hold
///   ([`super::xml_text`]).
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
        SOFT_HYPHEN => None,
        c if c.general_category() == GeneralCategory::Format => Some("invisible formatting"),
        // What a DOCX (XML 1.0) cannot hold: the noncharacters.
        c => super::xml_text::unrepresentable(c),
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
        for other_format in ['\u{2061}', '\u{2064}', '\u{180E}', '\u{110BD}', '\u{1D173}'] {
            assert_eq!(
                forbidden_char(other_format),
                Some("invisible formatting"),
                "{other_format:?}"
            );
        }
        for fine in ['\n', '\t', 'ñ', '\u{2028}', '\u{A0}', '\u{AD}', '«', '—'] {
            assert_eq!(forbidden_char(fine), None, "{fine:?}");
        }
    }

    /// The characters texts may hold and the wording rules' normalisation agree: every format
    /// character is refused here or removed before matching (only the soft hyphen is both
    /// allowed and removed).
    #[test]
    fn every_format_character_is_refused_or_ignored_by_the_rules() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.general_category() == GeneralCategory::Format && forbidden_char(c).is_none() {
                assert_eq!(c, SOFT_HYPHEN);
                assert!(crate::policy::normalise::is_ignorable(c));
            }
        }
    }
}
