//! Numbers formatted per language in Rust (Typst's own display has no Spanish conventions).

use crate::model::Lang;

/// `80089` → `80 089` (Spanish: a no-break space groups numbers of five or more digits, as the
/// RAE recommends) or `80,089` (English); decimals use a comma in Spanish and a point in English.
pub fn format_number(value: f64, lang: Lang) -> String {
    let negative = value < 0.0;
    let abs = value.abs();
    let text = if abs.fract() == 0.0 && abs < 1e15 {
        format!("{abs:.0}")
    } else {
        format!("{abs}")
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (text, None),
    };
    let (sep, dec, min_digits) = match lang {
        Lang::Es => ('\u{a0}', ',', 5),
        Lang::En => (',', '.', 4),
    };
    let mut grouped = String::new();
    if int.len() >= min_digits {
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(sep);
            }
            grouped.push(ch);
        }
    } else {
        grouped = int;
    }
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(dec);
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_per_language() {
        assert_eq!(format_number(80089.0, Lang::Es), "80\u{a0}089");
        assert_eq!(format_number(80089.0, Lang::En), "80,089");
        assert_eq!(format_number(2021.0, Lang::Es), "2021");
        assert_eq!(format_number(1500.0, Lang::En), "1,500");
        assert_eq!(format_number(1234567.0, Lang::Es), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(2.5, Lang::Es), "2,5");
        assert_eq!(format_number(2.5, Lang::En), "2.5");
        assert_eq!(format_number(-30.0, Lang::En), "−30");
        assert_eq!(format_number(0.0, Lang::Es), "0");
    }
}
