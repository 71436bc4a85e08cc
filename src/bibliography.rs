//! `data/sources.yaml` is data like the facts: its entries are checked field by field, and each
//! edition's bibliography (`<audience>.<lang>.bib.yaml`, read by Typst's Hayagriva) is written
//! from the parsed entries it cites, never copied from the file. So a comment, an unknown field
//! or an entry it does not cite never ships beside its PDF, every field prints as the text it
//! is (Hayagriva would read `$…$` as Typst math and `{…}` as markup), and only http(s) links
//! become links.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::source::{Localized, Person, Persons, Source};
use crate::model::{FactDate, Lang, Spanned};
use crate::project::SourceFile;
use std::fmt::Write;

/// The bibliography: citation keys and their entries.
pub type Bibliography = std::collections::BTreeMap<String, Spanned<Source>>;

/// The entry types Hayagriva knows (its `EntryType`, in kebab case).
const ENTRY_TYPES: &[&str] = &[
    "article",
    "chapter",
    "entry",
    "anthos",
    "report",
    "thesis",
    "web",
    "scene",
    "artwork",
    "patent",
    "case",
    "newspaper",
    "legislation",
    "manuscript",
    "post",
    "misc",
    "performance",
    "periodical",
    "proceedings",
    "book",
    "blog",
    "reference",
    "conference",
    "anthology",
    "repository",
    "thread",
    "video",
    "audio",
    "exhibition",
    "original",
];

/// Checks what the types cannot: entry types, dates, languages, names and addresses that
/// Hayagriva would refuse or turn into something else, each at its line and column.
/// `languages` are the catalog's: a title or name given per language is given in each of them.
pub fn check(file: &SourceFile, bibliography: &Bibliography, languages: &[Lang]) -> Diagnostics {
    let mut errors = Diagnostics::new();
    for entry in bibliography.values() {
        check_entry(file, entry, languages, &mut errors);
    }
    errors
}

fn error<T>(file: &SourceFile, at: &Spanned<T>, message: String, hint: &str) -> Diagnostic {
    let location = Location::of(&file.path, at);
    Diagnostic::at(location, message)
        .with_source_line(&file.text)
        .with_hint(hint)
}

/// What is wrong with a text of a source, if anything: the same characters and lengths that
/// are refused in facts. YAML escapes (`"\u202E"`) are decoded by then, so an escape cannot
/// smuggle in what the raw file scan would have refused.
fn text_problem(value: &str) -> Option<String> {
    if let Some((c, what)) = value
        .chars()
        .find_map(|c| crate::policy::chars::forbidden_char(c).map(|what| (c, what)))
    {
        return Some(format!("holds a {what} character (U+{:04X})", c as u32));
    }
    let encoded = crate::policy::pdf_string::encoded_len(value);
    (encoded > crate::policy::pdf_string::MAX_BYTES).then(|| {
        format!(
            "is too long for a PDF string: {encoded} bytes encoded, at most {}",
            crate::policy::pdf_string::MAX_BYTES
        )
    })
}

