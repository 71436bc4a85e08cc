//! The classification marking where machines and readers look for it, on the shipped draft MoU
//! (es, en, es-en) and an internal briefing note: in the PDF's document information and XMP, as
//! one word when text is extracted, in the first page's body (a screen reader skips the header),
//! and the MoU's structure: headings tagged by level, the parallel text's two languages, the
//! recitals in reading order, bilingual furniture on every page, and the page budget.

use crate::common;

use common::{Fixture, contains, pdf_everything};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const DIR: &str = "out/peru-nato-global-partner/peru-nato-global-partner";

/// The shipped project, built once for every test here.
fn built() -> &'static Fixture {
    static BUILT: OnceLock<Fixture> = OnceLock::new();
    BUILT.get_or_init(|| {
        let f = Fixture::shipped();
        f.brief(&["build", "--quiet"]).ok();
        f
    })
}

fn pdf(edition: &str) -> PathBuf {
    built().path().join(format!("{DIR}.{edition}.pdf"))
}

/// Runs a poppler or qpdf tool; where it is not installed, CI fails and a developer is told to
/// install it (`.ci/run` installs qpdf and poppler-utils).
fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "`{name} {args:?}` failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: `{name}` is not installed (apt-get install qpdf poppler-utils); CI runs this check"
            );
            None
        }
        Err(e) => panic!("`{name}` is needed in CI: {e}"),
    }
}

/// What `pdfinfo` shows: the document information's every entry (`-custom`, custom ones too)
/// and the file's properties (page count).
fn info(file: &Path) -> Option<BTreeMap<String, String>> {
    let path = file.to_str().unwrap();
    let out = tool("pdfinfo", &["-custom", path])? + &tool("pdfinfo", &[path])?;
    Some(
        out.lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect(),
    )
}

fn page_text(file: &Path, page: usize) -> Option<String> {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-f", &p, "-l", &p, file.to_str().unwrap(), "-"],
    )
}

/// (edition, the marking line, the bare marking words)
const EDITIONS: &[(&str, &str, &[&str])] = &[
    // Toward NATO, Peru's marking as its law names it, alike in both languages.
    (
        "mou.nato.es",
        "Clasificación: RESERVADO (PERÚ)",
        &["RESERVADO (PERÚ)"],
    ),
    (
        "mou.nato.en",
        "Classification: RESERVADO (PERÚ)",
        &["RESERVADO (PERÚ)"],
    ),
    (
        "mou.nato.es-en",
        "Clasificación / Classification: RESERVADO (PERÚ)",
        &["RESERVADO (PERÚ)"],
    ),
    (
        "briefing-note.mre.es",
        "Clasificación: CONFIDENCIAL",
        &["CONFIDENCIAL"],
    ),
];

#[test]
fn the_marking_is_in_the_document_information_and_xmp() {
    for (edition, line, words) in EDITIONS {
        let file = pdf(edition);
        let all = pdf_everything(&std::fs::read(&file).unwrap());
        // A custom property of its own in XMP, declared in a PDF/A extension schema.
        let label = words.join(" / ");
        assert!(
            contains(
                &all,
                &format!("<brief:Classification>{label}</brief:Classification>")
            ) && contains(&all, "<pdfaSchema:prefix>brief</pdfaSchema:prefix>"),
            "{edition}: no brief:Classification {label:?} in the XMP"
        );
        // XMP: the description (dc:description) and the keywords (pdf:Keywords).
        assert!(
            contains(
                &all,
                &format!("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{line}")
            ),
            "{edition}: the XMP description does not start with {line:?}"
        );
        assert!(
            contains(&all, &format!("<pdf:Keywords>{line}")),
            "{edition}: the XMP keywords do not start with {line:?}"
        );
        // The document information dictionary, as a reader's tool shows it.
        let Some(info) = info(&file) else { return };
        assert_eq!(
            info.get("Classification"),
            Some(&label),
            "{edition}: no Classification entry of its own in the document information"
        );
        assert!(
            info.get("Subject").is_some_and(|s| s.starts_with(line)),
            "{edition}: Subject is {:?}, not {line:?}",
            info.get("Subject")
        );
        assert!(
            info.get("Keywords")
                .is_some_and(|k| k.split(", ").any(|w| w == *line)),
            "{edition}: Keywords {:?} lack {line:?}",
            info.get("Keywords")
        );
    }
}

