//! Fuzzes `expr::parse`: any text either fails with an error whose span lies
//! inside the text, or parses into a tree whose surface form
//! (`Expr::to_source`) parses back into the same tree (compared as
//! s-expressions, which ignore spans).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint::expr;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match expr::parse(source) {
        Ok(tree) => {
            let printed = tree.to_source();
            match expr::parse(&printed) {
                Ok(again) => assert_eq!(again.to_string(), tree.to_string(), "{source:?} printed as {printed:?}"),
                Err(error) => panic!("{source:?} printed as {printed:?}, which does not parse: {}", error.message),
            }
        }
        Err(error) => {
            assert!(error.span.start <= error.span.end && error.span.end <= source.len(), "{source:?}: {error:?}");
            assert!(source.is_char_boundary(error.span.start) && source.is_char_boundary(error.span.end));
        }
    }
});
