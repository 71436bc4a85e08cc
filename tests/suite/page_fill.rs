//! No page is left more than half empty before the last: `brief build` warns and `brief check`
//! lists every such page, and the shipped documents have none.

use crate::common;

use common::Fixture;

/// The pages `brief check --format json` reports as half empty, per output.
fn half_empty(f: &Fixture) -> Vec<(String, Vec<u64>)> {
    let run = f.brief(&["check", "--format", "json"]).ok();
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).expect("check prints JSON");
    report["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .map(|o| {
            let pages = o["half_empty_pages"]
                .as_array()
                .expect("every output lists its half-empty pages")
                .iter()
                .map(|p| p.as_u64().expect("a page number"))
                .collect();
            (o["name"].as_str().expect("a name").to_owned(), pages)
        })
        .collect()
}

#[test]
fn a_section_forced_onto_a_new_page_leaves_a_half_empty_page_that_is_reported() {
    let f = Fixture::valid();
    let control = half_empty(&f);
    assert!(
        control.iter().all(|(_, pages)| pages.is_empty()),
        "the small project fills its pages: {control:?}"
    );
    // A closing line forced onto a page of its own: the short page before it is half empty.
    let template = String::from_utf8(f.read("templates/non-paper.typ.j2")).unwrap();
    assert!(template.contains("{{ b.references() }}"));
    f.write(
        "templates/non-paper.typ.j2",
        &template.replace(
            "{{ b.references() }}",
            "#pagebreak()\nEnd.\n{{ b.references() }}",
        ),
    );
    let found = half_empty(&f);
    let sparse: Vec<_> = found.iter().filter(|(_, p)| !p.is_empty()).collect();
    assert!(
        !sparse.is_empty() && sparse.iter().all(|(name, _)| name.contains(".non-paper.")),
        "only the non-paper's pages are half empty: {found:?}"
    );
    let build = f.brief(&["build"]).ok();
    let (name, pages) = sparse[0];
    assert!(
        build
            .stderr()
            .contains(&format!("{name}: page {} of ", pages[0]))
            && build.stderr().contains("more than half empty"),
        "build warns about the half-empty page:\n{}",
        build.stderr()
    );
}

#[test]
fn the_shipped_documents_leave_no_page_half_empty_before_the_last() {
    let found = half_empty(&Fixture::shipped());
    assert!(
        found.len() >= 13,
        "every shipped output is checked: {found:?}"
    );
    let sparse: Vec<_> = found.iter().filter(|(_, p)| !p.is_empty()).collect();
    assert!(sparse.is_empty(), "half-empty pages: {sparse:?}");
}

/// Letters and digits only: a cell's text as it can be found in `pdftotext`'s reading, whatever
/// the line breaks, hyphens and quote glyphs.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A table's row is read whole: no cell of a table the shipped dossier prints runs from one page
/// to the next. Table 3's row of 22 January 2021 began on page 12 and ended on page 13, under
/// the repeated header.
#[test]
fn no_table_row_of_the_shipped_dossier_breaks_across_pages() {
    let f = Fixture::shipped();
    f.brief(&["build", "--document", "dossier"]).ok();
    let mut checked = 0;
    for lang in ["es", "en"] {
        let output =
            format!("peru-nato-global-partner/peru-nato-global-partner.dossier.mre.{lang}");
        let shown: serde_json::Value = serde_json::from_str(
            &f.brief(&["show", &output, "--format", "json"])
                .ok()
                .stdout(),
        )
        .expect("show prints JSON");
        let ids: Vec<&str> = shown["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["facts"].as_array().expect("facts"))
            .map(|fact| fact["id"].as_str().expect("an id"))
            .collect();
        let pdf = f.path().join(format!("out/{output}.pdf"));
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        assert!(text.status.success());
        let pages: Vec<String> = String::from_utf8(text.stdout)
            .unwrap()
            .split('\u{c}')
            .map(letters)
            .collect();
        for entry in std::fs::read_dir(f.path().join("data")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let file: serde_json::Value =
                serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(facts) = file["facts"].as_array() else {
                continue;
            };
            for fact in facts.iter().filter(|fact| {
                ids.contains(&fact["id"].as_str().unwrap_or_default()) && fact["table"].is_object()
            }) {
                // A row maps each column's key to its cell.
                for cell in fact["table"]["rows"]
                    .as_array()
                    .expect("rows")
                    .iter()
                    .flat_map(|r| r.as_object().expect("a row maps columns to cells").values())
                {
                    let said = cell[lang].as_str().or(cell.as_str()).unwrap_or_default();
                    let said = letters(said);
                    // Short cells (a year, a number) are found on many pages anyway.
                    if said.chars().count() < 25 {
                        continue;
                    }
                    checked += 1;
                    assert!(
                        pages.iter().any(|p| p.contains(&said)),
                        "{lang}: a cell of `{}` runs across a page end: {said}",
                        fact["id"]
                    );
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} cells were checked");
}
