//! A side of a diff: a git revision of the project, read through git without touching the working
//! tree, or a folder (the working tree itself, or another project folder named explicitly).
//!
//! An argument names a folder only when it says so: it starts with `./`, `../` or `/`. Anything
//! else is a git revision, so a folder that a change adds under a revision's name (`main/`,
//! `HEAD/`, a commit id) can never stand in for that revision and make a release gate compare the
//! new data with itself. Folders are resolved against the project root (`--root`), never against
//! the folder brief was started in.
//!
//! A revision's tree is untrusted: only regular files are read from it (a symbolic link's target
//! text or a submodule would otherwise be read as a file's content, and its facts would vanish
//! from the diff while the build still includes them), and each blob's size is checked against
//! the same cap as the working tree's files before it is read.

use crate::diag::{Diagnostic, Location};
use crate::error::{Failure, Result};
use crate::project::{MAX_INPUT_BYTES, Project};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A project as it is at one side of a diff.
pub struct Side {
    pub label: String,
    pub project: Project,
    /// The temporary folder a revision was written into; removed when the side is dropped.
    _tmp: Option<tempfile::TempDir>,
}

/// The folders of a project that a revision provides (fonts and `out/` come from the working tree).
const FOLDERS: [&str; 3] = ["data", "briefs", "templates"];

/// How `spec` is read: the working tree, a folder, or a git revision.
#[derive(Debug, PartialEq, Eq)]
pub enum Spec<'a> {
    WorkTree,
    Folder(&'a str),
    Revision(&'a str),
}

impl<'a> Spec<'a> {
    pub fn parse(spec: &'a str) -> Self {
        if spec == "WORKTREE" {
            Spec::WorkTree
        } else if spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/') {
            Spec::Folder(spec)
        } else {
            Spec::Revision(spec)
        }
    }
}

/// Runs git in the project folder. A git that cannot run or that fails reading objects is an
/// I/O failure (exit 74); callers turn the failures that are the user's into usage errors.
fn git(root: &Path, args: &[&str]) -> std::result::Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!(
            "git {}: {}",
            args.first().copied().unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Opens `spec` relative to the project at `root`: `WORKTREE` (the project folder as it is on
/// disk), an explicit folder (`./x`, `../x`, `/x`), or a git revision (`HEAD`, `main`, `HEAD~3`,
/// a commit id).
pub fn open(root: &Project, spec: &str) -> Result<Side> {
    match Spec::parse(spec) {
        Spec::WorkTree => Ok(Side {
            label: "working tree".into(),
            project: root.clone(),
            _tmp: None,
        }),
        Spec::Folder(path) => {
            let dir = root.root().join(path);
            if !dir.is_dir() {
                return Err(Failure::Usage(format!(
                    "`{spec}` is not a folder (folders are resolved against the project root)"
                )));
            }
            let project = Project::open(&dir).map_err(Failure::NoInput)?;
            Ok(Side {
                label: spec.to_owned(),
                project,
                _tmp: None,
            })
        }
        Spec::Revision(rev) => open_revision(root, rev),
    }
}

/// One entry of `git ls-tree -l`.
struct TreeEntry {
    mode: String,
    kind: String,
    object: String,
    size: Option<u64>,
    /// Path from the top of the repository.
    path: String,
}

fn parse_ls_tree(listing: &[u8]) -> Vec<TreeEntry> {
    listing
        .split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (meta, path) = entry.split_once('\t')?;
            let mut parts = meta.split_whitespace();
            Some(TreeEntry {
                mode: parts.next()?.to_owned(),
                kind: parts.next()?.to_owned(),
                object: parts.next()?.to_owned(),
                size: parts.next().and_then(|s| s.parse().ok()),
                path: path.to_owned(),
            })
        })
        .collect()
}

/// What is wrong with a tree entry that brief would read as a file, if anything.
fn refusal(entry: &TreeEntry) -> Option<String> {
    match (entry.kind.as_str(), entry.mode.as_str()) {
        ("blob", "100644" | "100755") => match entry.size {
            Some(size) if size <= MAX_INPUT_BYTES => None,
            Some(size) => Some(format!(
                "file too large ({:.1} MiB > {} MiB)",
                size as f64 / 1048576.0,
                MAX_INPUT_BYTES / 1048576
            )),
            None => Some("git did not report the file's size".into()),
        },
        ("blob", "120000") => Some(
            "is a symbolic link in git; brief reads only regular files from a revision (its target \
             text would be read as the file's content)"
                .into(),
        ),
        ("commit", _) => Some("is a submodule; brief reads only regular files".into()),
        (kind, mode) => Some(format!(
            "is not a regular file (git {kind}, mode {mode}); brief reads only regular files"
        )),
    }
}

