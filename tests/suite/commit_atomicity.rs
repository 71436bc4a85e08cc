//! A commit is all-or-nothing (issue 13, class 6): every target is checked before anything is
//! renamed, so a target that cannot be replaced leaves `out/` exactly as it was, with no
//! temporary file; and the temporary names a killed run leaves behind are removed by the next
//! run, and nothing else is.

use crate::common;

use common::Fixture;
use std::fs;
use std::path::Path;

/// The temporary-name pattern of `atomic-write-file`: `.<name>.<6 letters or digits>`.
fn looks_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.starts_with('.')
        && name.rsplit_once('.').is_some_and(|(_, suffix)| {
            suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[test]
fn a_folder_at_one_target_replaces_nothing() {
    for args in [&["build", "--force"][..], &["build"][..]] {
        let f = Fixture::built();
        let pdf = f
            .path()
            .join("out/test-brief/test-brief.non-paper.nato.en.pdf");
        fs::remove_file(&pdf).unwrap();
        fs::create_dir(&pdf).unwrap();
        fs::write(pdf.join("kept"), b"someone's file").unwrap();
        let before = f.out_files();
        f.brief(args)
            .fails(73)
            .says("cannot replace out/test-brief/test-brief.non-paper.nato.en.pdf: a folder is in its place")
            .says("nothing was replaced");
        f.assert_out_unchanged(&before, &format!("brief {}", args.join(" ")));
        let temporary: Vec<_> = f
            .all_paths()
            .into_iter()
            .filter(|p| looks_temporary(p))
            .collect();
        assert!(temporary.is_empty(), "temporary files left: {temporary:?}");
        // Once the folder is gone, the next run completes.
        fs::remove_dir_all(&pdf).unwrap();
        f.brief(&["build"]).ok();
        assert!(
            f.read("out/test-brief/test-brief.non-paper.nato.en.pdf")
                .starts_with(b"%PDF-")
        );
    }
}

#[test]
fn the_next_run_removes_a_killed_runs_temporary_files_and_nothing_else() {
    let f = Fixture::built();
    let leftovers = [
        "out/test-brief/.test-brief.non-paper.nato.en.pdf.a1B2c3",
        "out/test-brief/.test-brief.briefing-note.mre.es.typ.ZZ99zz",
        "out/test-brief/.test-brief.non-paper.nato.en.bib.yaml.000000",
        "out/.manifest.json.Qw3Er5",
    ];
    let unrelated = [
        "out/notes.txt",
        "out/test-brief/.test-brief.non-paper.nato.en.pdf.keep",
        "out/test-brief/.test-brief.non-paper.nato.en.pdf.a1B2c",
        "out/test-brief/.draft.txt.a1B2c3",
        "out/test-brief/test-brief.non-paper.nato.en.pdf.a1B2c3",
        "out/other/.x.pdf",
    ];
    for rel in leftovers.iter().chain(&unrelated) {
        f.write(rel, "left here");
    }
    let before = f.out_files();
    let run = f.brief(&["build"]).ok();
    assert!(run.stdout().contains("0 built"), "{}", run.stdout());
    for rel in leftovers {
        assert!(!f.path().join(rel).exists(), "{rel} survived the next run");
    }
    for rel in unrelated {
        assert_eq!(f.read(rel), b"left here", "{rel} was touched");
    }
    // Every output is as it was.
    for (path, bytes) in &before {
        let rel = Path::new("out").join(path);
        if !leftovers.contains(&rel.to_str().unwrap()) {
            assert!(
                f.read(rel.to_str().unwrap()) == *bytes,
                "{} changed",
                rel.display()
            );
        }
    }
}
