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