fn open_revision(root: &Project, rev: &str) -> Result<Side> {
    let dir = root.root();
    let io = Failure::Io;
    if git(dir, &["rev-parse", "--git-dir"]).is_err() {
        return Err(Failure::NoInput(
            Diagnostic::global(format!(
                "`{rev}` names a git revision, but the project is not in a git repository"
            ))
            .with_hint("name a folder as ./FOLDER, or compare with WORKTREE"),
        ));
    }
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        Failure::Usage(format!(
            "`{rev}` is not a git revision of this project (a folder must be written ./{rev})"
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    // The project may sit in a subfolder of its repository: paths in the tree carry that prefix.
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"]).map_err(io)?)
        .trim()
        .to_owned();
    let mut args = vec![
        "ls-tree",
        "-r",
        "-z",
        "-l",
        "--full-tree",
        commit.as_str(),
        "--",
    ];
    let specs: Vec<String> = FOLDERS.iter().map(|f| format!("{prefix}{f}")).collect();
    args.extend(specs.iter().map(String::as_str));
    let entries = parse_ls_tree(&git(dir, &args).map_err(io)?);

    let short: String = commit.chars().take(10).collect();
    let label = format!("{rev} ({short})");
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        let Some(relative) = entry.path.strip_prefix(&prefix) else {
            continue;
        };
        let relative = PathBuf::from(relative);
        let safe = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        match refusal(&entry) {
            Some(why) => problems.push(
                Diagnostic::at(
                    Location::new(&relative, 1, 1),
                    format!("at {label}, {} {why}", relative.display()),
                )
                .with_hint("replace it with a regular file and commit again"),
            ),
            None if !safe => problems.push(Diagnostic::at(
                Location::new(&relative, 1, 1),
                format!(
                    "at {label}, the path {} is not a plain relative path",
                    relative.display()
                ),
            )),
            None => files.push((relative, entry.object)),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Invalid(problems));
    }

    let tmp = tempfile::tempdir()
        .map_err(|e| Failure::Io(format!("cannot create a temporary folder: {e}")))?;
    let write_err = |e: std::io::Error| Failure::Io(format!("cannot write a temporary file: {e}"));
    for folder in FOLDERS {
        std::fs::create_dir_all(tmp.path().join(folder)).map_err(write_err)?;
    }
    for (relative, object) in files {
        let bytes = git(dir, &["cat-file", "blob", &object]).map_err(io)?;
        let target = tmp.path().join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        std::fs::write(&target, bytes).map_err(write_err)?;
    }
    let project = Project::open(tmp.path()).map_err(Failure::NoInput)?;
    Ok(Side {
        label,
        project,
        _tmp: Some(tmp),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_explicit_paths_are_folders() {
        for rev in [
            "main",
            "HEAD",
            "origin/main",
            "HEAD~3",
            "0123abcd",
            "main/",
            "data",
        ] {
            assert_eq!(Spec::parse(rev), Spec::Revision(rev));
        }
        for dir in ["./main", "../other", "/abs/project", "./"] {
            assert_eq!(Spec::parse(dir), Spec::Folder(dir));
        }
        assert_eq!(Spec::parse("WORKTREE"), Spec::WorkTree);
    }

    #[test]
    fn non_regular_entries_are_refused() {
        let entry = |mode: &str, kind: &str, size: Option<u64>| TreeEntry {
            mode: mode.into(),
            kind: kind.into(),
            object: "0".into(),
            size,
            path: "data/x.yaml".into(),
        };
        assert!(refusal(&entry("100644", "blob", Some(10))).is_none());
        assert!(refusal(&entry("100755", "blob", Some(10))).is_none());
        assert!(refusal(&entry("120000", "blob", Some(10))).is_some());
        assert!(refusal(&entry("160000", "commit", None)).is_some());
        assert!(refusal(&entry("100644", "blob", Some(MAX_INPUT_BYTES + 1))).is_some());
    }
}
