//! The editable MoU (issue 18): every MoU edition is also written as a DOCX, read here by a real
//! word processor (LibreOffice, Debian's `libreoffice-writer-nogui`, headless): its paragraphs
//! say what the PDF says, the marking is in the header of every page, the parallel text keeps
//! each pair on one row, the package is deterministic and macro-free, and `brief diff --redline
//! … --docx` writes tracked changes that LibreOffice reads as changes and whose acceptance gives
//! the new text. A text XML cannot hold is refused at its place with nothing written.

use crate::common;

use brief::pipeline::{self, Selection};
use brief::project::Project;
use common::{DEADLINE, Fixture, docx_part, docx_parts, pdf_text, squash, unquoted};
use std::path::{Path, PathBuf};
use std::process::Command;

const MOU: &str = "out/test-brief/test-brief.mou.nato";
const SHIPPED: &str = "out/peru-nato-global-partner/peru-nato-global-partner.mou.nato";

/// Debian's LibreOffice; where it is not installed, CI fails and a developer is told to install it.
fn soffice() -> Option<&'static str> {
    match Command::new("soffice").arg("--version").output() {
        Ok(out) if out.status.success() => Some("soffice"),
        _ if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: `soffice` is not installed (apt-get install libreoffice-writer-nogui); CI runs this check"
            );
            None
        }
        other => panic!("`soffice` is needed in CI: {other:?}"),
    }
}

/// Converts every file of `files` to `format` (`txt:Text (encoded):UTF8`, `pdf`, `odt`) into
/// `into`, in one LibreOffice run with a profile of its own (tests run in parallel), and returns
/// the converted files in the same order.
fn convert(f: &Fixture, files: &[PathBuf], format: &str, into: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(into)
        .args(files);
    let run = f.run(command, DEADLINE);
    assert_eq!(run.code(), 0, "soffice failed: {}", run.stderr());
    let ext = format.split(':').next().unwrap();
    files
        .iter()
        .map(|file| {
            let out = into.join(file.with_extension(ext).file_name().unwrap());
            assert!(
                out.exists(),
                "soffice wrote no {}: {}{}",
                out.display(),
                run.stdout(),
                run.stderr()
            );
            out
        })
        .collect()
}

/// Text as compared between the DOCX and the PDF: no white space, no line-end or other hyphen,
/// quotes alike, and no digits (the PDF's line numbers sit among its lines).
fn norm(text: &str) -> String {
    squash(&unquoted(text))
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '-' && *c != '\u{2010}')
        .collect()
}

/// Where `words` (normalised) are printed in `pdf` (normalised) from `from` on, one after the
/// other: the position after the last. Between two words only a page break may come, at most
/// twice in one paragraph: the furniture of two pages, and in a parallel text the other column's
/// part of the row (at most `gap` bytes).
fn printed_at(pdf: &str, words: &[String], from: usize, gap: usize) -> Option<usize> {
    let (first, rest) = words.split_first()?;
    'start: for (start, _) in pdf[from..].match_indices(first.as_str()) {
        let mut pos = from + start + first.len();
        let mut breaks = 0;
        for w in rest {
            if pdf[pos..].starts_with(w.as_str()) {
                pos += w.len();
                continue;
            }
            breaks += 1;
            match pdf[pos..].find(w.as_str()) {
                Some(skip) if skip <= gap && breaks <= 2 => pos += skip + w.len(),
                _ => continue 'start,
            }
        }
        return Some(pos);
    }
    None
}

