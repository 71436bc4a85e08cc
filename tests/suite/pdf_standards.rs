//! Every shipped output is archival and accessible (PDF/A-2a with PDF/UA-1, validated by Typst's
//! exporter as it writes), structurally sound by `qpdf --check`, and embeds every font it uses.

use crate::common;

use common::{Fixture, contains, pdf_everything};
use std::process::Command;

/// Runs an external checker; where it is not installed, CI fails and a developer is told to
/// install it (`.ci/run` installs qpdf and poppler-utils).
fn tool(name: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(name).args(args).output() {
        Ok(out) => Some(out),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: `{name}` is not installed (apt-get install qpdf poppler-utils); CI runs this check"
            );
            None
        }
        Err(e) => panic!("`{name}` is needed in CI: {e}"),
    }
}

#[test]
fn shipped_outputs_conform() {
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet"]).ok();
    let pdfs: Vec<_> = f
        .out_files()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 13, "expected the thirteen editions");
    for (path, bytes) in &pdfs {
        let all = pdf_everything(bytes);
        assert!(
            contains(&all, "<pdfaid:part>2</pdfaid:part>"),
            "{} does not declare PDF/A-2",
            path.display()
        );
        assert!(
            contains(&all, "<pdfaid:conformance>A</pdfaid:conformance>"),
            "{} does not declare level A",
            path.display()
        );
        assert!(
            contains(&all, "<pdfuaid:part>1</pdfuaid:part>"),
            "{} does not declare PDF/UA-1",
            path.display()
        );
        assert!(
            contains(&all, "/StructTreeRoot"),
            "{} is not tagged",
            path.display()
        );

        let file = f.path().join("out").join(path);
        let file = file.to_str().unwrap();
        if let Some(out) = tool("qpdf", &["--check", file]) {
            assert!(
                out.status.success(),
                "qpdf --check {}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stdout)
            );
        }
        if let Some(out) = tool("pdffonts", &[file]) {
            let listing = String::from_utf8_lossy(&out.stdout);
            let fonts: Vec<&str> = listing.lines().skip(2).collect();
            assert!(!fonts.is_empty(), "{} lists no fonts", path.display());
            for line in fonts {
                let cols: Vec<&str> = line.split_whitespace().collect();
                // name type [type...] encoding emb sub uni object ID: `emb` is the 5th from the end.
                let emb = cols[cols.len() - 5];
                assert_eq!(emb, "yes", "{}: font not embedded: {line}", path.display());
            }
        }
    }
}
