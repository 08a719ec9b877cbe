//! Fuzzes `rules::compile_pattern`: any template either fails with an error
//! range inside the template, or compiles into a regex that runs over a
//! small flow text (figures, punctuation, numbering) without panicking, and
//! searching only around the lines that hold its literals finds what the
//! whole-text search finds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint::rules::{Capture, Literals, compile_pattern};

const FLOW: &str = "一、基本情况\n年初批复预算数480.50万元,年中调减数为20万元,预算执行率:96.64%\n\
    评价结果为“良”。(三)产出指标≥10次,得分9.5分②完成率100%\n";

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how placeholders capture and whether the
    // pattern is limited to a section.
    let Some((&choice, rest)) = data.split_first() else { return };
    let Ok(template) = std::str::from_utf8(rest) else { return };
    let within = (choice & 2 != 0).then_some("基本");
    let capture = |name: &str| {
        if choice & 1 != 0 && name.len() % 2 == 0 { Capture::Text } else { Capture::Figure }
    };
    match compile_pattern(template, within, capture) {
        Ok(pattern) => {
            // Translation bounds the regex's size, so building it never fails;
            // `find_all` is the search the extractor runs (only around the
            // lines that hold the pattern's literals).
            let regex = pattern.regex.get().unwrap_or_else(|| panic!("{template:?} did not build"));
            let literals = Literals::new(pattern.literals.clone());
            let whole: Vec<_> = regex.find_iter(FLOW).map(|found| found.range()).collect();
            assert_eq!(pattern.find_all(FLOW, &literals.find(FLOW)), whole, "{template:?}");
            for captures in regex.captures_iter(FLOW) {
                for index in 0..pattern.placeholders.len() {
                    let _ = captures.name(&format!("p{index}"));
                }
                for index in 0..pattern.gaps {
                    let _ = captures.name(&format!("g{index}"));
                }
            }
        }
        Err(error) => {
            assert!(error.start <= error.end && error.end <= template.len(), "{template:?}: {error:?}");
            assert!(template.is_char_boundary(error.start) && template.is_char_boundary(error.end));
        }
    }
});
