//! The catalog's printed strings, checked as facts' texts are: a language's name, month names,
//! date patterns, number separators and strings, and every audience's and document type's name
//! and marking reason reach the PDFs. The file-wide scan of `load` sees only the characters as
//! written, so a YAML escape (`"\u202E"`) would slip past it; this checks the parsed values.

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Spanned;

/// The longest printed catalog string: a label, a heading or a sentence, never a text. Longer,
/// it would overflow a page or a PDF string somewhere no message could point back at the catalog.
pub const MAX_CHARS: usize = 1_000;

/// Checks every printed string of the catalog.
pub fn check(c: &Catalog, errors: &mut Diagnostics) {
    for language in c.languages() {
        let id = language.id.value;
        printed(
            c,
            &format!("the name of language `{id}`"),
            &language.name,
            errors,
        );
        for (i, month) in language.months.value.iter().enumerate() {
            let month = Spanned {
                value: month.clone(),
                referenced: language.months.referenced,
                defined: language.months.defined,
            };
            let what = format!("month {} of language `{id}`", i + 1);
            printed(c, &what, &month, errors);
        }
        let dates = &language.dates;
        for (what, pattern) in [("day", &dates.day), ("month", &dates.month)] {
            printed(
                c,
                &format!("the {what} date pattern of language `{id}`"),
                pattern,
                errors,
            );
        }
        separators(c, language, errors);
        for (key, text) in &language.strings {
            printed(c, &format!("string `{key}` of `{id}`"), text, errors);
        }
    }
    for audience in c.audiences() {
        for (lang, name) in audience.name.iter() {
            let what = format!("the {lang} name of audience `{}`", audience.id.value);
            printed(c, &what, name, errors);
        }
    }
    for document in c.documents() {
        let id = document.id.value;
        for (lang, name) in document.name.iter() {
            printed(c, &format!("the {lang} name of `{id}`"), name, errors);
        }
        for (lang, reason) in document.marking_floor.iter().flat_map(|f| f.reason.iter()) {
            let what = format!("the {lang} marking reason of `{id}`");
            printed(c, &what, reason, errors);
        }
    }
}

/// A number separator is one printed character that cannot be read as part of the number: not
/// a digit (`group: "0"` would print 80089 as `800089`), and the two separators differ (`1.234.5`).
fn separators(
    c: &Catalog,
    language: &crate::model::catalog::LanguageDef,
    errors: &mut Diagnostics,
) {
    let numbers = &language.numbers;
    for (what, sep) in [("decimal", &numbers.decimal), ("group", &numbers.group)] {
        let id = language.id.value;
        printed(c, &format!("the {what} separator of `{id}`"), sep, errors);
        if sep.value.chars().any(char::is_numeric) {
            push(
                c,
                sep,
                format!(
                    "the {what} separator of language `{}` is a digit, {:?}: numbers would print with a wrong value",
                    language.id.value, sep.value
                ),
                errors,
            );
        } else if what == "decimal" && sep.value.chars().any(char::is_whitespace) {
            push(
                c,
                sep,
                format!(
                    "the decimal separator of language `{}` is a space: write `,` or `.`",
                    language.id.value
                ),
                errors,
            );
        }
    }
    if numbers.decimal.value == numbers.group.value {
        push(
            c,
            &numbers.group,
            format!(
                "language `{}` writes {:?} both between digit groups and before decimals: write two different separators",
                language.id.value, numbers.group.value
            ),
            errors,
        );
    }
}

/// One printed string: not blank, no character a reader would not see as written, not longer
/// than [`MAX_CHARS`].
fn printed(c: &Catalog, what: &str, text: &Spanned<String>, errors: &mut Diagnostics) {
    let value = &text.value;
    if let Some(ch) = value
        .chars()
        .find(|&ch| crate::policy::chars::forbidden_char(ch).is_some())
    {
        let kind = crate::policy::chars::forbidden_char(ch).unwrap_or("invisible");
        push(
            c,
            text,
            format!("{what} contains the {kind} character U+{:04X}", ch as u32),
            errors,
        );
    } else if value.chars().count() > MAX_CHARS {
        push(
            c,
            text,
            format!("{what} is longer than {MAX_CHARS} characters"),
            errors,
        );
    }
}

fn push<T>(c: &Catalog, at: &Spanned<T>, message: String, errors: &mut Diagnostics) {
    errors.push(Diagnostic::at(c.location(at), message).with_source_line(&c.file.text));
}
