//! Regenerate only what changed: the manifest, stale detection with reasons, `check --stale`
//! for schedulers, JSON reports, and the lock that keeps two runs from interleaving.

use crate::common;

use common::{FACTS, Fixture};

#[test]
fn a_second_build_does_nothing_and_check_stale_agrees() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let before = f.out_files();
    let run = f.brief(&["build"]).ok();
    run.prints("0 built, 9 up to date");
    assert_eq!(before, f.out_files(), "a no-op build changed out/");
    let run = f.brief(&["check", "--stale"]).ok();
    run.prints("all 9 output(s) are current");
}

#[test]
fn an_english_edit_rebuilds_only_the_english_outputs_that_include_the_fact() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let before = f.out_files();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "On 15 September 2021 the Allies approved",
            "On 15 September 2021 NATO Allies approved",
        ),
    );
    let run = f.brief(&["check", "--stale"]).fails(1);
    let english = [
        "briefing-note.mre.en",
        "briefing-note.defence.en",
        "non-paper.nato.en",
    ];
    for name in english {
        assert!(
            run.stderr().contains(&format!(
                "test-brief/test-brief.{name}: fact pe-bi-approval changed"
            )),
            "{}",
            run.stderr()
        );
    }
    assert!(
        !run.stderr().contains(".es:"),
        "a Spanish output was reported stale:\n{}",
        run.stderr()
    );
    let run = f.brief(&["build"]).ok();
    run.prints("3 built, 6 up to date");
    let after = f.out_files();
    for (path, bytes) in &before {
        let name = path.to_string_lossy();
        let rebuilt = english
            .iter()
            .any(|n| name.contains(&format!("/test-brief.{n}.")));
        if name.ends_with(".pdf") && !rebuilt {
            assert_eq!(
                Some(bytes),
                after.get(path),
                "{name} changed though it does not include the fact"
            );
        }
    }
}

#[test]
fn an_internal_fact_edit_never_touches_the_nato_edition() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "Trade partners could disapprove",
            "Trading partners could disapprove",
        ),
    );
    let run = f.brief(&["build", "--format", "json"]).ok();
    let report: serde_json::Value =
        serde_json::from_str(run.stdout().trim()).expect("one JSON object");
    let built: Vec<&str> = report["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "built")
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        built,
        vec![
            "test-brief/test-brief.briefing-note.mre.en",
            "test-brief/test-brief.briefing-note.defence.en"
        ]
    );
    assert_eq!(report["built"], 2);
    assert_eq!(report["current"], 7);
}

#[test]
fn a_hand_modified_or_missing_pdf_is_rebuilt() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    f.write(
        "out/test-brief/test-brief.non-paper.nato.en.pdf",
        "edited by hand",
    );
    std::fs::remove_file(f.path().join("out/test-brief/test-brief.mou.nato.es.pdf")).unwrap();
    let run = f.brief(&["check", "--stale"]).fails(1);
    assert!(
        run.stderr()
            .contains("test-brief/test-brief.non-paper.nato.en: PDF modified since it was built"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("test-brief/test-brief.mou.nato.es: PDF missing"),
        "{}",
        run.stderr()
    );
    let run = f.brief(&["build"]).ok();
    run.prints("2 built, 7 up to date");
    assert!(
        f.read("out/test-brief/test-brief.non-paper.nato.en.pdf")
            .starts_with(b"%PDF-")
    );
}

#[test]
fn template_and_style_changes_rebuild_what_uses_them() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let nato = String::from_utf8(f.read("templates/non-paper.typ.j2")).unwrap();
    f.write("templates/non-paper.typ.j2", &format!("{nato}\n"));
    let run = f.brief(&["check", "--stale"]).fails(1);
    assert!(
        run.stderr()
            .contains("test-brief/test-brief.non-paper.nato.es: template non-paper.typ.j2 changed"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("2 output(s) need rebuilding"),
        "{}",
        run.stderr()
    );
    f.brief(&["build"]).ok();
    let style = String::from_utf8(f.read("templates/style.typ")).unwrap();
    f.write("templates/style.typ", &format!("{style}\n"));
    f.brief(&["check", "--stale"])
        .fails(1)
        .says("9 output(s) need rebuilding");
}

#[test]
fn force_rebuilds_everything() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let run = f.brief(&["build", "--force"]).ok();
    run.prints("9 built, 0 up to date");
}

#[test]
fn a_second_run_waits_for_the_lock_or_exits_75() {
    let f = Fixture::valid();
    std::fs::create_dir_all(f.path().join("out")).unwrap();
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(f.path().join("out/.brief.lock"))
        .unwrap();
    lock.lock().unwrap();
    f.brief(&["build", "--no-wait"])
        .fails(75)
        .says("another brief run holds out/.brief.lock");
    assert!(
        !f.path().join("out/manifest.json").exists(),
        "a locked-out run wrote the manifest"
    );

    // Without --no-wait the run waits, and finishes once the lock is released.
    let mut waiting = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--root", f.path().to_str().unwrap(), "build"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the second run did not wait for the lock"
    );
    drop(lock);
    let out = waiting.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting for another brief run"));
    assert!(f.path().join("out/manifest.json").exists());
}

#[test]
fn a_killed_build_leaves_previous_outputs_valid_and_the_next_run_completes() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let before = f.out_files();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "Trade partners could disapprove",
            "Trading partners could disapprove",
        ),
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--root", f.path().to_str().unwrap(), "build", "--force"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    // Whatever the moment of the kill, every file is either its old or a complete new version,
    // and no temporary file is left.
    for (path, bytes) in f.out_files() {
        let name = path.to_string_lossy().into_owned();
        assert!(
            !name.contains(".tmp") && !name.starts_with('.') || name == ".brief.lock",
            "leftover {name}"
        );
        if name.ends_with(".pdf") {
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.windows(5).any(|w| w == b"%%EOF"),
                "{name} is truncated"
            );
        }
    }
    assert!(f.out_files().len() >= before.len());
    f.brief(&["build"]).ok();
    f.brief(&["check", "--stale"]).ok();
}

#[test]
fn outputs_of_removed_editions_are_removed() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    f.write(
        "briefs/test.yaml",
        &common::BRIEF.replace("languages: [es, en]", "languages: [es]"),
    );
    let run = f.brief(&["build"]).ok();
    run.prints("0 built, 4 up to date");
    let names: Vec<String> = f
        .out_files()
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains(".en.") && !n.contains(".es-en.")),
        "stale English files remain: {names:?}"
    );
    f.brief(&["check", "--stale"]).ok();
}

#[test]
fn a_symlinked_out_folder_is_refused() {
    let f = Fixture::valid();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir(f.path().join("out")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), f.path().join("out")).unwrap();
    f.brief(&["build"]).fails(73).says("symbolic link");
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "brief wrote through the symlink"
    );
}
