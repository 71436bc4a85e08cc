//! Text as the wording rules compare it: what a reader sees, not how it happens to be encoded.
//! Without this, `sh<soft hyphen>all`, `enter  into⏎force`, a decomposed `Artículo` or a
//! Cyrillic `а` in `Parties` all print as the forbidden expression and pass the rule.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// `text` normalised for matching, in this order:
/// 1. NFKC (compatibility forms such as `ﬁ`, full-width and mathematical letters, and
///    decomposed accents become their plain composed form);
/// 2. format characters (Unicode Cf: soft hyphen, zero-width and bidirectional marks, word
///    joiner…) and other default-ignorable characters (variation selectors, combining grapheme
///    joiner) are removed;
/// 3. every run of white space (spaces, tabs, line ends, no-break spaces, U+2028…) and dashes
///    (Unicode Pd: `-`, `‐`, `–`, `—`…) becomes one space, so `entry-into-force` reads as the
///    words it joins;
/// 4. a non-ASCII letter that is a confusable lookalike of ASCII letters (Cyrillic `а е о р с ѕ
///    і`, Greek `Α Ο Ρ`…) becomes those letters, by the Unicode confusables table (UTS #39
///    skeleton). ASCII itself is kept as written, so case still matters where a rule says so, and
///    letters such as `í` or `ñ` keep their accent.
pub fn for_matching(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.nfkc() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_whitespace() || c.general_category() == GeneralCategory::DashPunctuation {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match ascii_lookalike(c) {
            Some(latin) => out.push_str(&latin),
            None => out.push(c),
        }
    }
    out
}

/// Whether `c` is invisible formatting: a Unicode format character (Cf) or another
/// default-ignorable code point (the UTS #39 skeleton of such a character alone is empty).
pub fn is_ignorable(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
        || (!c.is_ascii()
            && unicode_security::skeleton(c.encode_utf8(&mut [0; 4]))
                .next()
                .is_none())
}

/// The ASCII letters a non-ASCII letter is confusable with, when the confusables table maps it
/// to ASCII letters only.
fn ascii_lookalike(c: char) -> Option<String> {
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    let skeleton: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
    (!skeleton.is_empty() && skeleton.chars().all(|s| s.is_ascii_alphabetic())).then_some(skeleton)
}

#[cfg(test)]
mod tests {
    use super::for_matching;

    #[test]
    fn what_a_reader_sees() {
        assert_eq!(for_matching("sh\u{AD}all"), "shall");
        assert_eq!(for_matching("sh\u{200B}a\u{2060}ll"), "shall");
        assert_eq!(for_matching("enter  into\nforce"), "enter into force");
        assert_eq!(
            for_matching("enter\u{A0}into\u{2028}\tforce"),
            "enter into force"
        );
        assert_eq!(for_matching("Arti\u{301}culo"), "Artículo");
        assert_eq!(for_matching("Entry-into\u{2011}force"), "Entry into force");
        assert_eq!(
            for_matching("entrada\u{2013}en — vigor"),
            "entrada en vigor"
        );
        assert_eq!(for_matching("Ｓｈａｌｌ"), "Shall");
        assert_eq!(for_matching("\u{1D42C}hall"), "shall");
        // Cyrillic а, е, о, р, с, ѕ, і and Greek Α, Ρ, Τ.
        assert_eq!(for_matching("Pаrtiеs"), "Parties");
        assert_eq!(for_matching("ѕhall"), "shall");
        assert_eq!(for_matching("Artіcle"), "Article");
        assert_eq!(for_matching("орс"), "opc");
        assert_eq!(for_matching("ΑΡΤ"), "APT");
    }

    #[test]
    fn plain_text_is_unchanged() {
        for text in [
            "Los Participantes reafirman su compromiso.",
            "El Perú, año 2021: «señal»; 80 089 (100 %)",
            "The Participants will meet; ß, ø, Ł.",
        ] {
            assert_eq!(for_matching(text), text);
        }
    }
}