#[test]
fn the_marking_extracts_as_one_word_and_opens_the_first_page_body() {
    for (edition, line, words) in EDITIONS {
        let Some(first) = page_text(&pdf(edition), 1) else {
            return;
        };
        for word in *words {
            let spaced: String = word.chars().map(|c| format!("{c} ")).collect();
            assert!(
                !first.contains(spaced.trim_end()) && first.contains(word),
                "{edition}: {word} does not extract as one word:\n{first}"
            );
        }
        // The header says the marking alone, so a line that says more is the body's: "Clasificación:
        // CONFIDENCIAL" as the first words, or in a briefing note, whose header block states the
        // classification, that block's row (its label, the marking and the floor's reason), and
        // then only there: the page said it twice.
        if edition.starts_with("briefing-note") {
            let (word, marking) = line.split_once(": ").unwrap();
            assert!(
                first.contains(&word.to_uppercase())
                    && first
                        .lines()
                        .any(|l| l.starts_with(&format!("{marking} — "))),
                "{edition}: the header block does not state the classification:\n{first}"
            );
            assert!(
                !first.contains(line),
                "{edition}: the classification is stated twice:\n{first}"
            );
        } else {
            assert!(
                first.contains(line),
                "{edition}: the first page's body does not say {line:?}:\n{first}"
            );
        }
    }
}

#[test]
fn the_mou_states_its_marking_but_no_domestic_reason_office_or_reference() {
    // A text negotiated with NATO carries its draft marking, but not the Peruvian law behind it,
    // nor the issuing Directorate or its internal file number: on no page, nor in the metadata.
    for edition in ["mou.nato.es", "mou.nato.en", "mou.nato.es-en"] {
        let file = pdf(edition);
        let Some(first) = page_text(&file, 1) else {
            return;
        };
        let all = tool("pdftotext", &[file.to_str().unwrap(), "-"]).unwrap();
        let Some(meta) = info(&file) else { return };
        let meta: String = meta.values().cloned().collect::<Vec<_>>().join("\n");
        // The files handed out beside the PDF too: its Typst source and bibliography.
        let path = file.to_str().unwrap();
        let source = std::fs::read_to_string(path.replace(".pdf", ".typ")).unwrap();
        let bib = std::fs::read_to_string(path.replace(".pdf", ".bib.yaml")).unwrap();
        assert!(
            bib.is_empty(),
            "{edition} ships sources it never cites: {bib}"
        );
        for absent in [
            "27806",
            "DSD-2022",
            "DSD\\u{2d}2022",
            "Dirección de Seguridad y Defensa",
            "Directorate of Security and Defence",
        ] {
            assert!(!all.contains(absent), "{edition} prints {absent:?}");
            assert!(
                !source.contains(absent),
                "{edition}'s source holds {absent:?}"
            );
            assert!(
                !meta.contains(absent),
                "{edition}'s metadata holds {absent:?}"
            );
        }
        let banner = if edition.ends_with(".en") {
            "RESERVADO (PERÚ) — DRAFT FOR NEGOTIATION"
        } else if edition.ends_with("es-en") {
            "RESERVADO (PERÚ) — BORRADOR PARA NEGOCIACIÓN / DRAFT FOR NEGOTIATION"
        } else {
            "RESERVADO (PERÚ) — BORRADOR PARA NEGOCIACIÓN"
        };
        assert!(
            first.contains(banner),
            "{edition}: banner is not {banner:?}"
        );
    }
    // The notes still give the reason their floor rests on.
    let note = pdf("briefing-note.mre.en");
    let all = tool("pdftotext", &[note.to_str().unwrap(), "-"]).unwrap();
    // An article's number is not left alone at the start of a line.
    assert!(!all.contains("art.\n17"), "{all}");
    // (Text extraction may put the header block's labels between the reason's two lines.)
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        all.contains("a Government decision (Law 27806,") && all.contains("art. 17)"),
        "{all}"
    );
}

/// The structure types (`/S`) of every structure element, counted, and whether some element
/// declares the language `lang`.
fn structure(file: &Path) -> (BTreeMap<String, usize>, Vec<String>) {
    let doc = lopdf::Document::load(file).unwrap();
    let mut kinds = BTreeMap::new();
    let mut langs = Vec::new();
    for object in doc.objects.values() {
        let lopdf::Object::Dictionary(d) = object else {
            continue;
        };
        let is_elem = d
            .get(b"Type")
            .and_then(|t| t.as_name())
            .is_ok_and(|t| t == b"StructElem");
        if !is_elem {
            continue;
        }
        if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
            *kinds
                .entry(String::from_utf8_lossy(s).into_owned())
                .or_default() += 1;
        }
        if let Ok(lopdf::Object::String(l, _)) = d.get(b"Lang") {
            langs.push(String::from_utf8_lossy(l).into_owned());
        }
    }
    (kinds, langs)
}