/// `pdftotext -layout`, page by page.
fn layout_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The texts of every fact the MoU edition `name` shows, with its brackets when open, in each
/// of its languages, from the build's own selection.
fn fact_texts(f: &Fixture, name: &str) -> Vec<String> {
    let project = Project::open(f.path()).unwrap();
    let selection = Selection {
        documents: vec!["mou".into()],
        ..Selection::default()
    };
    let prepared = pipeline::prepare(&project, &selection).unwrap_or_else(|_| panic!("prepared"));
    let planned = prepared
        .planned
        .iter()
        .find(|p| format!("out/{}", p.name()) == name)
        .unwrap();
    let mut texts = Vec::new();
    let mut view = Some(&planned.view);
    while let Some(v) = view {
        for s in &v.sections {
            for fact in &s.facts {
                texts.push(if fact.open {
                    format!("[{}]", fact.text)
                } else {
                    fact.text.clone()
                });
            }
        }
        view = v
            .parallel
            .as_deref()
            .filter(|_| planned.edition.tongue.to_string().contains('-'));
    }
    texts
}

#[test]
fn every_mou_edition_has_a_docx_whose_paragraphs_are_the_pdfs() {
    let Some(_) = soffice() else { return };
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet", "--document", "mou"]).ok();
    let scratch = tempfile::tempdir().unwrap();
    let langs = ["es", "en", "es-en"];
    let docx: Vec<PathBuf> = langs
        .iter()
        .map(|l| f.path().join(format!("{SHIPPED}.{l}.docx")))
        .collect();
    let texts = convert(&f, &docx, "txt:Text (encoded):UTF8", scratch.path());
    for (i, lang) in langs.iter().enumerate() {
        let name = format!("{SHIPPED}.{lang}");
        let pdf = norm(&pdf_text(&f.read(&format!("{name}.pdf"))));
        let txt = std::fs::read_to_string(&texts[i]).unwrap();
        let txt = txt.trim_start_matches('\u{feff}');
        let paragraphs: Vec<&str> = txt
            .lines()
            .map(str::trim)
            .filter(|l| !norm(l).is_empty())
            .collect();
        assert!(paragraphs.len() > 20, "{name}: {paragraphs:?}");
        // Every paragraph LibreOffice reads is in the PDF, in the same order (a single-language
        // text; the parallel text's cells are checked row by row below).
        let mut from = 0;
        for p in &paragraphs {
            let words: Vec<String> = p
                .split_whitespace()
                .map(norm)
                .filter(|w| !w.is_empty())
                .collect();
            let gap = if lang.contains('-') { 2500 } else { 600 };
            let at = printed_at(&pdf, &words, from, gap);
            assert!(
                at.is_some() || printed_at(&pdf, &words, 0, gap).is_some(),
                "{name}.docx paragraph not in its PDF: {p:?}\n{}",
                pdf.find(&words[0..3].concat())
                    .map_or(String::new(), |i| pdf[i..].chars().take(900).collect())
            );
            if !lang.contains('-') {
                from = at.unwrap_or_else(|| panic!("{name}.docx paragraph out of order: {p:?}"));
            }
        }
        // And every fact the edition shows is in the DOCX, brackets and all.
        let all = norm(txt);
        for text in fact_texts(&f, &name) {
            assert!(all.contains(&norm(&text)), "{name}.docx lacks {text:?}");
        }
    }
}