fn check_texts(file: &SourceFile, s: &Source, errors: &mut Diagnostics) {
    if let Some(problem) = s.title.value.texts().iter().find_map(|t| text_problem(t)) {
        errors.push(error(
            file,
            &s.title,
            format!("`title` {problem}"),
            "write the text without it",
        ));
    }
    let strings = [
        ("publisher", s.publisher.as_ref()),
        ("location", s.location.as_ref()),
        ("organization", s.organization.as_ref()),
        ("note", s.note.as_ref()),
        ("language", s.language.as_ref()),
        ("url", s.url.as_ref()),
    ];
    for (name, text) in strings {
        if let Some(text) = text
            && let Some(problem) = text_problem(&text.value)
        {
            errors.push(error(
                file,
                text,
                format!("`{name}` {problem}"),
                "write the text without it",
            ));
        }
    }
    let scalars = [
        ("date", s.date.as_ref()),
        ("volume", s.volume.as_ref()),
        ("issue", s.issue.as_ref()),
        ("edition", s.edition.as_ref()),
        ("page-range", s.page_range.as_ref()),
    ];
    for (name, scalar) in scalars {
        if let Some(scalar) = scalar
            && let Some(problem) = text_problem(&scalar.value.to_string())
        {
            errors.push(error(
                file,
                scalar,
                format!("`{name}` {problem}"),
                "write the text without it",
            ));
        }
    }
    for persons in [&s.author, &s.editor].into_iter().flatten() {
        for person in persons.value.as_slice() {
            let names: Vec<&String> = match person {
                Person::Written(name) => vec![name],
                Person::Parts(p) => p
                    .name
                    .texts()
                    .into_iter()
                    .chain(
                        [
                            p.given_name.as_ref(),
                            p.prefix.as_ref(),
                            p.suffix.as_ref(),
                            p.alias.as_ref(),
                        ]
                        .into_iter()
                        .flatten(),
                    )
                    .collect(),
            };
            if let Some(problem) = names.iter().find_map(|n| text_problem(n)) {
                errors.push(error(
                    file,
                    persons,
                    format!("a name {problem}"),
                    "write the name without it",
                ));
            }
        }
    }
}

/// A text given per language must be given in every catalog language, and in no other.
fn check_languages<T>(
    file: &SourceFile,
    at: &Spanned<T>,
    what: &str,
    text: &Localized,
    languages: &[Lang],
    errors: &mut Diagnostics,
) {
    let Localized::PerLang(texts) = text else {
        return;
    };
    for lang in languages.iter().filter(|l| !texts.contains_key(l)) {
        errors.push(error(
            file,
            at,
            format!("{what} has no `{lang}` text"),
            "give it in every language of the catalog, or once as published",
        ));
    }
    for lang in texts.keys().filter(|l| !languages.contains(l)) {
        errors.push(error(
            file,
            at,
            format!("{what} has a text in `{lang}`, which is not a language of the catalog"),
            "give it in the catalog's languages only",
        ));
    }
}

fn check_entry(
    file: &SourceFile,
    entry: &Spanned<Source>,
    languages: &[Lang],
    errors: &mut Diagnostics,
) {
    let s = &entry.value;
    check_texts(file, s, errors);
    check_languages(
        file,
        &s.title,
        "the title",
        &s.title.value,
        languages,
        errors,
    );
    for persons in [&s.author, &s.editor].into_iter().flatten() {
        for person in persons.value.as_slice() {
            if let Person::Parts(p) = person {
                check_languages(file, persons, "a name", &p.name, languages, errors);
            }
        }
    }
    if !ENTRY_TYPES.contains(&s.kind.value.as_str()) {
        errors.push(error(
            file,
            &s.kind,
            format!("unknown source type `{}`", s.kind.value),
            &format!("use one of: {}", ENTRY_TYPES.join(", ")),
        ));
    }
    if s.title.value.texts().iter().any(|t| t.trim().is_empty()) {
        errors.push(error(
            file,
            &s.title,
            "empty title".into(),
            "give the source's title",
        ));
    }
    for persons in [&s.author, &s.editor].into_iter().flatten() {
        for person in persons.value.as_slice() {
            let fine = match person {
                // Every part given is a name: an empty one printed "Doe, , ed." or ", John".
                Person::Written(name) => {
                    name.split(',').count() <= 3 && name.split(',').all(|p| !p.trim().is_empty())
                }
                Person::Parts(parts) => {
                    !parts.name.texts().iter().any(|n| n.trim().is_empty())
                        && [
                            &parts.given_name,
                            &parts.prefix,
                            &parts.suffix,
                            &parts.alias,
                        ]
                        .into_iter()
                        .flatten()
                        .all(|p| !p.trim().is_empty())
                }
            };
            if !fine {
                errors.push(error(
                    file,
                    persons,
                    "invalid name".into(),
                    "write `Last, First` (at most two commas, no part empty) or `{name: ..., given-name: ...}` (no field empty)",
                ));
            }
        }
    }
    if let Some(date) = &s.date
        && let Err(e) = date.value.to_string().parse::<FactDate>()
    {
        errors.push(error(
            file,
            date,
            e.to_string(),
            "write 2021, 2021-03 or 2021-03-15",
        ));
    }
    if let Some(language) = &s.language
        && !is_language_tag(&language.value)
    {
        errors.push(error(
            file,
            language,
            format!("invalid language tag {:?}", language.value),
            "write a tag such as `es`, `en` or `en-GB`",
        ));
    }
    if let Some(url) = &s.url
        && let Err(why) = check_url(&url.value)
    {
        errors.push(error(
            file,
            url,
            format!("{why}: {:?}", url.value),
            "a source may link only to an http:// or https:// address",
        ));
    }
    if let Some(parent) = &s.parent {
        check_entry(file, parent, languages, errors);
    }
}

