//! The staff page, `out/index.html`, and the first-page thumbnails beside the PDFs: what an
//! external reader is given holds nothing internal, thumbnails are rendered only for what a run
//! rebuilt, a no-op build writes nothing, the same inputs give the same bytes, and, loaded in a
//! real browser (Debian's `chromium`, headless), the page links only to files in `out/`, makes
//! no request outside it, lists every output and keeps the basic accessibility points.

use crate::common;

use common::{Fixture, contains, pdf_everything};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const BRIEF_DIR: &str = "out/test-brief";

/// The files of every edition the fixture makes for `nato`, the external audience: what an
/// external reader may be handed (each edition's PDF, Typst source, bibliography, thumbnail,
/// and the style the source reads).
fn external_files(f: &Fixture) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = f
        .out_files()
        .into_keys()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".nato."))
        })
        .collect();
    files.push(PathBuf::from("test-brief/style.typ"));
    files
}

#[test]
fn an_external_readers_files_hold_nothing_internal_and_the_staff_page_stands_apart() {
    let f = Fixture::built();
    let files = external_files(&f);
    let exts: Vec<&str> = files
        .iter()
        .filter_map(|p| p.to_str())
        .filter_map(|p| p.split_once(".nato.").map(|(_, rest)| rest))
        .collect();
    for wanted in [
        "en.pdf",
        "en.typ",
        "en.png",
        "es.png",
        "es-en.png",
        "en.bib.yaml",
        "es-en.docx",
    ] {
        assert!(
            exts.contains(&wanted),
            "no nato file ending {wanted}: {files:?}"
        );
    }
    for file in &files {
        let bytes = f.read(&format!("out/{}", file.display()));
        let mut all = bytes.clone();
        if file.extension().is_some_and(|e| e == "pdf") {
            all = pdf_everything(&bytes);
        }
        // A DOCX is a zip archive: every part, unzipped.
        if file.extension().is_some_and(|e| e == "docx") {
            all = common::docx_parts(&bytes)
                .into_iter()
                .flat_map(|(_, content)| content)
                .collect();
        }
        // Internal fact text, a source only an internal fact cites, internal fact ids, and any
        // pointer to the staff page.
        for needle in [
            "CANARYSECRETXQ",
            "CANARYSOURCEXQ",
            "risk-trade",
            "risk-supplier",
            "index.html",
        ] {
            assert!(!contains(&all, needle), "{} holds {needle}", file.display());
        }
    }
    // The staff page sits at the top of out/, in no brief folder, and says what it is.
    let out = f.out_files();
    let pages: Vec<&PathBuf> = out
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages, [&PathBuf::from("index.html")]);
    let page = String::from_utf8(f.read("out/index.html")).unwrap();
    assert!(page.contains("MINISTRY STAFF ONLY · NOT FOR DISTRIBUTION"));
    assert!(page.contains("NO DISTRIBUIR"));
    // By design it lists internal editions and internal fact ids (SECURITY.md)...
    assert!(page.contains("test-brief.briefing-note.mre.es.pdf"));
    assert!(page.contains("<code>risk-trade</code>"));
    // ...but never a fact's text, nor a source's.
    for needle in ["CANARYSECRETXQ", "CANARYSOURCEXQ", "Trade partners could"] {
        assert!(!page.contains(needle), "the staff page prints {needle}");
    }
}

#[test]
fn a_thumbnail_shows_its_own_editions_first_page_and_nothing_else() {
    let f = Fixture::built();
    let png = |name: &str| f.read(&format!("{BRIEF_DIR}/test-brief.{name}.png"));
    let before: Vec<Vec<u8>> = ["non-paper.nato.en", "mou.nato.es", "briefing-note.mre.en"]
        .iter()
        .map(|n| png(n))
        .collect();
    assert!(before[0].starts_with(b"\x89PNG\r\n\x1a\n"));
    // The internal fact's text changes (and grows, so that its first page looks different).
    let facts = common::FACTS.replace(
        "Trade partners could disapprove of the approach CANARYSECRETXQ.",
        "Trade partners could disapprove of the approach CANARYSECRETXQ, and say so in public at length, which would weigh on every later step of the approach.",
    );
    f.write("data/facts.yaml", &facts);
    f.brief(&["build", "--force", "--quiet"]).ok();
    assert!(
        png("non-paper.nato.en") == before[0] && png("mou.nato.es") == before[1],
        "a NATO thumbnail changed with an internal fact's text"
    );
    assert!(
        png("briefing-note.mre.en") != before[2],
        "the MRE note's thumbnail should show the internal fact's new text"
    );
}

