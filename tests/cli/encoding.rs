//! Input encodings: a report saved as GB18030 or as UTF-8 with a byte-order
//! mark gives the same findings, at the same lines and character columns,
//! as the UTF-8 original.

use crate::common::{KARAMAY, Scratch, cached, finding_keys, read_text, reportlint};

fn findings_of(scratch: &Scratch, file: &str) -> Vec<String> {
    let run = reportlint(&["lint", file, "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 1, "{run:?}");
    finding_keys(&run.json())
}

#[test]
fn gb18030_report_gives_the_same_findings_as_utf8() {
    let text = read_text(KARAMAY);
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable, "GB18030 encodes every character of the example");
    assert!(std::str::from_utf8(&bytes).is_err(), "the encoded file is not accidentally UTF-8");
    let scratch = Scratch::new("encoding-gb18030");
    scratch.write("gb18030.txt", &bytes);

    let original = finding_keys(&cached(&["lint", KARAMAY, "--format", "json"]).json());
    assert_eq!(original.len(), 2, "{original:?}");
    assert_eq!(findings_of(&scratch, "gb18030.txt"), original);
}

#[test]
fn utf8_with_byte_order_mark_gives_the_same_findings() {
    let scratch = Scratch::new("encoding-bom");
    scratch.write("bom.txt", format!("\u{feff}{}", read_text(KARAMAY)));
    let original = finding_keys(&cached(&["lint", KARAMAY, "--format", "json"]).json());
    assert_eq!(findings_of(&scratch, "bom.txt"), original);
}
