//! The characters a DOCX can hold. Office Open XML is XML 1.0, whose documents may hold only tab,
//! line feed, carriage return and the characters from U+0020 up, less the surrogates and the
//! noncharacters U+FFFE and U+FFFF (XML 1.0, production 2, `Char`). The character rules
//! ([`super::chars`]) already refuse every control; what they would let through is refused here,
//! with the other noncharacters (U+FDD0–U+FDEF and the last two code points of every plane),
//! which XML 1.0 discourages (§2.2) and readers may reject. A text holding one is refused at its
//! line and column like any other hidden character, before anything is written.

/// Whether XML 1.0 can hold `c` at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What `c` is, when a DOCX cannot (or should not) hold it although the character rules
/// would let it through: a noncharacter.
pub fn unrepresentable(c: char) -> Option<&'static str> {
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32 & 0xFFFE) == 0xFFFE;
    (noncharacter || !is_xml_char(c)).then_some("non-XML")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_cannot_hold() {
        for bad in ['\u{0}', '\u{1}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(bad), "{bad:?}");
            assert_eq!(unrepresentable(bad), Some("non-XML"), "{bad:?}");
        }
        for discouraged in ['\u{FDD0}', '\u{FDEF}', '\u{1FFFE}', '\u{10FFFF}'] {
            assert!(is_xml_char(discouraged));
            assert_eq!(unrepresentable(discouraged), Some("non-XML"));
        }
        for fine in [
            '\t',
            '\n',
            'a',
            'ñ',
            '—',
            '\u{A0}',
            '\u{FFFD}',
            '\u{1F600}',
            '\u{FDCF}',
        ] {
            assert!(is_xml_char(fine), "{fine:?}");
            assert_eq!(unrepresentable(fine), None, "{fine:?}");
        }
    }

    /// Every character the character rules let through, XML can hold and the DOCX is allowed.
    #[test]
    fn the_text_rules_and_xml_agree() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if super::super::chars::forbidden_char(c).is_none() {
                assert!(
                    is_xml_char(c) && unrepresentable(c).is_none(),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }
}