fn inode(f: &Fixture, rel: &str) -> u64 {
    std::fs::metadata(f.path().join(rel)).unwrap().ino()
}

#[test]
fn thumbnails_are_rendered_only_for_the_outputs_a_run_rebuilds() {
    let f = Fixture::built();
    let pngs: Vec<String> = f
        .out_files()
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .map(|p| format!("out/{}", p.display()))
        .collect();
    assert_eq!(pngs.len(), 9, "one thumbnail per output: {pngs:?}");
    let before: Vec<u64> = pngs.iter().map(|p| inode(&f, p)).collect();
    // An English-only edit to a fact of the note and the non-paper.
    f.write(
        "data/facts.yaml",
        &common::FACTS.replace(
            "the Allies approved Peru's participation",
            "the Allies formally approved Peru's participation",
        ),
    );
    let run = f.brief(&["build"]).ok();
    let rebuilt: Vec<&String> = pngs
        .iter()
        .zip(&before)
        .filter(|(p, ino)| inode(&f, p) != **ino)
        .map(|(p, _)| p)
        .collect();
    let expected = [
        "out/test-brief/test-brief.briefing-note.defence.en.png",
        "out/test-brief/test-brief.briefing-note.mre.en.png",
        "out/test-brief/test-brief.non-paper.nato.en.png",
    ];
    assert_eq!(rebuilt, expected, "build said:\n{}", run.stdout());
    // The manifest records each thumbnail, and the page shows why each was rebuilt.
    let manifest: serde_json::Value = serde_json::from_slice(&f.read("out/manifest.json")).unwrap();
    for (name, entry) in manifest["outputs"].as_object().unwrap() {
        assert!(entry["png"].is_string(), "{name} has no thumbnail hash");
    }
    let page = String::from_utf8(f.read("out/index.html")).unwrap();
    assert!(page.contains("<li>fact pe-bi-approval changed</li>"));
}

#[test]
fn a_no_op_build_writes_nothing_and_a_deleted_page_or_thumbnail_is_written_again() {
    let f = Fixture::built();
    let before = f.out_files();
    let page = inode(&f, "out/index.html");
    f.brief(&["build"]).ok().prints("0 built");
    f.assert_out_unchanged(&before, "a no-op build");
    assert_eq!(
        inode(&f, "out/index.html"),
        page,
        "a no-op build rewrote the page"
    );
    std::fs::remove_file(f.path().join("out/index.html")).unwrap();
    f.brief(&["build"]).ok().prints("0 built");
    assert!(f.read("out/index.html") == before[Path::new("index.html")]);
    // A thumbnail deleted by hand makes its output stale, like its PDF.
    std::fs::remove_file(f.path().join(BRIEF_DIR).join("test-brief.mou.nato.es.png")).unwrap();
    f.brief(&["build"])
        .ok()
        .prints("built out/test-brief/test-brief.mou.nato.es.pdf")
        .prints("thumbnail missing")
        .prints("1 built");
    assert!(
        f.read("out/test-brief/test-brief.mou.nato.es.png")
            == before[Path::new("test-brief/test-brief.mou.nato.es.png")]
    );
}

#[test]
fn the_same_inputs_give_the_same_page_and_thumbnails() {
    let build = || {
        let f = Fixture::valid();
        let mut command = f.command(&["build", "--quiet"]);
        command.env("SOURCE_DATE_EPOCH", "1669766400");
        f.run(command, common::DEADLINE).ok();
        f
    };
    let (a, b) = (build(), build());
    let (fa, fb) = (a.out_files(), b.out_files());
    for (path, bytes) in &fa {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "html" | "png") {
            assert!(
                fb[path] == *bytes,
                "{} differs between two builds",
                path.display()
            );
        }
    }
    let page = String::from_utf8(fa[Path::new("index.html")].clone()).unwrap();
    assert!(
        page.contains("2022-11-30 00:00 UTC"),
        "the page shows SOURCE_DATE_EPOCH"
    );
    assert!(!page.contains(&a.path().to_string_lossy().into_owned()));
}