#[test]
fn the_marking_is_in_the_header_of_every_page_and_the_pairs_share_their_rows() {
    let Some(_) = soffice() else { return };
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet", "--document", "mou"]).ok();
    let scratch = tempfile::tempdir().unwrap();
    let langs = ["es", "en", "es-en"];
    let docx: Vec<PathBuf> = langs
        .iter()
        .map(|l| f.path().join(format!("{SHIPPED}.{l}.docx")))
        .collect();
    let pdfs = convert(&f, &docx, "pdf", scratch.path());
    let marking = [
        ("es", "RESERVADO (PERÚ) — BORRADOR PARA NEGOCIACIÓN"),
        ("en", "RESERVADO (PERÚ) — DRAFT FOR NEGOTIATION"),
        (
            "es-en",
            "RESERVADO (PERÚ) — BORRADOR PARA NEGOCIACIÓN / DRAFT FOR NEGOTIATION",
        ),
    ];
    for (i, (lang, banner)) in marking.iter().enumerate() {
        let bytes = std::fs::read(&docx[i]).unwrap();
        let header = docx_part(&bytes, "word/header1.xml");
        assert!(header.contains(banner), "{lang}: header {header}");
        let pages = layout_pages(&pdfs[i]);
        assert!(pages.len() >= 2, "{lang}: {} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            // The header's first line, as LibreOffice lays the page out.
            let first = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            assert!(
                first.trim() == *banner,
                "{lang} page {}: first line {first:?}",
                n + 1
            );
            assert!(
                page.contains(&format!(
                    "{} {} ",
                    if lang.starts_with("es") {
                        "Página"
                    } else {
                        "Page"
                    },
                    n + 1
                )),
                "{lang} page {} has no page number in its footer:\n{page}",
                n + 1
            );
        }
    }
    // The parallel text: every paragraph pair is one row, Spanish on the left and English on the
    // right, so the pair starts on the same line of the page.
    let bytes = std::fs::read(&docx[2]).unwrap();
    let document = docx_part(&bytes, "word/document.xml");
    let es = norm(&pdf_text(&f.read(&format!("{SHIPPED}.es.pdf"))));
    let en = norm(&pdf_text(&f.read(&format!("{SHIPPED}.en.pdf"))));
    // The parallel text's table (the signature lines follow in a table of their own), without
    // its header row.
    let table = &document[..document.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table
        .split("<w:tr>")
        .skip(1)
        .filter(|r| !r.contains("<w:tblHeader/>"))
        .collect();
    assert!(rows.len() > 20, "{} rows", rows.len());
    let mut pairs = Vec::new();
    for row in &rows {
        let cells: Vec<String> = row.split("<w:tc>").skip(1).map(xml_text).collect();
        if cells.len() != 2 || cells[0] == cells[1] {
            continue;
        }
        let (left, right) = (norm(&cells[0]), norm(&cells[1]));
        if left.is_empty() {
            continue;
        }
        // Printed in that PDF, where a page break may fall inside the paragraph, and not
        // printed whole in the other language's.
        let printed = |pdf: &str, cell: &str| {
            let words: Vec<String> = cell
                .split_whitespace()
                .map(norm)
                .filter(|w| !w.is_empty())
                .collect();
            printed_at(pdf, &words, 0, 600).is_some()
        };
        assert!(
            printed(&es, &cells[0]) && !en.contains(&left),
            "left cell is not Spanish text of the es PDF: {:?}",
            cells[0]
        );
        assert!(
            printed(&en, &cells[1]) && !es.contains(&right),
            "right cell is not English text of the en PDF: {:?}",
            cells[1]
        );
        pairs.push((cells[0].clone(), cells[1].clone()));
    }
    assert!(pairs.len() > 20, "{} pairs", pairs.len());
    // As LibreOffice lays it out: the first words of both cells of a row on the same line.
    let pages = layout_pages(&pdfs[2]).join("\n");
    let lines: Vec<&str> = pages.lines().collect();
    let start = |text: &str| -> String {
        text.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut checked = 0;
    for (left, right) in &pairs {
        let (l, r) = (start(left), start(right));
        if l.len() < 6 || r.len() < 6 {
            continue;
        }
        let on: Vec<&&str> = lines.iter().filter(|line| line.contains(&l)).collect();
        assert!(!on.is_empty(), "{l:?} is not on any line");
        assert!(
            on.iter().any(|line| line.contains(&r)),
            "{l:?} and {r:?} are not on the same line: {on:?}"
        );
        checked += 1;
    }
    assert!(checked > 10, "{checked} pairs checked on the page");
}

/// The text of an XML fragment's `w:t` and `w:delText` elements, entities decoded.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        if piece.starts_with('>') || piece.starts_with(' ') {
            let body = &piece[start + 1..];
            let end = body.find("</w:t>").unwrap_or(0);
            out.push_str(&decode(&body[..end]));
        }
    }
    out
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_package_is_deterministic_macro_free_and_carries_its_properties() {
    let f = Fixture::valid();
    f.brief(&["build", "--quiet"]).ok();
    let g = Fixture::valid();
    g.brief(&["build", "--quiet"]).ok();
    for lang in ["es", "en", "es-en"] {
        let name = format!("{MOU}.{lang}.docx");
        let bytes = f.read(&name);
        assert_eq!(bytes, g.read(&name), "{name} differs between two builds");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            let when = entry.last_modified().unwrap();
            assert_eq!(
                (when.year(), when.month(), when.day()),
                (1980, 1, 1),
                "{} has a clock time",
                entry.name().unwrap()
            );
        }
        let parts = docx_parts(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "[Content_Types].xml");
        for (part, content) in &parts {
            let text = String::from_utf8_lossy(content);
            assert!(!part.to_lowercase().contains("vba"), "{name}: {part}");
            assert!(!text.contains("macroEnabled"), "{name}: {part}");
            assert!(!text.contains("w:rsid"), "{name}: {part} has rsids");
        }
        let core = docx_part(&bytes, "docProps/core.xml");
        let custom = docx_part(&bytes, "docProps/custom.xml");
        let (title, language, marking) = match lang {
            "es" => ("Informe de prueba", "es-PE", "RESERVADO (PERÚ)"),
            "en" => ("Test brief", "en-GB", "RESERVADO (PERÚ)"),
            _ => (
                "Informe de prueba / Test brief",
                "es-PE, en-GB",
                "RESERVADO (PERÚ)",
            ),
        };
        assert!(
            core.contains(&format!("<dc:title>{title}</dc:title>")),
            "{core}"
        );
        assert!(
            core.contains(&format!("<dc:language>{language}</dc:language>")),
            "{core}"
        );
        assert!(core.contains("2022-11-30T00:00:00Z"), "{core}");
        assert!(
            custom.contains(&format!(
                "name=\"Classification\"><vt:lpwstr>{marking}</vt:lpwstr>"
            )),
            "{custom}"
        );
        let styles = docx_part(&bytes, "word/styles.xml");
        let document = docx_part(&bytes, "word/document.xml");
        // The title, then the preamble, each numbered paragraph and the signature at one level
        // below it (Heading1), as the PDF tags them (H1, then H2).
        for style in ["Title", "Heading1", "Normal"] {
            assert!(
                styles.contains(&format!("w:styleId=\"{style}\"")),
                "{style}"
            );
            assert!(
                document.contains(&format!("<w:pStyle w:val=\"{style}\"/>")),
                "{name} uses no {style}"
            );
        }
    }
    // Only the MoU opts in: no other document type has a DOCX.
    let docx: Vec<PathBuf> = f
        .out_files()
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert_eq!(docx.len(), 3, "{docx:?}");
}

