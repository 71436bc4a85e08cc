//! Test projects in temporary folders, the `brief` binary run on them, and readers of the PDFs it
//! writes. A fixture starts from the repository's own templates and fonts, so the tests exercise
//! the shipped templates; each test writes the data and brief definitions it needs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

pub struct Fixture {
    dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
            // Keep modification times, so that a copied built project is as up to date as
            // its original (the manifest records them).
            let modified = entry.metadata().unwrap().modified().unwrap();
            fs::File::options()
                .write(true)
                .open(&target)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
    }
}

/// How long any one run of `brief` may take in a test before it is killed and the test fails:
/// a guard against hangs, not a performance target (those are in `brief-bench`).
pub const DEADLINE: Duration = Duration::from_secs(300);

/// The valid project, built once per test binary; [`Fixture::built`] hands out copies.
static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();

/// A bibliography with two entries.
pub const SOURCES: &str = r#"nac-2021:
  type: report
  title: Brussels Summit Communiqué
  author: {name: North Atlantic Council}
  date: 2021
gi-2021a:
  type: report
  title: Building Integrity Newsletter
  author: {name: NATO Building Integrity Programme}
  date: 2021
supplier-2022:
  type: report
  title: CANARYSOURCEXQ arms supplier assessment
  author: {name: Internal analysis}
  date: 2022
"#;

/// A fact file with one shareable fact for everyone and one internal fact carrying a canary.
pub const FACTS: &str = r#"facts:
  - id: pe-bi-approval
    kind: event
    tags: [peru-record, timeline-peru]
    date: 2021-09-15
    title: {es: Aprobación de la participación del Perú, en: "Approval of Peru's participation"}
    text:
      es: El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.
      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.
    sources: [gi-2021a]
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1734-1742"
  - id: risk-trade
    kind: risk
    tags: [risks]
    text:
      es: Socios comerciales podrían desaprobar el acercamiento CANARYSECRETXQ.
      en: Trade partners could disapprove of the approach CANARYSECRETXQ.
    audiences: [mre, defence]
    sensitivity: internal
    classification: reservado
    seed: "5650-5660"
  - id: mou-purpose
    kind: clause
    tags: [mou]
    attrs:
      heading: {es: Propósito, en: Purpose}
    text:
      es: Los Participantes reafirman su compromiso con los valores comunes.
      en: The Participants reaffirm their commitment to common values.
    audiences: [mre, nato]
    sensitivity: shareable
    classification: publico
  - id: risk-supplier
    kind: risk
    tags: [risks]
    text:
      es: Un proveedor de armamento podría desaprobar el acercamiento.
      en: An arms supplier could disapprove of the approach.
    sources: [supplier-2022]
    audiences: [mre, defence]
    sensitivity: internal
    classification: reservado
    seed: "5650-5660"
"#;

/// The shipped catalog with one change: the NATO non-paper cites its sources. The shipped
/// non-paper does not, but a document for an external reader that does is exactly where a
/// source cited only by an internal fact must not follow, so the small fixture keeps one.
pub fn citing_catalog() -> String {
    let shipped = fs::read_to_string(Path::new(REPO).join("templates/catalog.yaml")).unwrap();
    let start = shipped
        .find("  - id: non-paper\n")
        .expect("the non-paper type");
    let cites = start
        + shipped[start..]
            .find("    cites: false\n")
            .expect("the non-paper does not cite");
    format!(
        "{}{}",
        &shipped[..cites],
        &shipped[cites + "    cites: false\n".len()..]
    )
}

/// A brief with a section per layout the facts above can fill.
pub const BRIEF: &str = r#"id: test-brief
title: {es: Informe de prueba, en: Test brief}
reference: "TEST-0001"
office: {es: Oficina de pruebas, en: Test office}
date: 2022-11-30
languages: [es, en]
documents:
  - {type: briefing-note, audiences: [mre, defence]}
  - {type: non-paper, audiences: [nato]}
  - {type: mou, audiences: [nato]}