/// `es`, `en-GB`, `zh-Hant-TW`: a primary language of two or three letters and subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Only web addresses: `http://` or `https://`, a host, and no white space or controls. Any
/// other scheme (`file:`, `javascript:`, `data:`, `mailto:`…) is refused, because Typst makes
/// the address a live link in the PDF.
fn check_url(url: &str) -> Result<(), &'static str> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or("only http and https addresses are allowed")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with([':', '@']) {
        return Err("the address has no host");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the address holds white space");
    }
    Ok(())
}

/// How an edition prints its sources.
#[derive(Debug, Default, Clone, Copy)]
pub struct Edition<'a> {
    /// The edition's language: which text of a title or name given per language it prints.
    /// `None` (reports about a source, whatever the edition) prints every language's text.
    pub lang: Option<Lang>,
    /// The language's word for "and" (the catalog string `and`), which joins two names when
    /// the first has no given name (see [`write_persons`]).
    pub and: Option<&'a str>,
    /// The language's quote pairs from one level in ([`crate::render::quotes`]), since the
    /// style already sets a title inside the outermost; empty leaves texts as written.
    pub quotes: &'a [(char, char)],
}

/// The Hayagriva YAML of the entries `cited` keeps, in key order, every language's text
/// shown: for reports. Editions use [`write_for`].
pub fn write(bibliography: &Bibliography, cited: impl Fn(&str) -> bool) -> String {
    write_for(bibliography, cited, &Edition::default())
}

/// The Hayagriva YAML of the entries `cited` keeps, in key order, as `edition` prints them:
/// the same entries give the same bytes. Every string is a double-quoted YAML scalar, and every
/// field Hayagriva reads as a formattable string has its markup characters escaped, so it
/// prints as written; acronyms and supplied `[descriptions]` are kept from case changes.
pub fn write_for(
    bibliography: &Bibliography,
    cited: impl Fn(&str) -> bool,
    edition: &Edition,
) -> String {
    let mut out = String::new();
    for (key, entry) in bibliography.iter().filter(|(k, _)| cited(k)) {
        let _ = writeln!(out, "{}:", key_text(key));
        write_entry(&mut out, 1, &entry.value, edition);
    }
    out
}

