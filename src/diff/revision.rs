//! A side of a diff: a git revision of the project, read through git without touching the working
//! tree, or a folder (the working tree itself, or any other project folder).

use crate::error::{Failure, Result};
use crate::project::Project;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A project as it is at one side of a diff.
pub struct Side {
    pub label: String,
    pub project: Project,
    /// The temporary folder a revision was written into; removed when the side is dropped.
    _tmp: Option<tempfile::TempDir>,
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| Failure::Usage(format!("cannot run git: {e}")))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Failure::Usage(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// Opens `spec` relative to the project at `root`: an existing folder, `WORKTREE` (the project
/// folder as it is on disk), or a git revision (`HEAD`, `main`, `HEAD~3`, a commit id).
pub fn open(root: &Project, spec: &str) -> Result<Side> {
    if spec == "WORKTREE" {
        return Ok(Side {
            label: "working tree".into(),
            project: root.clone(),
            _tmp: None,
        });
    }
    let as_dir = PathBuf::from(spec);
    if as_dir.is_dir() {
        let project = Project::open(&as_dir).map_err(Failure::NoInput)?;
        return Ok(Side {
            label: spec.to_owned(),
            project,
            _tmp: None,
        });
    }
    let dir = root.root();
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{spec}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        Failure::Usage(format!(
            "`{spec}` is neither a folder nor a git revision of this project"
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_owned();
    let tmp = tempfile::tempdir()
        .map_err(|e| Failure::Io(format!("cannot create a temporary folder: {e}")))?;
    for folder in ["data", "briefs", "templates"] {
        std::fs::create_dir_all(tmp.path().join(folder)).map_err(|e| Failure::Io(e.to_string()))?;
        let listing = git(
            dir,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--name-only",
                &commit,
                "--",
                &format!("{prefix}{folder}"),
            ],
        )?;
        for path in listing.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            let path = String::from_utf8_lossy(path).into_owned();
            let relative = path.strip_prefix(&prefix).unwrap_or(&path);
            if relative
                .split('/')
                .any(|part| part == ".." || part.is_empty())
            {
                continue;
            }
            let bytes = git(dir, &["show", &format!("{commit}:{path}")])?;
            let target = tmp.path().join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Failure::Io(e.to_string()))?;
            }
            std::fs::write(&target, bytes).map_err(|e| Failure::Io(e.to_string()))?;
        }
    }
    let project = Project::open(tmp.path()).map_err(Failure::NoInput)?;
    let short: String = commit.chars().take(10).collect();
    Ok(Side {
        label: format!("{spec} ({short})"),
        project,
        _tmp: Some(tmp),
    })
}
