//! Build-time identity of the tool, for `--version` and for the outputs' fingerprints.
//!
//! `BRIEF_SOURCE_HASH` hashes what decides the tool's behaviour (its sources, manifest, lock file,
//! compiler and profile), so a byte-identical copy of the binary, or a rebuild of the same source,
//! leaves every output current, while any change to the code makes them stale. `BRIEF_COMMIT` is
//! the git commit the build came from, when there is one.

use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("Cargo.toml"),
        root.join("Cargo.lock"),
        root.join("build.rs"),
    ];
    walk(&root.join("src"), &mut files);
    // The patched bibliography engine's code shapes the reference lists too.
    walk(&root.join("vendor/hayagriva/src"), &mut files);
    files.sort();
    let mut hasher = Sha256::new();
    for file in &files {
        let rel = file.strip_prefix(root).unwrap_or(file);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(std::fs::read(file).unwrap_or_default());
        hasher.update([0]);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let compiler = Command::new(rustc)
        .arg("-V")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    hasher.update(&compiler);
    for var in ["PROFILE", "TARGET", "OPT_LEVEL"] {
        hasher.update(std::env::var(var).unwrap_or_default().as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=BRIEF_SOURCE_HASH={hex}");

    // The Typst version actually compiled in, from the lock file (the one source of truth).
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let typst = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"typst\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=BRIEF_TYPST_VERSION={typst}");

    let commit = Command::new("git")
        .args([
            "-C",
            &root.to_string_lossy(),
            "rev-parse",
            "--short=12",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=BRIEF_COMMIT={commit}");

    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=vendor/hayagriva/src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
    for git in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if root.join(git).exists() {
            println!("cargo:rerun-if-changed={git}");
        }
    }
}
