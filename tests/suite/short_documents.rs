//! The two short documents of the shipped project, as their readers receive them: the non-paper
//! handed to a NATO counterpart (informal, unattributable, nothing internal, at most 2 pages) and
//! the Vice-Minister's talking points (lines to say, no apparatus, at most 2 pages).

use crate::common;

use brief::model::Lang;
use brief::model::vocab::{Kind, Sensitivity};
use brief::project::Project;
use common::{Fixture, contains, pdf_everything, pdf_text, squash, unquoted};
use std::path::Path;

const LANGS: [&str; 2] = ["es", "en"];

fn out(document: &str, lang: &str, ext: &str) -> String {
    format!("out/peru-nato-global-partner/peru-nato-global-partner.{document}.{lang}.{ext}")
}

fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("valid PDF")
        .get_pages()
        .len()
}

/// An author-date citation as the bibliography style prints it: "(North Atlantic Council 2021)",
/// "(Novak y Namihas, 2021, p. 90)", "(GI, 2021a)": an author, then a year. A bare year
/// ("(2021)") or a paragraph number ("(párrafo 6.e)") is not one.
fn citations(text: &str) -> Vec<String> {
    let text = text.replace('\n', " ");
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(len) = text[open..].find(')') else {
            continue;
        };
        // A text extractor may space the parentheses: "( UN News 2022 )".
        let inner = text[open + 1..open + len].trim();
        let year = |w: &str| {
            let digits = w.chars().take_while(char::is_ascii_digit).count();
            digits == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.len() <= 5
                && w[4..].chars().all(|c| c.is_ascii_lowercase())
        };
        let has_year = inner.split(|c: char| !c.is_alphanumeric()).any(year);
        let authored = inner.chars().next().is_some_and(char::is_alphabetic);
        if inner.chars().count() <= 90 && has_year && authored {
            found.push(inner.to_owned());
        }
    }
    found
}

#[test]
fn the_citation_detector_sees_author_date_citations() {
    // The positive control of the "no citation" assertions below.
    assert_eq!(
        citations(
            "(Novak y Namihas, 2021, p. 90). Y (GI,\n2021a) y ( North Atlantic Council 2021 )."
        ),
        vec![
            "Novak y Namihas, 2021, p. 90",
            "GI, 2021a",
            "North Atlantic Council 2021"
        ]
    );
    assert!(citations("Bruselas de 2021 (párrafo 6.e) (AC/135) desde 2022 (2021)").is_empty());
}

/// The shipped project with the two short documents built.
fn built() -> Fixture {
    let f = Fixture::shipped();
    for document in ["non-paper", "talking-points"] {
        f.brief(&["build", "--quiet", "--document", document]).ok();
    }
    f
}

/// Facts of the shipped data: (id, sensitivity, kind, tags, text by language).
struct Shipped {
    id: String,
    internal: bool,
    kind: Kind,
    tags: Vec<String>,
    text: [String; 2],
}

fn shipped_facts() -> Vec<Shipped> {
    let project = Project::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let dataset = brief::pipeline::load_dataset(&project).expect("the shipped data is valid");
    dataset
        .facts
        .iter()
        .map(|r| {
            let f = &r.fact;
            Shipped {
                id: r.id().to_owned(),
                internal: f.sensitivity.value == Sensitivity::Internal,
                kind: f.kind.value,
                tags: f.tags.iter().map(|t| t.value.clone()).collect(),
                text: LANGS.map(|l| f.text.get(Lang::new(l)).to_owned()),
            }
        })
        .collect()
}

/// Whether a fact's text is in a PDF's text: its first 60 characters, white space and line-end
/// hyphens removed (typesetting breaks lines and may hyphenate).
fn shows(pdf: &str, text: &str) -> bool {
    let needle: String = unquoted(&squash(text)).chars().take(60).collect();
    unquoted(&squash(pdf)).contains(&needle)
}