#[test]
fn mou_headings_are_tagged_by_level() {
    // The title H1; the preamble, the twelve numbered paragraphs and the signature H2, with no
    // "Paragraphs" part heading between the preamble and the first paragraph; no H3. The parallel
    // text has each twice.
    for (edition, times) in [
        ("mou.nato.es", 1),
        ("mou.nato.en", 1),
        ("mou.nato.es-en", 2),
    ] {
        let (kinds, _) = structure(&pdf(edition));
        let n = |k: &str| kinds.get(k).copied().unwrap_or(0);
        assert_eq!(
            (n("H1"), n("H2"), n("H3")),
            (times, 14 * times, 0),
            "{edition}: headings by level {kinds:?}"
        );
    }
}

#[test]
fn the_parallel_text_declares_both_languages() {
    let catalog_lang = |edition: &str| {
        let doc = lopdf::Document::load(pdf(edition)).unwrap();
        let root = doc.catalog().unwrap();
        match root.get(b"Lang") {
            Ok(lopdf::Object::String(l, _)) => String::from_utf8_lossy(l).into_owned(),
            other => panic!("{edition}: no document language: {other:?}"),
        }
    };
    assert_eq!(catalog_lang("mou.nato.es-en"), "es-PE");
    // The metadata names both languages; a single-language draft names its own.
    let xmp = |edition: &str| pdf_everything(&std::fs::read(pdf(edition)).unwrap());
    assert!(
        contains(
            &xmp("mou.nato.es-en"),
            "<dc:language><rdf:Bag><rdf:li>es-PE</rdf:li><rdf:li>en-GB</rdf:li></rdf:Bag>"
        ),
        "the parallel text's XMP does not declare both languages"
    );
    assert!(contains(
        &xmp("mou.nato.en"),
        "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag>"
    ));
    let (_, langs) = structure(&pdf("mou.nato.es-en"));
    // Every English paragraph, heading and the English furniture's words are tagged en-GB.
    assert!(
        langs.iter().filter(|l| *l == "en-GB").count() >= 20,
        "the English column is not tagged en-GB: {langs:?}"
    );
    // The single-language draft declares no second language.
    let (_, langs) = structure(&pdf("mou.nato.es"));
    assert!(
        langs.iter().all(|l| l.starts_with("es")),
        "es draft: {langs:?}"
    );
}

#[test]
fn recitals_come_out_in_reading_order() {
    let es = [
        "Reafirmando",
        "Reconociendo",
        "Recordando la decisión",
        "Recordando que el 15",
        "Recordando la incorporación",
        "Deseosos",
        "Han llegado",
    ];
    let en = [
        "Reaffirming",
        "Recognising",
        "Recalling the Allies",
        "Recalling that on 15",
        "Recalling that Peru",
        "Desiring",
        "Have reached",
    ];
    for (edition, lists) in [
        ("mou.nato.es", vec![&es]),
        ("mou.nato.en", vec![&en]),
        ("mou.nato.es-en", vec![&es, &en]),
    ] {
        let Some(text) = tool("pdftotext", &[pdf(edition).to_str().unwrap(), "-"]) else {
            return;
        };
        for list in lists {
            let at: Vec<usize> = list
                .iter()
                .map(|r| {
                    text.find(r)
                        .unwrap_or_else(|| panic!("{edition}: no {r:?}"))
                })
                .collect();
            assert!(
                at.windows(2).all(|w| w[0] < w[1]),
                "{edition}: recitals out of order {at:?}"
            );
        }
    }
}

#[test]
fn every_page_of_the_parallel_text_has_bilingual_furniture() {
    let file = pdf("mou.nato.es-en");
    let Some(info) = info(&file) else { return };
    let pages: usize = info["Pages"].parse().unwrap();
    assert!(pages >= 2);
    for page in 1..=pages {
        let text = page_text(&file, page).unwrap();
        for needle in [
            format!("Página {page} de {pages} / Page {page} of {pages}"),
            "30 de noviembre de 2022 / 30 November 2022".to_owned(),
            "RESERVADO (PERÚ) — BORRADOR PARA NEGOCIACIÓN / DRAFT FOR NEGOTIATION".to_owned(),
        ] {
            assert!(
                text.contains(&needle),
                "page {page} lacks {needle:?}:\n{text}"
            );
        }
    }
}