#[test]
fn outputs_no_brief_makes_any_more_lose_their_thumbnails_and_their_place_on_the_page() {
    let f = Fixture::built();
    f.write(
        "briefs/test.yaml",
        &common::BRIEF.replace("languages: [es, en]", "languages: [en]"),
    );
    f.brief(&["build", "--quiet"]).ok();
    let out = f.out_files();
    let spanish: Vec<&PathBuf> = out
        .keys()
        .filter(|p| p.to_string_lossy().contains(".es"))
        .collect();
    assert!(
        spanish.is_empty(),
        "files of the Spanish editions remain: {spanish:?}"
    );
    let page = String::from_utf8(f.read("out/index.html")).unwrap();
    assert!(!page.contains(".es.") && !page.contains(".es-en."));
    assert!(page.contains("test-brief.non-paper.nato.en.png"));
}

#[test]
fn after_a_partial_build_the_page_says_which_outputs_were_not_checked() {
    let f = Fixture::built();
    f.write(
        "data/facts.yaml",
        &common::FACTS.replace("los Aliados aprobaron", "los Aliados aprobaron formalmente"),
    );
    f.brief(&["build", "--audience", "nato", "--quiet"]).ok();
    let page = String::from_utf8(f.read("out/index.html")).unwrap();
    assert!(page.contains("The last build was partial: it checked 5 of 9 outputs"));
    assert_eq!(page.matches("Not checked by the last build.").count(), 4);
    f.brief(&["build", "--quiet"]).ok();
    let page = String::from_utf8(f.read("out/index.html")).unwrap();
    assert!(!page.contains("partial") && !page.contains("Not checked"));
}

// ---------------------------------------------------------------------------------------------
// In a real browser.

/// Debian's `chromium`; where it is not installed, CI fails and a developer is told to install it.
fn chromium() -> Option<&'static str> {
    match Command::new("chromium").arg("--version").output() {
        Ok(out) if out.status.success() => Some("chromium"),
        _ if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: `chromium` is not installed (apt-get install chromium); CI runs this check"
            );
            None
        }
        other => panic!("`chromium` is needed in CI: {other:?}"),
    }
}

/// `chromium --headless` on `page` with `args`, in a fresh profile, with nothing reaching a
/// network or a service.
fn headless(f: &Fixture, browser: &str, page: &Path, args: &[String]) -> common::Run {
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()));
    f.run(command, common::DEADLINE).ok()
}

/// A start tag of the DOM as Chromium serialises it: its name, attributes and the text that
/// follows it up to the next tag.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The start tags of a serialised DOM, in document order (Chromium quotes every attribute
/// value with `"` and escapes `"`, `&`, `<` and `>` inside it).
fn tags(dom: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap();
        let name = rest[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut at = &rest[name_end..];
        loop {
            at = at.trim_start();
            if at.starts_with('>') || at.starts_with("/>") {
                break;
            }
            let key_end = at
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>')
                .unwrap();
            let key = at[..key_end].to_ascii_lowercase();
            at = &at[key_end..];
            if let Some(value) = at.strip_prefix("=\"") {
                let end = value.find('"').unwrap();
                attrs.push((key, unescape(&value[..end])));
                at = &value[end + 1..];
            } else {
                attrs.push((key, String::new()));
            }
        }
        let body = &at[at.find('>').unwrap() + 1..];
        let text = unescape(&body[..body.find('<').unwrap_or(body.len())]);
        out.push(Tag { name, attrs, text });
        rest = body;
    }
    out
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let hex = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A CSS declaration's value in an inline `style`.
fn style_value<'a>(style: &'a str, property: &str) -> Option<&'a str> {
    style.split(';').find_map(|d| {
        let (k, v) = d.split_once(':')?;
        (k.trim() == property).then(|| v.trim())
    })
}

