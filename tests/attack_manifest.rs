//! The out/ folder as untrusted input (issue 13, class 3) attacked: a shared out/ cache holding a
//! huge file where a PDF was. Checking whether an output is current hashes the file: it must not
//! read it whole into memory.

mod common;

use common::Fixture;

/// The largest resident set of the children this test binary has waited for, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as f64 / 1024.0
}

#[test]
fn a_huge_file_at_an_output_is_rebuilt_without_being_read_whole() {
    let f = Fixture::built();
    // A sparse 900 MB file: no disk used, but 900 MB for whoever reads it into memory.
    let pdf = std::fs::File::options()
        .write(true)
        .open(f.path().join("out/test-brief/nato.en.pdf"))
        .unwrap();
    pdf.set_len(900 << 20).unwrap();
    drop(pdf);
    let run = f.brief(&["build"]).ok();
    assert!(
        run.stderr().contains("nato.en.pdf") || run.stdout().contains("nato.en.pdf"),
        "the output was not rebuilt:\n{}{}",
        run.stdout(),
        run.stderr()
    );
    assert!(f.read("out/test-brief/nato.en.pdf").len() < 10 << 20);
    let peak = children_peak_mb();
    assert!(peak < 300.0, "peak {peak:.0} MB (issue 17 target: 300 MB)");
}