#[test]
fn the_non_paper_is_short_unattributable_and_holds_nothing_internal() {
    let f = built();
    let facts = shipped_facts();
    for (i, lang) in LANGS.iter().enumerate() {
        let bytes = f.read(&out("non-paper.nato", lang, "pdf"));
        let text = pdf_text(&bytes);
        let everything = pdf_everything(&bytes);
        let flat = squash(&text).to_lowercase();

        let n = pages(&bytes);
        assert!(n <= 2, "non-paper.{lang}: {n} pages, budget 2");
        let heading = if *lang == "es" {
            "documentooficioso"
        } else {
            "non-paper"
        };
        assert!(
            flat.contains(heading),
            "non-paper.{lang}: no {heading:?} heading:\n{text}"
        );

        // No letterhead, office or reference: not in the pages, not in the metadata.
        for office in [
            "Dirección de Seguridad y Defensa",
            "Directorate of Security and Defence",
            "REPÚBLICA DEL PERÚ",
            "REPUBLIC OF PERU",
        ] {
            assert!(
                !squash(&text).contains(&squash(office)),
                "non-paper.{lang} names {office:?}:\n{text}"
            );
        }
        assert!(
            !contains(&everything, "Directorate of Security"),
            "non-paper.{lang}: the office is in the PDF's bytes (metadata?)"
        );
        assert!(
            !contains(&everything, "DSD-"),
            "non-paper.{lang} carries a DSD- reference"
        );
        for label in ["Referencia", "Reference", "Destinatario", "For:"] {
            assert!(
                !text.contains(label),
                "non-paper.{lang} prints {label:?}:\n{text}"
            );
        }

        // No citations, no source list, no MoU wording.
        assert_eq!(
            citations(&text),
            Vec::<String>::new(),
            "non-paper.{lang} cites:\n{text}"
        );
        for heading in ["Fuentes", "Sources", "Bibliografía", "References"] {
            assert!(
                !text.contains(heading),
                "non-paper.{lang} has {heading:?}:\n{text}"
            );
        }
        for word in ["Participants", "Participantes"] {
            assert!(
                !text.contains(word),
                "non-paper.{lang} says {word:?}:\n{text}"
            );
        }

        // Nothing internal, by the text of every internal fact of the shipped data.
        let leaked: Vec<&str> = facts
            .iter()
            .filter(|s| s.internal && shows(&text, &s.text[i]))
            .map(|s| s.id.as_str())
            .collect();
        // The positive control: the same matcher finds internal facts in the talking points.
        let internal_text = pdf_text(&f.read(&out("talking-points.mre", lang, "pdf")));
        assert!(
            facts
                .iter()
                .any(|s| s.internal && shows(&internal_text, &s.text[i])),
            "positive control: no internal fact found in talking-points.{lang}"
        );
        assert!(
            leaked.is_empty(),
            "non-paper.{lang} shows internal facts: {leaked:?}"
        );
    }
}

#[test]
fn the_talking_points_are_short_lines_to_say() {
    let f = built();
    let facts = shipped_facts();
    let points = |tag: &str| -> Vec<&Shipped> {
        facts
            .iter()
            .filter(|s| s.kind == Kind::Point && s.tags.iter().any(|t| t == tag))
            .collect()
    };
    let raise = points("tp-raise");
    assert!(
        (4..=8).contains(&raise.len()),
        "{} points to raise; the genre wants 4 to 8",
        raise.len()
    );
    assert!(!points("tp-responsive").is_empty(), "no responsive points");

    for (i, lang) in LANGS.iter().enumerate() {
        let bytes = f.read(&out("talking-points.mre", lang, "pdf"));
        let text = pdf_text(&bytes);
        let n = pages(&bytes);
        assert!(n <= 2, "talking-points.{lang}: {n} pages, budget 2");

        for point in raise.iter().chain(points("tp-responsive").iter()) {
            assert!(
                shows(&text, &point.text[i]),
                "talking-points.{lang} lacks point {}:\n{text}",
                point.id
            );
        }
        let objective = if *lang == "es" {
            "Objetivo"
        } else {
            "Objective"
        };
        assert!(
            text.contains(objective),
            "talking-points.{lang}: no objective:\n{text}"
        );

        assert_eq!(
            citations(&text),
            Vec::<String>::new(),
            "talking-points.{lang} cites:\n{text}"
        );
        let typ = String::from_utf8(f.read(&out("talking-points.mre", lang, "typ"))).unwrap();
        assert!(
            !typ.contains("table(") && !typ.contains("#bibliography"),
            "talking-points.{lang} holds a table or a bibliography"
        );
    }
}

/// Interview material belongs to the dossier alone: no other shipped document attributes a
/// statement to an interviewee, an analyst or an informant, in either language.
#[test]
fn only_the_dossier_speaks_of_interviews() {
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet"]).ok();
    let words = [
        "entrevist",
        "interview",
        "informante",
        "informant",
        "analista",
        "analyst",
    ];
    let mut dossier_mentions = 0;
    for pdf in f.pdf_names() {
        let name = pdf.to_string_lossy().into_owned();
        let text = pdf_text(&f.read(&format!("out/{name}"))).to_lowercase();
        let found: Vec<&str> = words.iter().copied().filter(|w| text.contains(w)).collect();
        if name.contains(".dossier.") {
            dossier_mentions += found.len();
        } else {
            assert!(found.is_empty(), "{name} speaks of interviews: {found:?}");
        }
    }
    // The positive control: the dossier, which opts into research material, does.
    assert!(
        dossier_mentions > 0,
        "the detector found no interview material anywhere"
    );
}
