//! A long run in every output format: memory is the rules plus a window of
//! files, never the batch.

use reportlint_corpus::Options;

use super::capped::{self, Capped};
use super::scratch::Scratch;

const MIB: u64 = 1 << 20;

/// Issue 11: the SARIF log and the HTML page held every report of a run
/// until its end (122 MB and 144 MB for these thousand reports, against
/// 27 MB for the formats written file by file). They now keep a summary
/// per file (SARIF its placed results, the page its summary row, with the
/// sections on disk), so every format stays near the streaming ones and
/// far under the 200 MB the issue allows.
#[test]
fn a_thousand_reports_stay_under_200_mb_in_every_format() {
    let scratch = Scratch::new("batch-thousand");
    let options = Options { seed: 11, count: 1_000, target_bytes: 20_000, faulty_per_mille: 500, forms_per_mille: 500 };
    reportlint_corpus::write(&scratch.path().join("报告"), &options).expect("the corpus is written");
    let lint = |format: &str| -> Capped {
        let output = format!("结果.{format}");
        let run = capped::run(scratch.path(), &["lint", "报告", "--format", format, "--output", &output]);
        run.assert_ends(1, 200 * MIB);
        let written = std::fs::metadata(scratch.path().join(&output)).map(|metadata| metadata.len()).unwrap_or(0);
        assert!(written > 500_000, "{format}: the output holds the whole run ({written} bytes)");
        run
    };
    let streamed = lint("json");
    for format in ["human", "github", "sarif", "html"] {
        let run = lint(format);
        assert!(
            run.peak < streamed.peak + 32 * MIB,
            "{format} took {} MB, JSON {} MB: the batch is being held",
            run.peak / MIB,
            streamed.peak / MIB
        );
    }
}
