//! The shipped briefing notes (issue 12 §2): the MRE note and the Defence note, each in Spanish
//! and English, are notas informativas a decision-maker reads in minutes. Each fits its page
//! budget, opens with the header block and closes with the drafted-by / cleared-by block, carries
//! no citations or source list, shows each fact once, and the Defence note has its own title and
//! key messages.

use crate::common;

use common::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

const DIR: &str = "out/peru-nato-global-partner";
const STEM: &str = "peru-nato-global-partner/peru-nato-global-partner.briefing-note";
/// The notes' page budget (issue 12 §2).
const MAX_PAGES: usize = 4;

/// The shipped project with its briefing notes built, and what `brief check` said: built once
/// for every test here.
struct Built {
    fixture: Fixture,
    /// What `brief check` printed, standard output then standard error.
    check_output: String,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let fixture = Fixture::shipped();
        let check = fixture.brief(&["check"]).ok();
        fixture
            .brief(&["build", "--quiet", "--document", "briefing-note"])
            .ok();
        Built {
            check_output: check.stdout() + &check.stderr(),
            fixture,
        }
    })
}

/// The four notes: (audience, language).
const NOTES: [(&str, &str); 4] = [
    ("mre", "es"),
    ("mre", "en"),
    ("defence", "es"),
    ("defence", "en"),
];

fn pdf(audience: &str, lang: &str) -> Vec<u8> {
    built().fixture.read(&format!(
        "{DIR}/peru-nato-global-partner.briefing-note.{audience}.{lang}.pdf"
    ))
}

fn typst_source(audience: &str, lang: &str) -> String {
    String::from_utf8(built().fixture.read(&format!(
        "{DIR}/peru-nato-global-partner.briefing-note.{audience}.{lang}.typ"
    )))
    .unwrap()
}

/// The words the header and closing blocks print, per language (templates/catalog.yaml).
fn labels(lang: &str) -> Labels {
    match lang {
        "es" => Labels {
            header: [
                "PARA",
                "DE",
                "FECHA",
                "REFERENCIA",
                "ASUNTO",
                "CLASIFICACIÓN",
            ],
            closing: ["Elaborado por", "Visto bueno", "Anexo"],
            sources: "Fuentes",
            key_messages: "Mensajes clave",
        },
        _ => Labels {
            header: [
                "TO",
                "FROM",
                "DATE",
                "REFERENCE",
                "SUBJECT",
                "CLASSIFICATION",
            ],
            closing: ["Drafted by", "Cleared by", "Annex"],
            sources: "Sources",
            key_messages: "Key messages",
        },
    }
}

struct Labels {
    header: [&'static str; 6],
    closing: [&'static str; 3],
    sources: &'static str,
    key_messages: &'static str,
}

/// The `brief show --format json` report of a note.
fn show(audience: &str, lang: &str) -> serde_json::Value {
    let run = built()
        .fixture
        .brief(&[
            "show",
            &format!("{STEM}.{audience}.{lang}"),
            "--format",
            "json",
        ])
        .ok();
    serde_json::from_str(&run.stdout()).expect("show prints JSON")
}

/// (section title, fact ids) of a note, in order.
fn sections(audience: &str, lang: &str) -> Vec<(String, Vec<String>)> {
    let report = show(audience, lang);
    report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            let ids = s["facts"]
                .as_array()
                .expect("facts")
                .iter()
                .map(|f| f["id"].as_str().expect("an id").to_owned())
                .collect();
            (s["title"].as_str().expect("a title").to_owned(), ids)
        })
        .collect()
}

/// The document title a PDF declares in its information dictionary.
fn info_title(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("valid PDF");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .expect("an information dictionary");
    let raw = info
        .get(b"Title")
        .and_then(|t| t.as_str())
        .expect("a title");
    lopdf::decode_text_string(&lopdf::Object::string_literal(raw.to_vec()))
        .expect("a decodable title")
}

#[test]
fn every_note_fits_its_four_page_budget() {
    for (audience, lang) in NOTES {
        let doc = lopdf::Document::load_mem(&pdf(audience, lang)).unwrap();
        let pages = doc.get_pages().len();
        assert!(
            pages <= MAX_PAGES,
            "briefing-note.{audience}.{lang} has {pages} pages, over {MAX_PAGES}"
        );
        // `brief check` reports the same against the budget the catalog declares.
        let line = built()
            .check_output
            .lines()
            .find(|l| {
                l.trim_start()
                    .starts_with(&format!("{STEM}.{audience}.{lang} "))
            })
            .unwrap_or_else(|| panic!("no budget line for {audience}.{lang}"))
            .to_owned();
        assert!(
            line.trim_end()
                .ends_with(&format!("{pages} of {MAX_PAGES}")),
            "check reports {line:?}"
        );
    }
}