#[test]
fn a_missing_or_edited_docx_is_rebuilt_and_a_type_that_opts_out_loses_it() {
    let f = Fixture::built();
    let name = format!("{MOU}.en.docx");
    let original = f.read(&name);
    std::fs::remove_file(f.path().join(&name)).unwrap();
    let run = f.brief(&["build"]).ok();
    assert!(run.stdout().contains("DOCX missing"), "{}", run.stdout());
    assert_eq!(f.read(&name), original);
    f.brief(&["check", "--stale"]).ok();
    // Edited by hand (a negotiator saved over it): rebuilt, and the edit is gone.
    std::fs::write(f.path().join(&name), b"PK edited").unwrap();
    f.brief(&["check", "--stale"])
        .fails(1)
        .says("DOCX modified since it was built");
    let run = f.brief(&["build"]).ok();
    assert!(
        run.stdout().contains("DOCX modified since it was built"),
        "{}",
        run.stdout()
    );
    assert_eq!(f.read(&name), original);
    // The catalog no longer asks for a DOCX: the MoU is rebuilt and its DOCX removed.
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml")).unwrap();
    f.write(
        "templates/catalog.yaml",
        &catalog.replace("    docx: true\n", ""),
    );
    let run = f.brief(&["build"]).ok();
    assert!(
        run.stdout().contains("no DOCX is made any more"),
        "{}",
        run.stdout()
    );
    assert!(!f.path().join(&name).exists());
}