fn write_entry(out: &mut String, depth: usize, s: &Source, edition: &Edition) {
    let pad = "  ".repeat(depth);
    let text =
        |value: &str| formattable(&crate::render::quotes::typographic(value, edition.quotes));
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "{pad}{name}: {}", quoted(&value));
    };
    field("type", s.kind.value.clone());
    // A title in another language than English is never recased: the style's title case is
    // English's ("Relaciones Internacionales Y Política Exterior De Colombia"), and Hayagriva
    // applies it to a container's title whatever the container's language.
    let title = text(&s.title.value.text(edition.lang));
    let foreign = matches!(s.title.value, Localized::One(_))
        && s.language.as_ref().is_some_and(|l| !is_english(&l.value));
    field(
        "title",
        if foreign {
            format!("{{{title}}}")
        } else {
            keep_case(&title)
        },
    );
    let texts = [
        ("publisher", &s.publisher),
        ("location", &s.location),
        ("organization", &s.organization),
        ("note", &s.note),
    ];
    for (name, value) in texts {
        if let Some(v) = value {
            field(name, text(&v.value));
        }
    }
    let plain = [
        ("date", &s.date),
        ("volume", &s.volume),
        ("issue", &s.issue),
        ("edition", &s.edition),
        ("page-range", &s.page_range),
    ];
    for (name, value) in plain {
        if let Some(v) = value {
            field(name, v.value.to_string());
        }
    }
    // A title supplied per language is in the edition's language, whatever the source's is;
    // one written once without a `language` is English (data/README.md), and is set in
    // headline case in every edition: the Spanish edition's style printed it as written.
    let language = match (&s.title.value, edition.lang) {
        (Localized::PerLang(_), Some(lang)) => Some(lang.to_string()),
        (Localized::One(_), _) if s.language.is_none() => Some("en".to_owned()),
        _ => s.language.as_ref().map(|l| l.value.clone()),
    };
    if let Some(language) = language {
        field("language", language);
    }
    if let Some(url) = &s.url {
        field("url", url.value.clone());
    }
    for (name, persons) in [("author", &s.author), ("editor", &s.editor)] {
        if let Some(p) = persons {
            write_persons(out, depth, name, &p.value, edition);
        }
    }
    if let Some(parent) = &s.parent {
        let _ = writeln!(out, "{pad}parent:");
        write_entry(out, depth + 1, &parent.value, edition);
    }
}

/// Whether a language tag is English's (`en`, `en-GB`, `EN`).
fn is_english(tag: &str) -> bool {
    tag.split('-')
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case("en"))
}

/// A person's name as printed uninverted: `Arlene B. Tickner`, `Jiménez Reina`.
fn uninverted(person: &Person, lang: Option<Lang>) -> String {
    match person {
        Person::Written(written) => {
            // Hayagriva's reading of `Last, First[, Suffix]`.
            let parts: Vec<&str> = written.split(',').map(str::trim).collect();
            match parts.as_slice() {
                [last, first, suffix] => format!("{first} {last}, {suffix}"),
                [last, first] => format!("{first} {last}"),
                _ => written.trim().to_owned(),
            }
        }
        Person::Parts(p) => {
            let name = p.name.text(lang);
            let mut out: Vec<&str> = Vec::new();
            out.extend(p.given_name.as_deref());
            out.extend(p.prefix.as_deref());
            out.push(&name);
            let joined = out.join(" ");
            match &p.suffix {
                Some(suffix) => format!("{joined}, {suffix}"),
                None => joined,
            }
        }
    }
}

/// Whether a person has only a name (a body, or someone cited by family name alone).
fn has_no_given_name(person: &Person) -> bool {
    match person {
        Person::Written(written) => !written.contains(','),
        Person::Parts(p) => p.given_name.is_none(),
    }
}

/// A list of names. Chicago prints the first name inverted and, after an inverted name, a comma
/// before "and" (`Novak, Fabián, and Sandra Namihas`); Hayagriva counts a name with no given
/// name as inverted too, so two such authors printed `Lara Silva, and Jiménez Reina`. Two
/// names whose first has no given name are therefore written as the one name the style would
/// print them as uninverted, `Lara Silva and Jiménez Reina` (in the edition's word for
/// "and"); the citation prints the same.
fn write_persons(out: &mut String, depth: usize, name: &str, persons: &Persons, edition: &Edition) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}{name}:");
    if let (Some(and), [first, second]) = (edition.and, persons.as_slice())
        && has_no_given_name(first)
    {
        let joined = format!(
            "{} {and} {}",
            uninverted(first, edition.lang),
            uninverted(second, edition.lang)
        );
        let _ = writeln!(out, "{pad}  - name: {}", quoted(&joined));
        return;
    }
    for person in persons.as_slice() {
        match person {
            Person::Written(written) => {
                let _ = writeln!(out, "{pad}  - {}", quoted(written));
            }
            Person::Parts(p) => {
                let name = p.name.text(edition.lang);
                let mut first = true;
                let parts = [
                    ("name", Some(&name)),
                    ("given-name", p.given_name.as_ref()),
                    ("prefix", p.prefix.as_ref()),
                    ("suffix", p.suffix.as_ref()),
                    ("alias", p.alias.as_ref()),
                ];
                for (key, value) in parts {
                    if let Some(v) = value {
                        let lead = if first { "- " } else { "  " };
                        first = false;
                        let _ = writeln!(out, "{pad}  {lead}{key}: {}", quoted(v));
                    }
                }
            }
        }
    }
}

