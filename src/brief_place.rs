//! Where text printed from a brief definition comes from: its title and subtitle, a document's
//! own title, subtitle and texts (purpose, decision sought, addressee), and the sections'
//! headings. Used to report text that does not fit the page at the line of `briefs/*.yaml` a
//! person edits, after [`crate::source_place`] and [`crate::fact_place`] found no source or fact
//! holding it.

use crate::diag::{Diagnostic, Location};
use crate::edition::Edition;
use crate::model::{Audience, Spanned, Texts};
use crate::typeset::overflow::Overflow;
use crate::validate::Brief;
use crate::view::comparable;

/// A text of the brief definition, named as a person reads it.
struct Printed<'a> {
    what: String,
    text: &'a Spanned<String>,
}

/// Each language's text of `texts`, named `what`.
fn each<'a>(what: &str, texts: &'a Texts) -> impl Iterator<Item = Printed<'a>> + use<'a> {
    let what = what.to_owned();
    texts.0.iter().map(move |(lang, text)| Printed {
        what: format!("{what} ({})", lang.as_str()),
        text,
    })
}

/// Every text of `brief` that `edition` may print, in every language, each with its name: the
/// brief's own, its document entry's, and those of the sections it has. (Another document's
/// text holding the same word is not this output's.)
fn printed<'b>(brief: &'b Brief, edition: &Edition) -> Vec<Printed<'b>> {
    let def = &brief.def;
    let mut out: Vec<Printed> = each("the brief's `title`", &def.title).collect();
    out.extend(
        def.subtitle
            .iter()
            .flat_map(|s| each("the brief's `subtitle`", s)),
    );
    let audience = |list: &[Spanned<Audience>]| list.iter().any(|a| a.value == edition.audience);
    for d in def
        .documents
        .iter()
        .filter(|d| d.document.value == edition.document && audience(&d.audiences))
    {
        let kind = d.document.value.as_str();
        out.extend(
            d.title
                .iter()
                .flat_map(|t| each(&format!("the `title` of document `{kind}`"), t)),
        );
        out.extend(
            d.subtitle
                .iter()
                .flat_map(|t| each(&format!("the `subtitle` of document `{kind}`"), t)),
        );
        for (name, texts) in &d.texts {
            out.extend(each(&format!("`texts.{name}` of document `{kind}`"), texts));
        }
    }
    for s in def.sections.iter().filter(|s| {
        s.documents
            .as_ref()
            .is_none_or(|ds| ds.iter().any(|d| d.value == edition.document))
            && s.audiences.as_deref().is_none_or(audience)
    }) {
        out.extend(each(
            &format!("the `title` of section `{}`", s.id.value),
            &s.title,
        ));
        for lane in &s.lanes {
            out.extend(each(
                &format!(
                    "the `label` of lane `{}` in section `{}`",
                    lane.tag.value, s.id.value
                ),
                &lane.label,
            ));
        }
    }
    out.retain(|p| !p.text.value.trim().is_empty());
    out
}

/// Text that does not fit the page, reported at the text of `brief` that holds the run (the
/// shortest such text, as for facts), compared as printed: whatever the case (a box's title is
/// set in capitals) and the quote marks (which print as the language's). `None` when no text
/// of the brief that `edition` prints holds it.
pub fn overflow(
    o: &Overflow,
    message: &str,
    brief: &Brief,
    edition: &Edition,
) -> Option<Diagnostic> {
    let run = comparable(o.text.trim().trim_end_matches(['-', '\u{2010}', '\u{AD}']));
    if !run.chars().any(char::is_alphanumeric) {
        return None;
    }
    let output = edition.name();
    let texts = printed(brief, edition);
    let place = texts
        .iter()
        .filter(|p| comparable(&p.text.value).contains(&run))
        .min_by_key(|p| p.text.value.len())?;
    let location = Location::of(&brief.file.path, place.text).at_word(
        &brief.file.text,
        &crate::fact_place::longest_word(&o.text),
        place.text.value.len(),
    );
    Some(
        Diagnostic::at(location, message.to_owned())
            .with_source_line(&brief.file.text)
            .with_hint(format!("in {}, as typeset in {output}", place.what))
            .with_hint(
                "a word, link or number that cannot be broken must fit the line: add spaces or \
                 shorten it",
            ),
    )
}
