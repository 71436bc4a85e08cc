//! `brief diff` as an attacker's merge request would use it (issue 13, classes 1, 2, 9 and 11):
//! folders posing as revisions, a revision's tree holding symlinks or huge blobs, a project in a
//! subfolder of its repository, texts swapped between an internal and an external fact, and a
//! reader that closes the pipe early.

use crate::common;

use common::{FACTS, Fixture, git};
use std::path::Path;
use std::process::{Command, Stdio};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// `brief diff ARGS` run from inside the fixture folder, as a CI job would run it.
fn diff_from_inside(f: &Fixture, args: &[&str]) -> common::Run {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    let mut command = f.command(&all);
    command.current_dir(f.path());
    f.run(command, common::DEADLINE)
}

/// A change that makes an internal risk shareable and clears it for NATO, whose non-paper then
/// draws it by kind: a release.
const RELEASE: (&str, &str) = (
    "    audiences: [mre, defence]\n    sensitivity: internal\n",
    "    audiences: [mre, defence, nato]\n    sensitivity: shareable\n",
);

#[test]
fn a_folder_named_like_a_revision_never_shadows_it() {
    let f = Fixture::committed();
    f.write("data/facts.yaml", &FACTS.replacen(RELEASE.0, RELEASE.1, 1));
    let head = String::from_utf8(
        Command::new("git")
            .arg("-C")
            .arg(f.path())
            .args(["rev-parse", "HEAD"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // The merge request also adds folders named like revisions, holding copies of the new data.
    for shadow in ["main", "HEAD", head.trim()] {
        for folder in ["data", "briefs", "templates"] {
            copy_tree(&f.path().join(folder), &f.path().join(shadow).join(folder));
        }
    }
    for rev in ["main", "HEAD", head.trim()] {
        diff_from_inside(&f, &[rev, "--fail-on-release"])
            .fails(1)
            .prints("risk-trade");
    }
    // An explicit folder is still a folder, resolved against --root, not the current folder.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut command = f.command(&["diff", "./main", "--fail-on-release"]);
    command.current_dir(elsewhere.path());
    f.run(command, common::DEADLINE).ok();
}

#[test]
fn a_symlink_or_submodule_in_a_revision_is_refused_at_its_path() {
    let f = Fixture::committed();
    std::os::unix::fs::symlink("../briefs/test.yaml", f.path().join("data/extra.yaml")).unwrap();
    git(f.path(), &["add", "-A"]);
    git(f.path(), &["commit", "-q", "-m", "link"]);
    std::fs::remove_file(f.path().join("data/extra.yaml")).unwrap();
    f.brief(&["diff", "HEAD"])
        .fails(65)
        .says("data/extra.yaml:1:1")
        .says("symbolic link");

    let g = Fixture::committed();
    let sub = g.path().join("templates/vendored");
    git(g.path(), &["init", "-q", sub.to_str().unwrap()]);
    std::fs::write(sub.join("x.txt"), "x").unwrap();
    git(&sub, &["add", "-A"]);
    git(&sub, &["commit", "-q", "-m", "sub"]);
    git(g.path(), &["add", "templates/vendored"]);
    git(g.path(), &["commit", "-q", "-m", "submodule"]);
    g.brief(&["diff", "HEAD"])
        .fails(65)
        .says("templates/vendored:1:1")
        .says("submodule");
}

#[test]
fn a_revision_blob_over_the_cap_is_refused_before_it_is_read() {
    let f = Fixture::committed();
    let big = format!("# {}\nfacts: []\n", "x".repeat(3 * 1024 * 1024));
    f.write("data/big.yaml", &big);
    git(f.path(), &["add", "-A"]);
    git(f.path(), &["commit", "-q", "-m", "big"]);
    std::fs::remove_file(f.path().join("data/big.yaml")).unwrap();
    f.brief(&["diff", "HEAD"])
        .fails(65)
        .says("data/big.yaml:1:1")
        .says("at HEAD")
        .says("file too large");
}

#[test]
fn a_project_in_a_subfolder_of_its_repository_diffs() {
    let repo = tempfile::tempdir().unwrap();
    let f = Fixture::valid();
    copy_tree(f.path(), &repo.path().join("project"));
    common::commit_all(repo.path());
    let project = repo.path().join("project");
    let json = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("--root")
            .arg(&project)
            .arg("diff")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let unchanged = json(&["HEAD"]);
    assert_eq!(
        unchanged["facts"].as_array().unwrap().len(),
        0,
        "{unchanged:#}"
    );
    std::fs::write(
        project.join("data/facts.yaml"),
        FACTS.replace(
            "the Allies approved Peru's",
            "the Allies formally approved Peru's",
        ),
    )
    .unwrap();
    let changed = json(&["HEAD"]);
    assert_eq!(changed["facts"][0]["id"], "pe-bi-approval", "{changed:#}");
    assert_eq!(changed["facts"].as_array().unwrap().len(), 1, "{changed:#}");
}

#[test]
fn swapping_an_internal_and_an_external_text_is_a_release() {
    let f = Fixture::committed();
    let internal = (
        "Socios comerciales podrían desaprobar el acercamiento CANARYSECRETXQ.",
        "Trade partners could disapprove of the approach CANARYSECRETXQ.",
    );
    let external = (
        "El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.",
        "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.",
    );
    let swapped = FACTS
        .replace(internal.0, "@ES@")
        .replace(internal.1, "@EN@")
        .replace(external.0, internal.0)
        .replace(external.1, internal.1)
        .replace("@ES@", external.0)
        .replace("@EN@", external.1);
    assert_ne!(swapped, FACTS);
    f.write("data/facts.yaml", &swapped);
    let run = f
        .brief(&["diff", "HEAD", "--fail-on-release", "--format", "json"])
        .fails(1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let releases = report["releases"].as_array().unwrap();
    let whats: Vec<&str> = releases
        .iter()
        .filter(|r| r["id"] == "pe-bi-approval")
        .map(|r| r["what"].as_str().unwrap())
        .collect();
    assert!(
        whats
            .iter()
            .any(|w| w.contains("test-brief/test-brief.non-paper.nato.en")
                && w.contains("trade partners could disapprove")),
        "{report:#}"
    );
    assert!(
        whats
            .iter()
            .any(|w| w.contains("test-brief/test-brief.non-paper.nato.es")),
        "{report:#}"
    );
    // Moving external text into an internal fact releases nothing.
    let g = Fixture::committed();
    g.write(
        "data/facts.yaml",
        &FACTS.replace(internal.1, &format!("{} {}", internal.1, external.1)),
    );
    g.brief(&["diff", "HEAD", "--fail-on-release"]).ok();
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_brief_quietly() {
    let f = Fixture::committed();
    f.write("data/facts.yaml", &FACTS.replacen(RELEASE.0, RELEASE.1, 1));
    // The command's own exit code survives: the release gate still fails with nobody reading.
    let cases: [(&[&str], i32); 4] = [
        (&["diff", "HEAD"], 0),
        (&["diff", "HEAD", "--fail-on-release"], 1),
        (&["check"], 0),
        (&["explain", "pe-bi-approval"], 0),
    ];
    for (args, code) in cases {
        let mut child = f
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    }
}

#[test]
fn git_failures_are_not_usage_errors() {
    // Not a git repository: the input is missing (66), not a bad invocation (2).
    let f = Fixture::valid();
    f.brief(&["diff", "HEAD"]).fails(66).says("git repository");
    // An unknown revision is the caller's mistake: usage (2), with the folder spelling as a hint.
    let g = Fixture::committed();
    g.brief(&["diff", "no-such-branch"])
        .fails(2)
        .says("./no-such-branch");
}

#[test]
fn a_brief_dated_year_zero_is_refused_at_its_line() {
    let f = Fixture::valid();
    f.write(
        "briefs/test.yaml",
        &common::BRIEF.replace("date: 2022-11-30", "date: 0000-01-01"),
    );
    f.brief(&["check"])
        .fails(65)
        .says("briefs/test.yaml:5:7")
        .says("1900-01-01");
}