#[test]
fn a_text_xml_cannot_hold_is_refused_at_its_place_and_nothing_is_written() {
    for (escape, what) in [
        ("\\u0007", "control"),
        ("\\uFFFF", "non-XML"),
        ("\\uFDD0", "non-XML"),
    ] {
        let f = Fixture::built();
        let before = f.out_files();
        let facts = common::FACTS.replace(
            "      en: The Participants reaffirm their commitment to common values.",
            &format!("      en: \"The Participants reaffirm{escape} their commitment.\""),
        );
        assert_ne!(facts, common::FACTS);
        f.write("data/facts.yaml", &facts);
        let line = facts.lines().position(|l| l.contains("reaffirm")).unwrap() + 1;
        f.brief(&["build"])
            .fails(65)
            .says(&format!("data/facts.yaml:{line}:"))
            .says(&format!("the {what} character U+"));
        f.assert_out_unchanged(&before, &format!("a {what} character"));
    }
}

#[test]
fn the_redline_docx_tracks_the_changes_libreoffice_reads_and_accepting_them_gives_new() {
    let Some(_) = soffice() else { return };
    let f = Fixture::valid();
    let clauses = |texts: &[(&str, &str, &str)]| -> String {
        let mut yaml = String::new();
        for (id, es, en) in texts {
            yaml.push_str(&format!(
                "  - id: {id}\n    kind: clause\n    tags: [mou]\n    attrs:\n      heading: {{es: Título {id}, en: Heading {id}}}\n    text:\n      es: {es}\n      en: {en}\n    audiences: [mre, nato]\n    sensitivity: shareable\n    classification: publico\n"
            ));
        }
        yaml
    };
    let old = clauses(&[
        (
            "mou-a",
            "Los Participantes se reunirán una vez al año.",
            "The Participants will meet once a year.",
        ),
        (
            "mou-b",
            "Este párrafo se suprime.",
            "This paragraph is struck out.",
        ),
        ("mou-c", "Párrafo sin cambios.", "An unchanged paragraph."),
    ]);
    f.write("data/clauses.yaml", &format!("facts:\n{old}"));
    common::commit_all(f.path());
    let new = clauses(&[
        (
            "mou-a",
            "Los Participantes se reunirán dos veces al año en Lima.",
            "The Participants will meet twice a year in Lima.",
        ),
        ("mou-c", "Párrafo sin cambios.", "An unchanged paragraph."),
        ("mou-d", "Un párrafo nuevo.", "A new paragraph."),
    ]);
    f.write("data/clauses.yaml", &format!("facts:\n{new}"));
    f.brief(&["build", "--quiet", "--document", "mou"]).ok();
    // The single-language text, and the parallel text, whose rows are inserted and deleted.
    for lang in ["en", "es-en"] {
        let output = format!("test-brief/test-brief.mou.nato.{lang}");
        let output = output.as_str();
        // The MoU is for an external reader: the changes are the State's, in the edition's
        // (first) language, never the drafting office's (which its pages do not name either).
        let author = if lang == "en" {
            "REPUBLIC OF PERU"
        } else {
            "REPÚBLICA DEL PERÚ"
        };
        let office = if lang == "en" {
            "Test office"
        } else {
            "Oficina de pruebas"
        };
        let run = f
            .brief(&["diff", "HEAD", "WORKTREE", "--redline", output, "--docx"])
            .ok();
        assert!(
            run.stderr()
                .contains(&format!("wrote out/{output}.redline.docx")),
            "{}",
            run.stderr()
        );
        let redline = f.path().join(format!("out/{output}.redline.docx"));
        let bytes = std::fs::read(&redline).unwrap();
        let document = docx_part(&bytes, "word/document.xml");
        for tag in ["<w:ins ", "<w:del "] {
            assert!(
                document.contains(&format!("{tag}w:id=\"1\"")) || document.contains(tag),
                "no {tag} in {document}"
            );
        }
        let marks = document
            .matches(&format!(
                "w:author=\"{author}\" w:date=\"2022-11-30T00:00:00Z\""
            ))
            .count();
        assert!(
            marks >= 4,
            "{marks} changes by the State on the brief's date: {document}"
        );
        assert!(
            !document.contains(office),
            "the office is named: {document}"
        );
        assert!(
            document.contains(
                "<w:delText xml:space=\"preserve\">This paragraph is struck out.</w:delText>"
            ),
            "{document}"
        );
        // The same run twice gives the same bytes (no clock, no random ids).
        f.brief(&["diff", "HEAD", "WORKTREE", "--redline", output, "--docx"])
            .ok();
        assert_eq!(std::fs::read(&redline).unwrap(), bytes);

        // LibreOffice reads them as tracked changes: in its own format they are change regions by
        // the office, and the text it keeps in the body (insertions in, deletions set aside in the
        // change regions) is the text with every change accepted.
        let scratch = tempfile::tempdir().unwrap();
        let plain = f.path().join(format!("out/{output}.docx"));
        let copy = scratch.path().join(format!("redline.{lang}.docx"));
        std::fs::copy(&redline, &copy).unwrap();
        let odt = convert(&f, &[copy], "odt", scratch.path());
        let content = docx_part(&std::fs::read(&odt[0]).unwrap(), "content.xml");
        let (changes, body) = tracked_changes(&content);
        let insertions = changes.matches("<text:insertion>").count();
        let deletions = changes.matches("<text:deletion>").count();
        assert!(
            insertions >= 2 && deletions >= 2,
            "{insertions} insertions, {deletions} deletions: {changes}"
        );
        assert!(changes.contains(author), "{changes}");
        assert!(changes.contains("This paragraph is struck out."));
        let txt = convert(&f, &[plain], "txt:Text (encoded):UTF8", scratch.path());
        let new_text = std::fs::read_to_string(&txt[0]).unwrap();
        let new_text = new_text.trim_start_matches('\u{feff}');
        assert_eq!(
            norm(&odt_text(&body)),
            norm(new_text),
            "accepting every change does not give the new MoU"
        );
        assert!(!norm(&odt_text(&body)).contains(&norm("struck out")));
    }
}

