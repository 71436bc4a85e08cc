//! The out/ folder as untrusted input (issue 13, class 3) attacked: a shared out/ cache holding a
//! huge file where a PDF was. Checking whether an output is current hashes the file: it must not
//! read it whole into memory.

use crate::common;

use common::Fixture;

#[test]
fn a_huge_file_at_an_output_is_rebuilt_without_being_read_whole() {
    let f = Fixture::built();
    // A sparse 900 MB file: no disk used, but 900 MB for whoever reads it into memory.
    let pdf = std::fs::File::options()
        .write(true)
        .open(
            f.path()
                .join("out/test-brief/test-brief.non-paper.nato.en.pdf"),
        )
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
    assert!(
        f.read("out/test-brief/test-brief.non-paper.nato.en.pdf")
            .len()
            < 10 << 20
    );
    let peak = common::children_peak_mb();
    assert!(peak < 300.0, "peak {peak:.0} MB (issue 17 target: 300 MB)");
}