sections:
  - id: record
    title: {es: Vínculos, en: Record}
    documents: [briefing-note, non-paper]
    facts: [pe-bi-approval]
  - id: risks
    title: {es: Riesgos, en: Risks}
    layout: list
    audiences: [mre, defence]
    tags: [risks]
  - id: mou-paragraphs
    title: {es: Entendimiento, en: Understanding}
    layout: clauses
    documents: [mou]
    tags: [mou]
  - id: everything-tagged
    title: {es: Todo, en: Everything}
    layout: list
    tags: [risks]
    kinds: [risk]
"#;

impl Fixture {
    /// The repository's templates and fonts, and no data.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(REPO).join("templates"),
            &dir.path().join("templates"),
        );
        copy_dir(&Path::new(REPO).join("fonts"), &dir.path().join("fonts"));
        for d in ["data", "briefs", "out"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        Self { dir }
    }

    /// The small valid project above.
    pub fn valid() -> Self {
        let f = Self::empty();
        f.write("templates/catalog.yaml", &citing_catalog());
        f.write("data/sources.yaml", SOURCES);
        f.write("data/facts.yaml", FACTS);
        f.write("briefs/test.yaml", BRIEF);
        f
    }

    /// A copy of the valid project with every output already built: for checking that a failed
    /// run leaves `out/` byte for byte as it was.
    pub fn built() -> Self {
        let original = BUILT.get_or_init(|| {
            let f = Self::valid();
            f.brief(&["build", "--quiet"]).ok();
            f.dir
        });
        let dir = tempfile::tempdir().unwrap();
        copy_dir(original.path(), dir.path());
        Self { dir }
    }

    /// A copy of the whole repository project: the shipped data and briefs.
    pub fn shipped() -> Self {
        let f = Self::empty();
        copy_dir(&Path::new(REPO).join("data"), &f.path().join("data"));
        copy_dir(&Path::new(REPO).join("briefs"), &f.path().join("briefs"));
        f
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: &str) {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The command `brief --root <fixture> ARGS`, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
        command
            .arg("--root")
            .arg(self.path())
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH");
        command
    }

    /// Runs `brief --root <fixture> ARGS`.
    pub fn brief(&self, args: &[&str]) -> Run {
        self.run(self.command(args), DEADLINE)
    }

    /// Runs `command`, killing it and failing the test if it outlives `deadline`.
    pub fn run(&self, mut command: Command, deadline: Duration) -> Run {
        let started = Instant::now();
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).unwrap();
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().unwrap()));
        let stderr = drain(Box::new(child.stderr.take().unwrap()));
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("brief ran longer than {deadline:?}: {command:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        Run {
            output: Output {
                status,
                stdout: stdout.join().unwrap(),
                stderr: stderr.join().unwrap(),
            },
            root: self.path().to_path_buf(),
            elapsed: started.elapsed(),
        }
    }

    /// Every path under the fixture (files, folders, links), relative to it: for checking that a
    /// run left no temporary file anywhere.
    pub fn all_paths(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, base: &Path, found: &mut Vec<PathBuf>) {
            for entry in fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                found.push(entry.path().strip_prefix(base).unwrap().to_path_buf());
                if entry.file_type().unwrap().is_dir() {
                    walk(&entry.path(), base, found);
                }
            }
        }
        let mut found = Vec::new();
        walk(self.path(), self.path(), &mut found);
        found.sort();
        found
    }

    /// Every file under `out/` with its bytes.
    pub fn out_files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        fn walk(dir: &Path, base: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                if entry.file_type().unwrap().is_dir() {
                    walk(&entry.path(), base, files);
                } else {
                    files.insert(
                        entry.path().strip_prefix(base).unwrap().to_path_buf(),
                        fs::read(entry.path()).unwrap(),
                    );
                }
            }
        }
        walk(
            &self.path().join("out"),
            &self.path().join("out"),
            &mut files,
        );
        files
    }

    /// Asserts that `out/` holds exactly the files of `before`, byte for byte: a failed run
    /// changed nothing and left no temporary or partial file. `what` names the case.
    pub fn assert_out_unchanged(&self, before: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
        let after = self.out_files();
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{what}: files under out/ changed (a temporary or partial file?)"
        );
        for (path, bytes) in before {
            assert!(
                after[path] == *bytes,
                "{what}: out/{} changed",
                path.display()
            );
        }
    }

    /// The PDFs under `out/`, by path relative to it.
    pub fn pdf_names(&self) -> Vec<PathBuf> {
        self.out_files()
            .into_keys()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect()
    }

    pub fn pdf_text(&self, rel: &str) -> String {
        pdf_text(&self.read(rel))
    }
}