#[test]
fn in_a_real_browser_the_page_links_only_into_out_lists_every_output_and_is_accessible() {
    let Some(browser) = chromium() else { return };
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet"]).ok();
    let out = f.path().join("out").canonicalize().unwrap();
    let page = out.join("index.html");
    // The source itself asks for nothing: no script, no stylesheet or font from elsewhere.
    let source = String::from_utf8(f.read("out/index.html")).unwrap();
    for banned in ["<script", "url(", "@import", "<link", "<iframe", "http"] {
        assert!(
            !source.contains(banned),
            "the page's source holds {banned:?}"
        );
    }
    let dom = headless(&f, browser, &page, &["--dump-dom".into()]).stdout();
    let tags = tags(&dom);
    assert!(tags.len() > 100, "the DOM is nearly empty:\n{dom}");

    // Every link and every source is a file in out/ (or an element of the page), fetched
    // from nowhere else.
    let ids: Vec<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();
    let mut linked = Vec::new();
    for tag in &tags {
        for (key, value) in &tag.attrs {
            if !matches!(key.as_str(), "href" | "src" | "srcset" | "action" | "data") {
                continue;
            }
            assert!(
                !value.to_ascii_lowercase().contains("http"),
                "<{} {key}=\"{value}\"> leaves out/",
                tag.name
            );
            if let Some(id) = value.strip_prefix('#') {
                assert!(ids.contains(&id), "#{id} names no element of the page");
                continue;
            }
            assert!(
                !value.contains(':') && !value.starts_with('/'),
                "{value} is not a path relative to out/"
            );
            let target = out.join(value).canonicalize().unwrap_or_else(|e| {
                panic!("<{} {key}=\"{value}\"> resolves to no file: {e}", tag.name)
            });
            assert!(target.starts_with(&out) && target.is_file(), "{value}");
            linked.push(value.clone());
        }
    }
    // The DOM lists every output: a link to each PDF and its thumbnail.
    let pdfs = f.pdf_names();
    assert_eq!(pdfs.len(), 13);
    for pdf in &pdfs {
        let pdf = pdf.to_string_lossy().into_owned();
        let png = pdf.replace(".pdf", ".png");
        assert!(linked.contains(&pdf), "the page does not link {pdf}");
        assert!(linked.contains(&png), "the page does not show {png}");
    }
    // And each DOCX (the MoU's editions).
    let docx: Vec<String> = f
        .out_files()
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".docx"))
        .collect();
    assert_eq!(docx.len(), 3, "{docx:?}");
    for file in &docx {
        assert!(linked.contains(file), "the page does not link {file}");
    }

    // Languages: the page's, and every part marked in another.
    let html = tags.iter().find(|t| t.name == "html").unwrap();
    assert_eq!(html.attr("lang"), Some("es"));
    let langs: Vec<&str> = tags.iter().filter_map(|t| t.attr("lang")).collect();
    assert!(langs.contains(&"en"), "no English part is marked lang=en");
    for lang in &langs {
        assert!(
            !lang.is_empty()
                && lang
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())),
            "lang=\"{lang}\""
        );
    }
    // Alternative text on every image.
    let images: Vec<&Tag> = tags.iter().filter(|t| t.name == "img").collect();
    assert_eq!(images.len(), 13);
    for img in &images {
        let alt = img.attr("alt").unwrap_or("");
        assert!(
            alt.starts_with("Primera página de / First page of: "),
            "{img:?}"
        );
    }
    // Headings in order: one h1 first, and no level skipped on the way down.
    let levels: Vec<u8> = tags
        .iter()
        .filter(|t| t.name.len() == 2 && t.name.starts_with('h'))
        .filter_map(|t| t.name[1..].parse().ok())
        .collect();
    assert_eq!(levels.first(), Some(&1));
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "heading h{} follows h{}",
            pair[1],
            pair[0]
        );
    }
    // Every badge carries its marking's text, readable against its colour.
    let badges: Vec<&Tag> = tags
        .iter()
        .filter(|t| t.attr("class") == Some("badge"))
        .collect();
    assert!(badges.len() >= 13);
    let labels: Vec<&str> = badges.iter().map(|b| b.text.as_str()).collect();
    for label in [
        "CONFIDENCIAL",
        "CONFIDENTIAL",
        "RESERVADO",
        "RESTRICTED",
        "RESERVADO (PERÚ)",
    ] {
        assert!(
            labels.contains(&label),
            "no badge reads {label}: {labels:?}"
        );
    }
    for badge in &badges {
        let style = badge.attr("style").unwrap();
        let (bg, fg) = (
            style_value(style, "background").unwrap(),
            style_value(style, "color").unwrap(),
        );
        let ratio = contrast(bg, fg);
        assert!(
            ratio >= 4.5,
            "{:?} on {bg}: contrast {ratio:.2}",
            badge.text
        );
    }
    // The staff banner comes first.
    let first_text = tags.iter().find(|t| t.name == "strong").unwrap();
    assert!(first_text.text.contains("NO DISTRIBUIR"));

    // And it renders: a screenshot of the window's size.
    let shot = tempfile::tempdir().unwrap();
    let png = shot.path().join("index.png");
    headless(
        &f,
        browser,
        &page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,1600".into(),
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 1600));
}

#[test]
fn the_contrast_measure_tells_readable_from_unreadable() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!(contrast("#ffff00", "#ffffff") < 4.5);
}
