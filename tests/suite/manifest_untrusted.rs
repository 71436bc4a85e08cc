//! `out/manifest.json` is untrusted input (issue 13, class 3): a shared `out/` cache or a hand
//! edit can put any name in it. No name read from it may make a build remove or write anything
//! outside `out/`, and a generated file is removed only while it is what the manifest recorded.

use crate::common;

use common::Fixture;
use std::fs;

fn edit_manifest(f: &Fixture, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = f.path().join("out/manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut manifest);
    fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
}

#[test]
fn names_from_the_manifest_never_reach_outside_out() {
    let f = Fixture::built();
    // Victims: beside the project, inside the project, and at an absolute path.
    let outside = tempfile::tempdir().unwrap();
    let victims = [
        f.path().join("keep/secret.en"),
        f.path().join("victim.en"),
        outside.path().join("abs.en"),
    ];
    for v in &victims {
        fs::create_dir_all(v.parent().unwrap()).unwrap();
        for ext in ["pdf", "typ", "bib.yaml"] {
            fs::write(v.with_extension(format!("en.{ext}")), b"precious").unwrap();
        }
    }
    let names = [
        "../keep/secret.en".to_owned(),
        "../victim.en".to_owned(),
        format!("{}/abs.en", outside.path().display()),
        "test-brief/../../keep/secret.en".to_owned(),
    ];
    edit_manifest(&f, |m| {
        let entry = m["outputs"]["test-brief/test-brief.non-paper.nato.en"].clone();
        for name in &names {
            m["outputs"][name] = entry.clone();
        }
    });
    f.brief(&["build"])
        .ok()
        .says("out/manifest.json: ignored 4 entries whose names are not output names");
    for v in &victims {
        for ext in ["pdf", "typ", "bib.yaml"] {
            let path = v.with_extension(format!("en.{ext}"));
            assert_eq!(
                fs::read(&path).ok().as_deref(),
                Some(&b"precious"[..]),
                "{} was touched",
                path.display()
            );
        }
    }
    // The hostile entries are gone from the manifest the build wrote.
    let manifest: serde_json::Value = serde_json::from_slice(&f.read("out/manifest.json")).unwrap();
    let kept: Vec<&String> = manifest["outputs"].as_object().unwrap().keys().collect();
    assert!(
        kept.iter()
            .all(|k| !k.contains("..") && !k.starts_with('/')),
        "{kept:?}"
    );
}

#[test]
fn an_orphaned_output_is_removed_only_while_it_is_what_was_built() {
    let f = Fixture::built();
    // The brief stops producing the defence editions: their files are orphans.
    f.write(
        "briefs/test.yaml",
        &common::BRIEF
            .replace("defence, ", "")
            .replace(", defence]", "]"),
    );
    // One orphan was edited by hand since: it is not brief's to delete.
    fs::write(
        f.path()
            .join("out/test-brief/test-brief.briefing-note.defence.es.pdf"),
        b"annotated by hand",
    )
    .unwrap();
    f.brief(&["build"]).ok();
    assert!(
        !f.path()
            .join("out/test-brief/test-brief.briefing-note.defence.en.pdf")
            .exists()
    );
    assert!(
        !f.path()
            .join("out/test-brief/test-brief.briefing-note.defence.en.typ")
            .exists()
    );
    assert_eq!(
        f.read("out/test-brief/test-brief.briefing-note.defence.es.pdf"),
        b"annotated by hand"
    );
    let manifest: serde_json::Value = serde_json::from_slice(&f.read("out/manifest.json")).unwrap();
    assert!(
        manifest["outputs"]
            .get("test-brief/test-brief.briefing-note.defence.es")
            .is_none()
    );
}

/// Rebuild reasons quote what the manifest recorded (a marking, a section id): a hand-edited
/// manifest cannot send escape sequences to the terminal through them.
#[test]
fn reasons_quoting_the_manifest_print_no_control_character() {
    let f = Fixture::built();
    edit_manifest(&f, |m| {
        for (_, entry) in m["outputs"].as_object_mut().unwrap() {
            let parts = &mut entry["inputs"]["frame_parts"];
            if let Some(parts) = parts.as_object_mut() {
                for (_, v) in parts.iter_mut() {
                    *v = serde_json::Value::String("\u{1b}]0;pwned\u{7}\u{1b}[2J".into());
                }
            }
            entry["inputs"]["frame"] = serde_json::Value::String("changed".into());
        }
        // No snapshot: the build must look at each output, not trust the recorded times.
        m["snapshot"] = serde_json::Value::Null;
    });
    let run = f.brief(&["build"]).ok();
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(all.contains("marking changed"), "{all}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
}