pub struct Run {
    pub output: Output,
    root: PathBuf,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    /// Asserts success, showing stderr otherwise.
    pub fn ok(self) -> Self {
        assert_eq!(self.code(), 0, "brief failed:\n{}", self.stderr());
        self
    }
    /// Asserts exit code `code` and that no absolute path of the fixture leaks into messages.
    pub fn fails(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "expected exit {code}; stderr:\n{}\nstdout:\n{}",
            self.stderr(),
            self.stdout()
        );
        let root = self.root.to_string_lossy().into_owned();
        assert!(
            !self.stderr().contains(&root),
            "host path leaked into the message:\n{}",
            self.stderr()
        );
        self
    }
    /// Asserts that stdout contains `needle`.
    pub fn prints(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().contains(needle),
            "expected {needle:?} in stdout:\n{}",
            self.stdout()
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn says(self, needle: &str) -> Self {
        assert!(
            self.stderr().contains(needle),
            "expected {needle:?} in stderr:\n{}",
            self.stderr()
        );
        self
    }
}

/// The text of a PDF as a reader's tool extracts it.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("PDF text can be extracted")
}

/// Text with all white space and line-end hyphens removed, for robust containment checks.
pub fn squash(text: &str) -> String {
    text.replace("-\n", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// `text` with every quote glyph, straight or typographic, as `"`: texts print exactly as written
/// apart from their quotes, which take the language's typographic forms.
pub fn unquoted(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\'' | '‘' | '’' | '‚' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' => {
                '"'
            }
            c => c,
        })
        .collect()
}

/// Every byte sequence a PDF holds: the file itself, every stream decompressed, and every string
/// object decoded (metadata, outline, annotations), joined for searching.
pub fn pdf_everything(bytes: &[u8]) -> Vec<u8> {
    let mut all = bytes.to_vec();
    let doc = lopdf::Document::load_mem(bytes).expect("valid PDF");
    for object in doc.objects.values() {
        match object {
            lopdf::Object::Stream(stream) => {
                let mut s = stream.clone();
                let _ = s.decompress();
                all.extend_from_slice(&s.content);
            }
            lopdf::Object::String(s, _) => all.extend_from_slice(s),
            _ => {}
        }
    }
    all
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Compares `actual` with the snapshot `tests/snapshots/<name>.txt`. With `BRIEF_BLESS=1` the
/// snapshot is (re)written instead; a missing snapshot fails, so CI never blesses one.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(REPO)
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("BRIEF_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot tests/snapshots/{name}.txt; run with BRIEF_BLESS=1, review it, and commit it.\nactual:\n{actual}"
        )
    });
    assert!(
        expected == actual,
        "snapshot tests/snapshots/{name}.txt differs (BRIEF_BLESS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

/// Runs git in `dir` with a fixed identity, no signing and `main` as the first branch; panics
/// with git's message when it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new repository in `dir` holding everything there, in one commit on `main`.
pub fn commit_all(dir: &Path) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "facts"]);
}

impl Fixture {
    /// The valid fixture, committed on `main`.
    pub fn committed() -> Self {
        let f = Self::valid();
        commit_all(f.path());
        f
    }
}

/// The largest resident set of the children this test binary has waited for, in MB.
pub fn children_peak_mb() -> f64 {
    // SAFETY: a zeroed rusage is a valid value, and getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as f64 / 1024.0
}

/// Every part of a DOCX (a zip archive) by name, decompressed, in the order they are stored.
pub fn docx_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a readable entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content)
                .expect("an entry decompresses");
            (
                file.name().expect("a UTF-8 entry name").into_owned(),
                content,
            )
        })
        .collect()
}

/// One part of a DOCX, as text.
pub fn docx_part(bytes: &[u8], name: &str) -> String {
    let (_, content) = docx_parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(content).expect("XML parts are UTF-8")
}
