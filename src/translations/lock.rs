//! `data/translations.lock`: for each fact field and each language translated from the source
//! language, the hash of the source text the translation was made from. One line per
//! translation, `fact field language sha256`, sorted, so that the file is deterministic and a
//! reviewer reads in a diff which translations a change confirmed.

use crate::diag::{Diagnostic, Location};
use crate::project::Project;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The lock file's name, in `data/`.
pub const FILE: &str = "translations.lock";

const HEADER: &str = "\
# Translation state, written by `brief translations confirm` and `brief translations import`.
# One line per fact field and language: the SHA-256 of the source-language text that the
# translation was made from. A translation whose source text no longer has this hash is stale.
# fact field language source-sha256
";

/// The project-relative path of the lock file.
pub fn path() -> PathBuf {
    Path::new("data").join(FILE)
}

/// The lock file's entries: `(fact, field, language)` → hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    entries: BTreeMap<(String, String, String), String>,
}

impl Lock {
    /// Reads the lock file; a project without one has confirmed nothing.
    pub fn read(project: &Project) -> Result<Lock, Diagnostic> {
        let full = project.root().join(path());
        if std::fs::symlink_metadata(&full).is_err() {
            return Ok(Lock::default());
        }
        let file = project.read_text(&full)?;
        Lock::parse(&file.path, &file.text)
    }

    /// Parses the lock file's text; `shown` is its path for messages.
    pub fn parse(shown: &Path, text: &str) -> Result<Lock, Diagnostic> {
        let mut entries = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let at = |column: usize| Location::new(shown, n + 1, column);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split(' ').collect();
            let [fact, field, lang, hash] = parts[..] else {
                return Err(Diagnostic::at(
                    at(1),
                    "a line of the translation lock is `fact field language sha256`, separated by single spaces",
                )
                .with_source_line(text));
            };
            if hash.len() != 64 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                let column = line.len() - hash.len() + 1;
                return Err(Diagnostic::at(
                    at(column),
                    "not a SHA-256 hash (64 lowercase hexadecimal digits)",
                )
                .with_source_line(text));
            }
            let key = (fact.to_owned(), field.to_owned(), lang.to_owned());
            if entries.insert(key, hash.to_owned()).is_some() {
                return Err(Diagnostic::at(
                    at(1),
                    format!("`{fact} {field} {lang}` is recorded twice"),
                )
                .with_source_line(text));
            }
        }
        Ok(Lock { entries })
    }

    /// The file's text: the header, then one sorted line per entry.
    pub fn render(&self) -> String {
        let mut out = String::from(HEADER);
        for ((fact, field, lang), hash) in &self.entries {
            out.push_str(&format!("{fact} {field} {lang} {hash}\n"));
        }
        out
    }

    /// The hash recorded for `fact`'s `field` in `lang`.
    pub fn get(&self, fact: &str, field: &str, lang: &str) -> Option<&str> {
        self.entries
            .get(&(fact.to_owned(), field.to_owned(), lang.to_owned()))
            .map(String::as_str)
    }

    /// Records that `fact`'s `field` in `lang` was translated from the source text with `hash`.
    pub fn set(&mut self, fact: &str, field: &str, lang: &str, hash: String) {
        self.entries
            .insert((fact.to_owned(), field.to_owned(), lang.to_owned()), hash);
    }

    /// Drops every entry `keep` refuses (fields and facts that no longer exist).
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str, &str) -> bool) {
        self.entries
            .retain(|(fact, field, lang), _| keep(fact, field, lang));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_sorted_and_reads_back() {
        let mut lock = Lock::default();
        lock.set("b", "text", "en", "a".repeat(64));
        lock.set("a", "title", "en", "b".repeat(64));
        let text = lock.render();
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(lines[0].starts_with("a title en "), "{text}");
        assert_eq!(Lock::parse(Path::new("x"), &text).unwrap(), lock);
    }

    #[test]
    fn bad_lines_are_located() {
        let d = Lock::parse(Path::new("l"), "# c\na text en xyz\n").unwrap_err();
        assert_eq!(d.location.unwrap().to_string(), "l:2:11");
        let twice = format!("a text en {h}\na text en {h}\n", h = "0".repeat(64));
        let d = Lock::parse(Path::new("l"), &twice).unwrap_err();
        assert!(d.message.contains("twice"), "{}", d.message);
        assert!(Lock::parse(Path::new("l"), "a text\n").is_err());
    }
}
