//! Numbers and dates formatted per language in Rust, as the catalog's languages write them
//! (Typst's own display has no Spanish conventions).

use crate::model::FactDate;
use crate::model::catalog::{LanguageDef, NumberStyle};

/// `80089` → `80 089` (Spanish: a no-break space groups numbers of five or more digits, as the
/// RAE recommends) or `80,089` (English); decimals use a comma in Spanish and a point in English.
pub fn format_number(value: f64, style: &NumberStyle) -> String {
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
    let sep = style.group.value.as_str();
    let dec = style.decimal.value.as_str();
    let min_digits = style.group_from;
    let mut grouped = String::new();
    if int.len() >= min_digits {
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(sep);
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
        out.push_str(dec);
        out.push_str(&f);
    }
    out
}

/// A date in running text, by the language's patterns: `15 de septiembre de 2021` /
/// `15 September 2021`; a year alone is the year.
pub fn format_date(date: &FactDate, lang: &LanguageDef) -> String {
    let month = |m: u8| {
        lang.months
            .value
            .get(usize::from(m).saturating_sub(1))
            .map_or("", String::as_str)
    };
    let year = date.year.to_string();
    match (date.month, date.day) {
        (Some(m), Some(d)) => lang
            .dates
            .day
            .value
            .replace("{day}", &d.to_string())
            .replace("{month}", month(m))
            .replace("{year}", &year),
        (Some(m), None) => lang
            .dates
            .month
            .value
            .replace("{month}", month(m))
            .replace("{year}", &year),
        _ => year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_per_language() {
        let catalog = crate::catalog::shipped();
        let es = &catalog.lang(crate::model::Lang::new("es")).numbers;
        let en = &catalog.lang(crate::model::Lang::new("en")).numbers;
        assert_eq!(format_number(80089.0, es), "80\u{a0}089");
        assert_eq!(format_number(80089.0, en), "80,089");
        assert_eq!(format_number(2021.0, es), "2021");
        assert_eq!(format_number(1500.0, en), "1,500");
        assert_eq!(format_number(1234567.0, es), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(2.5, es), "2,5");
        assert_eq!(format_number(2.5, en), "2.5");
        assert_eq!(format_number(-30.0, en), "−30");
        assert_eq!(format_number(0.0, es), "0");
    }

    #[test]
    fn dates_per_language() {
        let catalog = crate::catalog::shipped();
        let es = catalog.lang(crate::model::Lang::new("es"));
        let en = catalog.lang(crate::model::Lang::new("en"));
        let d: FactDate = "2021-09-15".parse().unwrap();
        assert_eq!(format_date(&d, es), "15 de septiembre de 2021");
        assert_eq!(format_date(&d, en), "15 September 2021");
        let m: FactDate = "2021-03".parse().unwrap();
        assert_eq!(format_date(&m, es), "marzo de 2021");
        assert_eq!(format_date(&m, en), "March 2021");
        let y: FactDate = "2012".parse().unwrap();
        assert_eq!(format_date(&y, es), "2012");
    }
}