/// `content.xml` of an ODT split into its tracked-changes list and the rest of the body.
fn tracked_changes(content: &str) -> (String, String) {
    let start = content
        .find("<text:tracked-changes")
        .expect("no tracked changes in the ODT");
    let end = content.find("</text:tracked-changes>").unwrap() + "</text:tracked-changes>".len();
    (
        content[start..end].to_owned(),
        format!("{}{}", &content[..start], &content[end..]),
    )
}

/// The text of an ODT's body: its paragraphs and headings, tags removed.
fn odt_text(xml: &str) -> String {
    let body = &xml[xml.find("<office:text").unwrap_or(0)..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
}

#[test]
fn a_redline_docx_of_a_document_type_without_one_is_a_usage_error() {
    let f = Fixture::committed();
    let output = "test-brief/test-brief.non-paper.nato.en";
    f.brief(&["diff", "HEAD", "WORKTREE", "--redline", output, "--docx"])
        .fails(2)
        .says("has no DOCX")
        .says("test-brief/test-brief.mou.nato.es-en");
    assert!(!f.path().join(format!("out/{output}.redline.docx")).exists());
    // `--docx` says what the redline is written as: alone it asks for nothing.
    f.brief(&["diff", "HEAD", "WORKTREE", "--docx"]).fails(2);
}