#[test]
fn every_note_opens_with_the_header_block_and_closes_with_drafted_and_cleared() {
    for (audience, lang) in NOTES {
        let text = squash(&pdf_text(&pdf(audience, lang)));
        let l = labels(lang);
        // The header block in its order: to, from, date, reference, subject, classification.
        let mut from = 0;
        for label in l.header {
            let at = text[from..].find(&squash(label)).unwrap_or_else(|| {
                panic!("{audience}.{lang}: no header label {label:?} after byte {from}")
            });
            from += at + label.len();
        }
        let reference = if audience == "mre" {
            "DSD-2022-0147"
        } else {
            "DSD-2022-0150"
        };
        assert!(
            text.contains(&format!("{}{reference}", squash(l.header[3]))),
            "{audience}.{lang}: the reference does not follow its label"
        );
        // The closing block: who drafted, who cleared, and the annexes: the MRE's note carries
        // its background dossier; the Defence note does not, the dossier being the MRE's alone
        // (it holds facts no Defence edition carries), and annexes the draft memorandum.
        let mut from = 0;
        for label in l.closing {
            let at = text[from..]
                .find(&squash(label))
                .unwrap_or_else(|| panic!("{audience}.{lang}: no closing label {label:?}"));
            from += at + label.len();
        }
        assert_eq!(
            text[from..].contains("DSD-2022-0147-A"),
            audience == "mre",
            "{audience}.{lang}: the annex line and the dossier"
        );
        assert!(
            text[from..].contains("DSD-2022-0149"),
            "{audience}.{lang}: the annex line does not name the draft memorandum"
        );
    }
}

#[test]
fn no_note_cites_or_lists_sources() {
    for (audience, lang) in NOTES {
        let source = typst_source(audience, lang);
        assert!(
            !source.contains("#cite(") && !source.contains("#bibliography("),
            "{audience}.{lang}: the Typst source cites or prints a bibliography"
        );
        let text = pdf_text(&pdf(audience, lang));
        let sources = labels(lang).sources;
        assert!(
            !text.lines().any(|line| line.trim() == sources),
            "{audience}.{lang}: a {sources:?} list"
        );
    }
}

#[test]
fn the_defence_note_has_its_own_title_and_key_messages() {
    for lang in ["es", "en"] {
        let mre_title = info_title(&pdf("mre", lang));
        let defence_title = info_title(&pdf("defence", lang));
        assert_ne!(mre_title, defence_title, "{lang}: one title for both notes");
        assert!(
            !squash(&pdf_text(&pdf("defence", lang))).contains(&squash(&mre_title)),
            "{lang}: the Defence note prints the MRE note's title {mre_title:?}"
        );
        let key = labels(lang).key_messages;
        let key_facts = |audience| -> BTreeSet<String> {
            let found: Vec<_> = sections(audience, lang)
                .into_iter()
                .filter(|(title, _)| title == key)
                .collect();
            assert_eq!(found.len(), 1, "{audience}.{lang}: one {key:?} section");
            found[0].1.iter().cloned().collect()
        };
        let (mre, defence) = (key_facts("mre"), key_facts("defence"));
        assert!(
            mre.len() >= 3 && defence.len() >= 3,
            "{lang}: 3–5 key messages each"
        );
        let shared: Vec<_> = mre.intersection(&defence).collect();
        assert!(
            shared.is_empty(),
            "{lang}: key messages in both notes: {shared:?}"
        );
    }
}

#[test]
fn every_fact_appears_at_most_once_in_each_note() {
    for (audience, lang) in NOTES {
        let mut seen = BTreeSet::new();
        for (title, ids) in sections(audience, lang) {
            for id in ids {
                assert!(
                    seen.insert(id.clone()),
                    "{audience}.{lang}: `{id}` again in {title:?}"
                );
            }
        }
        assert!(!seen.is_empty(), "{audience}.{lang} holds no facts");
    }
    // And the brief names no fact twice for a note: `check` reports no repeat in one.
    let repeats: Vec<_> = built()
        .check_output
        .lines()
        .filter(|l| l.starts_with("repeated:") && l.contains(".briefing-note."))
        .collect();
    assert!(
        repeats.is_empty(),
        "repeated facts in the notes:\n{}",
        repeats.join("\n")
    );
}

/// A note's marking follows from its paragraphs: the recommendations, confidential before a
/// decision of the Government, carry the (C) that makes the note CONFIDENTIAL, in both notes and
/// both languages, and no paragraph is marked above the note.
#[test]
fn the_recommendations_carry_the_mark_that_makes_a_note_confidential() {
    for audience in ["mre", "defence"] {
        for lang in ["es", "en"] {
            let report = show(audience, lang);
            assert_eq!(
                report["marking"]["classification"], "confidencial",
                "{report}"
            );
            let sections = report["sections"].as_array().expect("sections");
            let recommendation = sections
                .iter()
                .find(|s| {
                    s["id"]
                        .as_str()
                        .is_some_and(|id| id.ends_with("-recommendation"))
                })
                .expect("a recommendation section");
            let facts = recommendation["facts"].as_array().expect("facts");
            assert!(!facts.is_empty());
            for f in facts {
                assert_eq!(
                    f["classification"], "confidencial",
                    "{audience}.{lang}: {f}"
                );
            }
            let text = pdf_text(&pdf(audience, lang));
            assert!(
                text.matches("(C)").count() > facts.len(),
                "{audience}.{lang}: the recommendations and the decision sought print (C)"
            );
        }
    }
}

/// Every paragraph of a note carries a portion mark, the purpose too: it frames the decision
/// sought and is marked as that is, at the note's level. It printed bare above the key messages.
#[test]
fn the_purpose_is_portion_marked_at_the_notes_level() {
    for audience in ["mre", "defence"] {
        for (lang, heading) in [("es", "Propósito"), ("en", "Purpose")] {
            let text = pdf_text(&pdf(audience, lang));
            let after = text
                .split_once(&format!("1. {heading}"))
                .unwrap_or_else(|| panic!("{audience}.{lang}: no purpose heading in {text}"))
                .1
                .trim_start();
            assert!(
                after.starts_with("(C)"),
                "{audience}.{lang}: the purpose opens {:?}",
                &after[..after.len().min(60)]
            );
        }
    }
}