#[test]
fn the_signature_is_stated_once_without_nested_brackets() {
    for (edition, signed, by) in [
        (
            "mou.nato.es",
            "Firmado en [lugar]",
            "Por el Gobierno de la República del Perú",
        ),
        (
            "mou.nato.en",
            "Signed at [place]",
            "For the Government of the Republic of Peru",
        ),
    ] {
        let Some(text) = tool("pdftotext", &[pdf(edition).to_str().unwrap(), "-"]) else {
            return;
        };
        assert_eq!(text.matches(signed).count(), 1, "{edition}: {signed}");
        assert_eq!(text.matches(by).count(), 1, "{edition}: {by}");
        assert!(!text.contains("[["), "{edition}: nested brackets");
    }
}

#[test]
fn mou_drafts_keep_to_their_page_budget() {
    let run = built().brief(&["check"]).ok();
    let output = run.stdout() + &run.stderr();
    for edition in ["mou.nato.es", "mou.nato.en", "mou.nato.es-en"] {
        let name = format!("peru-nato-global-partner.{edition} ");
        let line = output
            .lines()
            .find(|l| l.contains(&name))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("`brief check` does not list {edition}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        let (pages, budget) = (words[1], words[3]);
        assert_eq!(words[2], "of", "{edition} has no budget: {line}");
        let (pages, budget): (usize, usize) = (pages.parse().unwrap(), budget.parse().unwrap());
        assert_eq!(budget, 4, "{line}");
        assert!(pages <= budget, "{line}");
    }
}

#[test]
fn no_document_for_nato_uses_a_level_of_natos_own_scheme() {
    // "RESTRICTED" or "CONFIDENTIAL" on a paper handed to NATO reads as NATO RESTRICTED or NATO
    // CONFIDENTIAL. Peru's marking is printed as Peru's law names it, with the State's name,
    // on the pages and in the metadata; the internal English editions keep the translation.
    for edition in [
        "mou.nato.es",
        "mou.nato.en",
        "mou.nato.es-en",
        "non-paper.nato.es",
        "non-paper.nato.en",
    ] {
        let file = pdf(edition);
        let all = pdf_everything(&std::fs::read(&file).unwrap());
        for level in ["RESTRICTED", "CONFIDENTIAL", "Restricted", "Confidential"] {
            assert!(!contains(&all, level), "{edition} says {level}");
        }
        assert!(contains(&all, "RESERVADO (PERÚ)"), "{edition}");
        let Some(first) = page_text(&file, 1) else {
            return;
        };
        assert!(first.contains("RESERVADO (PERÚ)"), "{edition}:\n{first}");
    }
    let Some(note) = page_text(&pdf("talking-points.mre.en"), 1) else {
        return;
    };
    assert!(
        note.contains("RESTRICTED") && !note.contains("(PERÚ)"),
        "{note}"
    );
}

/// Each fact's portion mark in every edition `brief show` lists for the shipped brief, with
/// the edition's own marking.
fn shipped_marks() -> Vec<(String, String, BTreeMap<String, String>)> {
    let f = Fixture::shipped();
    let mut all = Vec::new();
    for edition in [
        "dossier.mre",
        "briefing-note.mre",
        "briefing-note.defence",
        "talking-points.mre",
        "non-paper.nato",
        "mou.nato",
    ] {
        for lang in ["es", "en"] {
            let name =
                format!("peru-nato-global-partner/peru-nato-global-partner.{edition}.{lang}");
            let run = f.brief(&["show", &name, "--format", "json"]).ok();
            let shown: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
            let mut facts = BTreeMap::new();
            for section in shown["sections"].as_array().unwrap() {
                for fact in section["facts"].as_array().unwrap() {
                    facts.insert(
                        fact["id"].as_str().unwrap().to_owned(),
                        fact["classification"].as_str().unwrap().to_owned(),
                    );
                }
            }
            let marking = shown["marking"]["classification"]
                .as_str()
                .unwrap()
                .to_owned();
            all.push((format!("{edition}.{lang}"), marking, facts));
        }
    }
    all
}

#[test]
fn a_statement_carries_one_mark_in_the_pack_and_none_above_what_nato_is_handed() {
    // The same fact is not (P) in the dossier and (C) in a note; and a fact handed to NATO in a
    // RESERVADO paper is not CONFIDENCIAL inside the Ministry (a recommendation section must
    // draw recommendations, not the shared texts they build on).
    let rank = |c: &str| {
        ["publico", "reservado", "confidencial"]
            .iter()
            .position(|l| *l == c)
            .unwrap()
    };
    let all = shipped_marks();
    let mut internal: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for (edition, _, facts) in all.iter().filter(|(e, _, _)| !e.contains(".nato.")) {
        for (id, mark) in facts {
            if let Some((other, seen)) = internal.get(id.as_str()) {
                assert_eq!(
                    seen, mark,
                    "{id} is {seen} in {other} and {mark} in {edition}"
                );
            }
            internal.insert(id, (edition, mark));
        }
    }
    let mut shared = 0;
    for (edition, marking, facts) in all.iter().filter(|(e, _, _)| e.contains(".nato.")) {
        for id in facts.keys() {
            if let Some((other, mark)) = internal.get(id.as_str()) {
                shared += 1;
                assert!(
                    rank(mark) <= rank(marking),
                    "{id} goes to NATO in {edition}, marked {marking}, but is {mark} in {other}"
                );
            }
        }
    }
    assert!(
        shared >= 10,
        "only {shared} facts shared between NATO and internal editions"
    );
}

#[test]
fn every_fact_of_the_thesis_reaches_a_document() {
    // The coverage `check` prints: no data file has a fact that no edition of any brief shows,
    // itself or through a fact that restates it (the curation leaves repeats out, not facts).
    let run = built().brief(&["check"]).ok();
    let out = run.stdout();
    let total = out
        .lines()
        .find(|l| l.starts_with("total "))
        .unwrap_or_else(|| panic!("no coverage total in {out}"));
    let columns: Vec<&str> = total.split_whitespace().collect();
    assert!(
        columns[1].parse::<usize>().unwrap() > 400,
        "the shipped data holds the thesis: {total}"
    );
    assert_eq!(columns.last(), Some(&"0"), "unused facts: {total}\n{out}");
    assert!(!out.contains("unused in "), "{out}");
}

#[test]
fn a_portion_marked_document_keys_its_marks_on_the_first_page_and_no_other_does() {
    // "(R)" in an English edition could be read as NATO RESTRICTED: where paragraphs carry
    // marks, the first page says what they stand for; where none do, it says nothing of them.
    for (edition, key) in [
        (
            "briefing-note.mre.es",
            "Marcas por párrafo: (P) público, (R) reservado, (C) confidencial",
        ),
        (
            "briefing-note.mre.en",
            "Paragraph marks: (U) public, (R) restricted, (C) confidential",
        ),
        (
            "dossier.mre.en",
            "Paragraph marks: (U) public, (R) restricted, (C) confidential",
        ),
    ] {
        let Some(first) = page_text(&pdf(edition), 1) else {
            return;
        };
        let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            first.contains(key),
            "{edition}: no key to its marks:\n{first}"
        );
    }
    for edition in ["talking-points.mre.en", "non-paper.nato.en", "mou.nato.es"] {
        let Some(first) = page_text(&pdf(edition), 1) else {
            return;
        };
        assert!(
            !first.contains("Paragraph marks") && !first.contains("Marcas por párrafo"),
            "{edition} keys marks it does not print:\n{first}"
        );
    }
}

#[test]
fn the_parallel_mou_hyphenates_no_name() {
    // The narrow columns hyphenated "Nor-te (OTAN)", "Build-ing Integrity" and "Codifica-tion
    // System": a name is what a reader checks against the other column. Lowercase words may
    // still be hyphenated (Typst writes the hyphen as a soft hyphen at the line's end).
    let text = tool("pdftotext", &[pdf("mou.nato.es-en").to_str().unwrap(), "-"]).unwrap();
    let hyphenated: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_end().strip_suffix(['\u{AD}', '-', '\u{2010}']))
        .filter_map(|l| l.split_whitespace().last())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    assert!(hyphenated.is_empty(), "names hyphenated: {hyphenated:?}");
    // Lowercase words are still hyphenated, so the test reads the line ends it means to.
    assert!(text.lines().any(|l| l.ends_with('\u{AD}')), "{text}");
}
