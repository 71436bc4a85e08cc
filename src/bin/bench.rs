//! The benchmark of `brief`, run as `cargo run --release --bin brief-bench [-- --quick]`.
//!
//! It runs the release `brief` binary as a user would, on copies of the project in temporary
//! folders, and prints: the cold build of the shipped set against one stock `typst compile`
//! process per output (when `typst` is on the PATH); the no-op build; a one-fact edit (which
//! outputs were rebuilt, and how long it took); the watch latency from save to PDF written; the
//! peak memory of each; and a synthetic corpus, generated here and never committed, grown from
//! 10 to more than 300 outputs to show time per output and memory staying flat.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn brief_exe() -> PathBuf {
    let me = std::env::current_exe().expect("own path");
    me.with_file_name("brief")
}

/// What one run cost: wall time, CPU time (user and system, the child and what it waited for)
/// and peak resident memory in KiB.
#[derive(Clone, Copy)]
struct Cost {
    wall: Duration,
    cpu: Duration,
    peak: i64,
}

fn cpu_of(usage: &libc::rusage) -> Duration {
    let t = |v: libc::timeval| Duration::new(v.tv_sec as u64, v.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Runs a command, returning wall time and peak resident memory (KiB) of the child.
fn measure(cmd: &mut Command) -> (Duration, i64, bool) {
    let (cost, ok) = measure_cost(cmd);
    (cost.wall, cost.peak, ok)
}

/// Runs a command to its end and says what it cost.
fn measure_cost(cmd: &mut Command) -> (Cost, bool) {
    let started = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child, with valid pointers to locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let cost = Cost {
        wall: started.elapsed(),
        cpu: cpu_of(&usage),
        peak: usage.ru_maxrss,
    };
    (cost, ok)
}

/// Runs `commands` with at most `width` at a time, as `xargs -P width` does: the wall time of
/// the whole, the CPU time of all, the highest peak of any one.
fn measure_pool(commands: Vec<Command>, width: usize) -> Cost {
    let started = Instant::now();
    let mut queue = commands.into_iter();
    let mut running = 0;
    let mut cpu = Duration::ZERO;
    let mut peak = 0;
    loop {
        while running < width {
            let Some(mut cmd) = queue.next() else { break };
            cmd.stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn");
            running += 1;
        }
        if running == 0 {
            break;
        }
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 for any of our own children, with valid pointers to locals.
        let r = unsafe { libc::wait4(-1, &mut status, 0, &mut usage) };
        assert!(r > 0, "wait4 failed");
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "a stock typst compile failed"
        );
        running -= 1;
        cpu += cpu_of(&usage);
        peak = peak.max(usage.ru_maxrss);
    }
    Cost {
        wall: started.elapsed(),
        cpu,
        peak,
    }
}

/// The median wall and CPU time of `runs`, and the highest peak.
fn typical(runs: &[Cost]) -> Cost {
    Cost {
        wall: Duration::from_secs_f64(median(runs.iter().map(|c| c.wall.as_secs_f64()).collect())),
        cpu: Duration::from_secs_f64(median(runs.iter().map(|c| c.cpu.as_secs_f64()).collect())),
        peak: runs.iter().map(|c| c.peak).max().unwrap_or(0),
    }
}

fn describe(c: &Cost) -> String {
    format!(
        "wall {:.0} ms, CPU {:.0} ms, peak {} MiB",
        ms(c.wall),
        ms(c.cpu),
        c.peak / 1024
    )
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn project_copy(repo: &Path, with_data: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dirs: &[&str] = if with_data {
        &["templates", "fonts", "data", "briefs"]
    } else {
        &["templates", "fonts"]
    };
    for d in dirs {
        copy_dir(&repo.join(d), &dir.path().join(d));
    }
    for d in ["data", "briefs", "out"] {
        fs::create_dir_all(dir.path().join(d)).unwrap();
    }
    dir
}

fn build(root: &Path, extra: &[&str]) -> (Duration, i64, bool) {
    measure(
        Command::new(brief_exe())
            .arg("--root")
            .arg(root)
            .arg("build")
            .arg("--quiet")
            .args(extra),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// One generated fact in YAML: every fourth internal, the rest cleared for every audience.
fn generated_fact(
    i: usize,
    id: &str,
    tag: &str,
    (title_es, title_en): (&str, &str),
    (text_es, text_en): (&str, &str),
    extra: &str,
) -> String {
    let internal = i % 4 == 0;
    format!(
        "  - id: {id}\n    kind: event\n    tags: [{tag}]\n    date: 20{y:02}-0{m}-1{d}\n    title: {{es: {title_es}, en: {title_en}}}\n    text:\n      es: {text_es}\n      en: {text_en}\n{extra}    audiences: [{aud}]\n    sensitivity: {sens}\n    classification: {cls}\n    seed: \"{line}\"\n",
        y = 10 + i % 12,
        m = 1 + i % 9,
        d = i % 9,
        aud = if internal {
            "mre, defence"
        } else {
            "mre, defence, nato"
        },
        sens = if internal { "internal" } else { "shareable" },
        cls = if internal { "reservado" } else { "publico" },
        line = 100 + i,
    )
}

/// A synthetic project with `briefs` briefs, each made as the shipped document types for three
/// audiences in two languages (nine outputs with the MoU's parallel text), drawing a handful of generated facts.
fn synthetic(repo: &Path, briefs: usize) -> tempfile::TempDir {
    let dir = project_copy(repo, false);
    let mut facts = String::from("facts:\n");
    for i in 0..40 {
        facts.push_str(&generated_fact(
            i,
            &format!("f-{i}"),
            &format!("t-{}", i % 5),
            (&format!("Hecho {i}"), &format!("Fact {i}")),
            (
                &format!("Texto del hecho sintético número {i}, con una oración de longitud realista sobre la cooperación."),
                &format!("Text of synthetic fact number {i}, with a sentence of realistic length about cooperation."),
            ),
            "",
        ));
    }
    fs::write(dir.path().join("data/facts.yaml"), facts).unwrap();
    for b in 0..briefs {
        let brief = format!(
            "id: brief-{b:03}\ntitle: {{es: Informe {b}, en: Brief {b}}}\nreference: \"SYN-{b:04}\"\noffice: {{es: Oficina, en: Office}}\ndate: 2022-11-30\nlanguages: [es, en]\ndocuments:\n  - {{type: briefing-note, audiences: [mre, defence]}}\n  - {{type: non-paper, audiences: [nato]}}\n  - {{type: mou, audiences: [nato]}}\nsections:\n  - id: a\n    title: {{es: Sección A, en: Section A}}\n    tags: [t-{}]\n  - id: b\n    title: {{es: Cronología, en: Timeline}}\n    layout: timeline\n    tags: [t-{}]\n  - id: c\n    title: {{es: Lista, en: List}}\n    layout: list\n    tags: [t-{}]\n",
            b % 5,
            (b + 1) % 5,
            (b + 2) % 5
        );
        fs::write(dir.path().join(format!("briefs/b{b:03}.yaml")), brief).unwrap();
    }
    dir
}

/// A copy of the shipped project with `extra` more facts that no brief draws, in files of 500
/// (each under the 2 MiB input cap): the editions built are the shipped ones, so peak memory
/// should not move with `extra`.
fn fact_base(repo: &Path, extra: usize) -> tempfile::TempDir {
    let dir = project_copy(repo, true);
    for (file, start) in (0..extra).step_by(500).enumerate() {
        let mut facts = String::from("facts:\n");
        for i in start..extra.min(start + 500) {
            facts.push_str(&generated_fact(
                i,
                &format!("extra-{i:05}"),
                &format!("extra-{}", i % 20),
                (&format!("Hecho adicional {i}"), &format!("Additional fact {i}")),
                (
                    &format!("Texto del hecho adicional número {i}, con una oración de longitud realista sobre la cooperación entre el Perú y la Organización."),
                    &format!("Text of additional fact number {i}, with a sentence of realistic length about cooperation between Peru and the Organization."),
                ),
                "    sources: [sula-2013]\n",
            ));
        }
        fs::write(dir.path().join(format!("data/extra_{file:03}.yaml")), facts).unwrap();
    }
    dir
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert!(
        brief_exe().exists(),
        "build the release binary first: cargo build --release"
    );
    println!(
        "machine: {} cores; {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |c| c.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_owned())
            )
            .unwrap_or_default()
    );

    // 1. Cold build of the shipped set, against one stock typst process per output.
    let shipped = project_copy(&repo, true);
    let (cold, cold_mem, ok) = build(shipped.path(), &[]);
    assert!(ok, "the shipped build failed");
    let out = shipped.path().join("out");
    let mut typs: Vec<PathBuf> = Vec::new();
    for brief in fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        for f in fs::read_dir(brief.path()).unwrap().flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "typ")
                && p.file_name().is_some_and(|n| n != "style.typ")
            {
                typs.push(p);
            }
        }
    }
    typs.sort();
    println!(
        "cold build of the shipped set: {} outputs in {:.0} ms ({:.0} ms per output), peak {} MiB (target 150)",
        typs.len(),
        ms(cold),
        ms(cold) / typs.len() as f64,
        cold_mem / 1024
    );
    // Medians of five forced rebuilds: every output typeset, as a cold run does.
    let rounds = if quick { 3 } else { 5 };
    let runs: Vec<Cost> = (0..rounds)
        .map(|_| {
            let (cost, ok) = measure_cost(
                Command::new(brief_exe())
                    .arg("--root")
                    .arg(shipped.path())
                    .args(["build", "--quiet", "--force"]),
            );
            assert!(ok, "the forced build failed");
            cost
        })
        .collect();
    let brief_cost = typical(&runs);
    println!(
        "brief build --force, median of {rounds}: {}",
        describe(&brief_cost)
    );
    let typst_available = Command::new("typst")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if typst_available {
        // The same generated sources, fonts and PDF standards, one process per output.
        let scratch = tempfile::tempdir().unwrap();
        let commands = || -> Vec<Command> {
            typs.iter()
                .enumerate()
                .map(|(i, typ)| {
                    let mut c = Command::new("typst");
                    c.args([
                        "compile",
                        "--ignore-system-fonts",
                        "--pdf-standard",
                        "a-2a,ua-1",
                        "--font-path",
                    ])
                    .arg(shipped.path().join("fonts"))
                    .arg(typ)
                    .arg(scratch.path().join(format!("{i}.pdf")))
                    .env("SOURCE_DATE_EPOCH", "1669766400");
                    c
                })
                .collect()
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let sequential = typical(
            &(0..rounds)
                .map(|_| measure_pool(commands(), 1))
                .collect::<Vec<_>>(),
        );
        let parallel = typical(
            &(0..rounds)
                .map(|_| measure_pool(commands(), cores))
                .collect::<Vec<_>>(),
        );
        println!(
            "stock typst, one process per output in sequence: {}",
            describe(&sequential)
        );
        println!(
            "stock typst, {cores} at a time (xargs -P {cores}): {}",
            describe(&parallel)
        );
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "brief / stock typst in sequence: CPU {:.2}, wall {:.2}",
            ratio(brief_cost.cpu, sequential.cpu),
            ratio(brief_cost.wall, sequential.wall)
        );
        println!(
            "brief / stock typst on {cores} cores: CPU {:.2} (target 0.75), wall {:.2} (target 0.85)",
            ratio(brief_cost.cpu, parallel.cpu),
            ratio(brief_cost.wall, parallel.wall)
        );
        println!(
            "brief's peak / one typst process's: {:.2} (target 1.25)",
            brief_cost.peak as f64 / parallel.peak.max(1) as f64
        );
    } else {
        println!("stock typst not on PATH (cargo install --locked typst-cli): ratios not measured");
    }

    // 2. No-op builds.
    let noop: Vec<f64> = (0..11).map(|_| ms(build(shipped.path(), &[]).0)).collect();
    println!(
        "no-op build: median {:.1} ms over {} runs",
        median(noop.clone()),
        noop.len()
    );

    // 3. One-fact edits: the English text of a fact only the background dossier holds (the
    // largest document), and of one only the talking points hold (the usual small document).
    let edit_and_build = |file: &str, from: &str, to: &str, what: &str| {
        let path = shipped.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} no longer says {from:?}");
        fs::write(&path, text.replace(from, to)).unwrap();
        let report = Command::new(brief_exe())
            .arg("--root")
            .arg(shipped.path())
            .args(["build", "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("JSON report");
        let rebuilt: Vec<&str> = json["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == "built")
            .map(|o| o["name"].as_str().unwrap().rsplit('/').next().unwrap())
            .collect();
        let took = json["duration_ms"].as_f64().unwrap_or_default();
        println!(
            "one-fact edit ({what}): rebuilt {rebuilt:?} in {took:.0} ms, {:.2} of the forced build's wall time (target 0.25)",
            took / ms(brief_cost.wall)
        );
    };
    edit_and_build(
        "data/peru_nato_links.yaml",
        "President Alejandro Toledo visited",
        "President Alejandro Toledo paid a visit to",
        "pe-toledo-visit-2005, in the dossier",
    );
    edit_and_build(
        "data/talking_points.yaml",
        "Peru values its dialogue with NATO",
        "Peru greatly values its dialogue with NATO",
        "tp-values, in the talking points",
    );

    // 4. Watch latency: save to PDF written, for the NATO English edition.
    let mut watch = Command::new(brief_exe())
        .arg("--root")
        .arg(shipped.path())
        .args([
            "watch",
            "--document",
            "non-paper",
            "--lang",
            "en",
            "--interval-ms",
            "10",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let pdf = out.join("peru-nato-global-partner/peru-nato-global-partner.non-paper.nato.en.pdf");
    let links = shipped.path().join("data/non_paper.yaml");
    let mut latencies = Vec::new();
    for round in 0..if quick { 3 } else { 8 } {
        let before = fs::metadata(&pdf).and_then(|m| m.modified()).unwrap();
        let current = fs::read_to_string(&links).unwrap();
        let edited = if round % 2 == 0 {
            current.replace(
                "Peru would be open to exploring",
                "Peru would be willing to explore",
            )
        } else {
            current.replace(
                "Peru would be willing to explore",
                "Peru would be open to exploring",
            )
        };
        let saved = Instant::now();
        fs::write(&links, edited).unwrap();
        loop {
            if fs::metadata(&pdf)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t != before)
            {
                latencies.push(ms(saved.elapsed()));
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "watch did not rebuild"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = Command::new("kill")
        .args(["-INT", &watch.id().to_string()])
        .status();
    let _ = watch.wait();
    println!(
        "watch, save to non-paper.nato.en.pdf written: median {:.0} ms over {} edits ({:?})",
        median(latencies.clone()),
        latencies.len(),
        latencies
            .iter()
            .map(|l| l.round() as i64)
            .collect::<Vec<_>>()
    );

    // 5. The shipped set beside a growing fact base that no brief draws.
    for extra in [1_000, 5_000, 20_000] {
        let grown = fact_base(&repo, extra);
        let (t, mem, ok) = build(grown.path(), &[]);
        assert!(ok, "the build with {extra} extra facts failed");
        println!(
            "shipped set with {extra} more facts no brief draws: {:.0} ms, peak {} MiB{}",
            ms(t),
            mem / 1024,
            if extra == 5_000 {
                " (target < 300)"
            } else {
                ""
            }
        );
    }

    // 6. Synthetic corpus growing from 10 to 300+ outputs.
    let sizes: &[usize] = if quick { &[2, 12] } else { &[2, 12, 36] };
    for &briefs in sizes {
        let corpus = synthetic(&repo, briefs);
        let (t, mem, ok) = build(corpus.path(), &[]);
        assert!(ok, "synthetic build failed");
        let outputs = briefs * 9;
        println!(
            "synthetic corpus: {outputs} outputs in {:.0} ms, {:.1} ms per output, peak {} MiB",
            ms(t),
            ms(t) / outputs as f64,
            mem / 1024
        );
    }
}
