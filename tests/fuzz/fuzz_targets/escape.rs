//! Any string, escaped for markup, parses as text only and prints as itself; as a string
//! literal, it parses as one string equal to itself and stays inert in markup.

#![no_main]

use brief::render::escape::oracle::{expected, fold_spaces, printed_text};
use brief::render::escape::{markup, string_literal};
use libfuzzer_sys::fuzz_target;
use typst::syntax::{SyntaxKind, ast, parse_code};

fuzz_target!(|text: &str| {
    let escaped = markup(text);
    let printed = printed_text(&escaped)
        .unwrap_or_else(|| panic!("escaped {text:?} parsed as more than text: {escaped:?}"));
    assert_eq!(fold_spaces(&printed), fold_spaces(&expected(text)));

    let literal = string_literal(text);
    let code = parse_code(&literal);
    assert!(!code.diagnosis().either(), "{literal:?} does not parse");
    let strings: Vec<_> = code
        .children()
        .filter(|c| c.kind() == SyntaxKind::Str)
        .collect();
    assert_eq!(strings.len(), 1, "{literal:?} is not one string");
    assert_eq!(strings[0].cast::<ast::Str>().unwrap().get().as_str(), text);
    assert!(
        printed_text(&literal).is_some(),
        "{literal:?} printed in markup is more than text"
    );
});
