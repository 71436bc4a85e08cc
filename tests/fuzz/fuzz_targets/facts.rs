//! Any bytes as a project's fact file: reading, validating, selecting and rendering never panic
//! and never hang; a refusal is a list of located diagnostics; and what valid data renders is
//! Typst that parses without error and holds nothing the template lint refuses, so no fact can
//! become code.

#![no_main]

use brief::error::Failure;
use brief::pipeline::{self, Selection};
use brief::project::Project;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

/// A brief drawing on facts by id, tag and kind, for every document type and audience.
const BRIEF: &str = r#"id: fuzz
title: {es: Informe, en: Brief}
reference: "FUZZ-0001"
office: {es: Oficina, en: Office}
date: 2022-11-30
languages: [es, en]
documents:
  - {type: briefing-note, audiences: [mre, defence]}
  - {type: non-paper, audiences: [nato]}
  - {type: mou, audiences: [nato]}
sections:
  - id: record
    title: {es: Vínculos, en: Record}
    tags: [peru-record]
  - id: risks
    title: {es: Riesgos, en: Risks}
    layout: list
    audiences: [mre, defence]
    kinds: [risk]
  - id: timeline
    title: {es: Cronología, en: Timeline}
    layout: timeline
    tags: [timeline-peru]
  - id: mou
    title: {es: Entendimiento, en: Understanding}
    layout: clauses
    documents: [mou]
    tags: [mou]
"#;

const SOURCES: &str = "gi-2021a:\n  type: report\n  title: Building Integrity\n  date: 2021\n\
    supplier-2022:\n  type: report\n  title: Supplier\n  date: 2022\n";

/// The project folder, made once: the repository's templates, the brief and sources above.
static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    copy(&templates, &dir.path().join("templates"));
    for folder in ["data", "briefs", "out"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    std::fs::write(dir.path().join("briefs/fuzz.yaml"), BRIEF).unwrap();
    std::fs::write(dir.path().join("data/sources.yaml"), SOURCES).unwrap();
    dir
});

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let root = ROOT.path();
    std::fs::write(root.join("data/facts.yaml"), bytes).unwrap();
    let project = Project::open(root).unwrap();
    let prepared = match pipeline::prepare(&project, &Selection::default()) {
        Ok(prepared) => prepared,
        Err(Failure::Invalid(diagnostics)) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                assert!(d.location.is_some(), "a refusal without a location: {d}");
            }
            return;
        }
        Err(other) => panic!("not a data error: {other:?}"),
    };
    for planned in &prepared.planned {
        let rendered = prepared
            .templates
            .render(&planned.template, &planned.view)
            .unwrap_or_else(|d| panic!("valid data failed to render {}: {d}", planned.name()));
        let findings = brief::render::lint::typst_syntax(&rendered.typ);
        assert!(findings.is_empty(), "{}: {findings:?}", planned.name());
        let parsed = typst::syntax::parse(&rendered.typ);
        assert!(
            !parsed.diagnosis().either(),
            "{}: the generated Typst does not parse:\n{}",
            planned.name(),
            rendered.typ
        );
    }
});
