//! The named temporary files `atomic-write-file` can leave in `out/`, and their removal.
//!
//! The crate stages into an unnamed `O_TMPFILE` file where the file system has them, but to put
//! one in place it first links it under a random name, `.<target>.<6 letters or digits>`, in the
//! target's folder, then renames that over the target (0.3.1, `imp/unix/linux.rs`,
//! `rename_unnamed_temporary_file`); where `O_TMPFILE` is unsupported it stages under that name
//! from the start. A run killed between the link and the rename, or a rename that fails, leaves
//! that name behind. The next run, holding the lock, removes exactly those names and nothing else.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

/// The length of the random suffix the crate appends (`RandomName::SUFFIX_SIZE`).
const SUFFIX: usize = 6;

/// The endings of every file name `brief` writes in `out/`: only temporary names for these are
/// ever removed.
const OUTPUT_ENDINGS: [&str; 3] = [".pdf", ".typ", ".bib.yaml"];
const MANIFEST: &str = "manifest.json";

/// Whether `name` is the crate's temporary name for a file `brief` writes:
/// `.<target>.<SUFFIX ASCII letters or digits>`, where `<target>` is a PDF, Typst source,
/// bibliography or the manifest.
pub fn is_temp_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((target, suffix)) = rest.rsplit_once('.') else {
        return false;
    };
    suffix.len() == SUFFIX
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        && !target.starts_with('.')
        && (target == MANIFEST
            || OUTPUT_ENDINGS
                .iter()
                .any(|end| target.len() > end.len() && target.ends_with(end)))
}

/// Removes the regular files in `dir` (not entered through a symbolic link) whose names `keep`
/// accepts; returns how many were removed.
fn remove_in(dir: &Path, matches: impl Fn(&OsStr) -> bool) -> usize {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return 0;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && matches(&entry.file_name()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the temporary names a killed or failed run left in `out/` and in each brief's folder
/// `out/<brief>/` (the only folders `brief` writes to); returns how many were removed. The caller
/// holds the lock, so no other run is using one.
pub fn remove_leftovers(out: &Path) -> usize {
    let mut removed = remove_in(out, is_temp_name);
    if let Ok(entries) = fs::read_dir(out) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                removed += remove_in(&entry.path(), is_temp_name);
            }
        }
    }
    removed
}

/// Removes the temporary names for `target` alone (after a rename over it failed).
pub fn remove_for(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    remove_in(dir, |n| {
        is_temp_name(n)
            && n.to_str()
                .is_some_and(|n| n.starts_with(&prefix) && n.len() == prefix.len() + SUFFIX)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_crates_names_for_our_outputs_match() {
        for name in [
            ".nato.en.pdf.a1B2c3",
            ".nato.en.typ.ZZZZZZ",
            ".nato.en.bib.yaml.000000",
            ".style.typ.abcdef",
            ".manifest.json.Q1w2E3",
            ".mou.es-en.redline.pdf.x9y8z7",
        ] {
            assert!(is_temp_name(OsStr::new(name)), "{name}");
        }
        for name in [
            "nato.en.pdf.a1B2c3",     // not hidden
            ".nato.en.pdf.a1B2c",     // 5 characters
            ".nato.en.pdf.a1B2c3d",   // 7 characters
            ".nato.en.pdf.a1B2-3",    // not alphanumeric
            ".notes.txt.a1B2c3",      // not an output name
            ".brief.lock",            // the lock
            ".pdf.a1B2c3",            // no target name
            "..nato.en.pdf.a1B2c3",   // a target starting with a dot
            ".manifest.json.bak.abc", // the wrong suffix
            ".nato.en.pdf.ä1B2c3",    // non-ASCII
        ] {
            assert!(!is_temp_name(OsStr::new(name)), "{name}");
        }
    }

    #[test]
    fn removal_takes_only_temporary_names_of_regular_files() {
        let out = tempfile::tempdir().unwrap();
        let brief = out.path().join("b");
        fs::create_dir(&brief).unwrap();
        fs::write(brief.join(".nato.en.pdf.a1B2c3"), b"x").unwrap();
        fs::write(out.path().join(".manifest.json.abcdef"), b"x").unwrap();
        fs::write(brief.join("nato.en.pdf"), b"keep").unwrap();
        fs::write(brief.join(".notes.txt.a1B2c3"), b"keep").unwrap();
        fs::create_dir(brief.join(".mre.es.pdf.abcdef")).unwrap();
        assert_eq!(remove_leftovers(out.path()), 2);
        let mut left: Vec<_> = fs::read_dir(&brief)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".mre.es.pdf.abcdef", ".notes.txt.a1B2c3", "nato.en.pdf"]
        );
    }

    #[test]
    fn removal_for_one_target_leaves_the_others() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".nato.en.pdf.a1B2c3"), b"x").unwrap();
        fs::write(dir.path().join(".nato.es.pdf.a1B2c3"), b"x").unwrap();
        remove_for(&dir.path().join("nato.en.pdf"));
        assert!(!dir.path().join(".nato.en.pdf.a1B2c3").exists());
        assert!(dir.path().join(".nato.es.pdf.a1B2c3").exists());
    }
}