/// A citation key as written: plain when it is a slug that YAML reads as a string (`nac-2021`),
/// quoted otherwise.
fn key_text(key: &str) -> String {
    let plain = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !matches!(
            key,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { key.to_owned() } else { quoted(key) }
}

/// A field Hayagriva parses as a formattable string, written so that it parses back to plain
/// text: `\`, `{`, `}` and `$` (verbatim groups and Typst math) are escaped with `\`.
pub fn formattable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '{' | '}' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A formattable title as the style's title case may print it: a supplied `[description]` (a
/// sentence, not a title) and a title holding an acronym (a run of capitals, digits, `/`, `&` or
/// `-` with two capitals or more: `NATO`, `AC/135`, `ZOPACAS`) are wrapped whole in braces,
/// Hayagriva's verbatim marks, and print as written. Title case would print the acronym as
/// `Nato`; protecting the acronym alone is not enough, as title case then lowercases the word
/// after the group ("NATO handbook") or drops the space before it ("NATOHandbook"). So is a title
/// holding a letter whose other case is more than one letter (`ß`, the ligature `ﬁ`, `İ`): case
/// mapping would rewrite it ("ﬁnanzas" as "FInanzas"), and a title prints as written; and so is
/// a title with a capital inside a word ("McDonnell", "YouTube"), which title case lowercases.
fn keep_case(formattable: &str) -> String {
    let trimmed = formattable.trim();
    let unmappable = formattable
        .chars()
        .any(|c| c.to_uppercase().count() > 1 || c.to_lowercase().count() > 1);
    // A capital after a word's first letter (McDonnell, MiG-29, YouTube, iPhone): title case
    // would lowercase it.
    let inner_capital = formattable.split_whitespace().any(|word| {
        word.chars()
            .skip_while(|c| !c.is_alphabetic())
            .skip(1)
            .any(char::is_uppercase)
    });
    if unmappable || inner_capital || (trimmed.starts_with('[') && trimmed.ends_with(']')) {
        return format!("{{{formattable}}}");
    }
    let mut run = 0;
    let mut escaped = false;
    let mut acronym = false;
    for c in formattable.chars() {
        // An escaped character (`\{`) is never part of a run.
        let in_run =
            !escaped && (c.is_uppercase() || c.is_ascii_digit() || matches!(c, '/' | '&' | '-'));
        if in_run {
            run += usize::from(c.is_uppercase());
            acronym |= run >= 2;
        } else {
            run = 0;
        }
        escaped = !escaped && c == '\\';
    }
    if acronym {
        format!("{{{formattable}}}")
    } else {
        formattable.to_owned()
    }
}

/// `text` as a double-quoted YAML scalar that every YAML parser reads back as `text`: quotes and
/// backslashes escaped, and every character YAML does not print as itself (controls, line and
/// paragraph separators, the byte-order mark, non-characters) written as an escape.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The citation key of the entry written around `line` (1-based) of a bibliography that
/// [`write`] produced: for pointing a Typst error in it back at `data/sources.yaml`.
pub fn key_at_line(text: &str, line: usize) -> Option<String> {
    let key = text
        .lines()
        .take(line)
        .filter(|l| !l.starts_with(' '))
        .last()?
        .strip_suffix(':')?;
    if key.starts_with('"') {
        serde_json::from_str(key).ok()
    } else {
        Some(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_case_leaves_acronyms_and_descriptions_as_written() {
        use super::keep_case;
        assert_eq!(keep_case("ZOPACAS and NATO"), "{ZOPACAS and NATO}");
        assert_eq!(keep_case("NATO Handbook"), "{NATO Handbook}");
        assert_eq!(
            keep_case("Allied Committee 135 (AC/135)"),
            "{Allied Committee 135 (AC/135)}"
        );
        assert_eq!(
            keep_case("[A news item on NATO]"),
            "{[A news item on NATO]}"
        );
        // One capital is a word's initial, left to the style; escaped braces stay escaped
        // inside the group, as Hayagriva reads `\{` as a brace in verbatim text too.
        assert_eq!(keep_case("A Global Order"), "A Global Order");
        assert_eq!(keep_case(r"\{x\} NATO"), r"{\{x\} NATO}");
        assert_eq!(keep_case(r"\{N\}"), r"\{N\}");
        // A letter whose other case is two letters: the title is kept whole.
        assert_eq!(keep_case("Die Straße"), "{Die Straße}");
        assert_eq!(keep_case("ﬁnanzas públicas"), "{ﬁnanzas públicas}");
        assert_eq!(keep_case("İzmir summit"), "{İzmir summit}");
        assert_eq!(keep_case("Política exterior"), "Política exterior");
        // A capital inside a word: the title is kept whole.
        assert_eq!(
            keep_case("McDonnell Douglas and the fleet"),
            "{McDonnell Douglas and the fleet}"
        );
        assert_eq!(keep_case("iPhone diplomacy"), "{iPhone diplomacy}");
        assert_eq!(keep_case("(YouTube) era"), "{(YouTube) era}");
        assert_eq!(
            keep_case("Peace-Keeping and (Co-operation)"),
            "{Peace-Keeping and (Co-operation)}"
        );
    }

    use super::*;

    fn parse(text: &str) -> Bibliography {
        let file = SourceFile::new("data/sources.yaml", text);
        crate::load::parse_yaml(&file).unwrap()
    }

    #[test]
    fn only_cited_entries_and_no_comments() {
        let bib = parse(
            "# about a\nb-2:  # CANARY-COMMENT\n  type: web\n  title: \"B: secret\" # CANARY-EOL\n  url: https://example.org/b\n  author:\n    - Lara, Ana\na-1:\n  type: report\n  title: A\n  author: [\"Rose, Henning\", {name: North Atlantic Council}]\n  date: 2021\n  parent: {type: periodical, title: P}\nc-3:\n  type: web\n  title: C\n",
        );
        let written = write(&bib, |k| k != "c-3");
        assert_eq!(
            written,
            // A title written once without `language` is English.
            "a-1:\n  type: \"report\"\n  title: \"A\"\n  date: \"2021\"\n  language: \"en\"\n  author:\n    - \"Rose, Henning\"\n    - name: \"North Atlantic Council\"\n  parent:\n    type: \"periodical\"\n    title: \"P\"\n    language: \"en\"\nb-2:\n  type: \"web\"\n  title: \"B: secret\"\n  language: \"en\"\n  url: \"https://example.org/b\"\n  author:\n    - \"Lara, Ana\"\n"
        );
        assert_eq!(key_at_line(&written, 3).as_deref(), Some("a-1"));
        assert_eq!(key_at_line(&written, 15).as_deref(), Some("b-2"));
    }

    #[test]
    fn keys_are_plain_only_when_yaml_reads_them_as_strings() {
        assert_eq!(key_text("nac-2021"), "nac-2021");
        assert_eq!(key_text("1991"), "\"1991\"");
        assert_eq!(key_text("null"), "\"null\"");
        assert_eq!(key_text("a:b"), "\"a:b\"");
    }

    #[test]
    fn fields_are_text() {
        assert_eq!(formattable(r"$x^2$ {a} \b"), r"\$x^2\$ \{a\} \\b");
        assert_eq!(
            quoted("a\"b\\c\u{2028}\té"),
            "\"a\\\"b\\\\c\\u2028\\u0009é\""
        );
    }

    #[test]
    fn only_web_addresses() {
        for good in ["https://www.nato.int/x?a=1#b", "HTTP://example.org"] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,x",
            "mailto:a@b.c",
            "ftp://example.org",
            "https:///etc/passwd",
            "//example.org",
            "https://exa mple.org",
            " https://example.org",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
