//! Which pack lints a report: detected from the report's text, forced with
//! `--pack`, or the national fallback with an info finding.

use crate::common::{GANSU, HEBEI, KARAMAY, KARAMAY_MARKDOWN, Scratch, URUMQI, cached, reportlint};

#[test]
fn the_pack_is_detected_from_the_region_name() {
    let expected = [
        (KARAMAY, "xinjiang-karamay"),
        (URUMQI, "xinjiang-urumqi"),
        (KARAMAY_MARKDOWN, "xinjiang-karamay"),
        (HEBEI, "hebei-shijiazhuang"),
        (GANSU, "gansu-zhangye"),
    ];
    for (report, pack) in expected {
        let document = cached(&["lint", report, "--format", "json"]).json();
        assert_eq!(document["files"][0]["pack"], pack, "{report}");
    }
}

#[test]
fn pack_option_forces_the_pack() {
    let run = reportlint(&["lint", KARAMAY, "--pack", "national", "--format", "json"]).run();
    let document = run.json();
    assert_eq!(document["files"][0]["pack"], "national");
    let rules: Vec<&str> = document["files"][0]["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|finding| finding["rule"].as_str().expect("rule is a string"))
        .collect();
    assert!(!rules.contains(&"pack-fallback"), "a forced pack is not a fallback: {rules:?}");
}

#[test]
fn unknown_pack_option_is_an_error() {
    let run = reportlint(&["lint", KARAMAY, "--pack", "nosuch"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("错误：没有规则包 nosuch；可用的规则包："), "{}", run.stderr);
    assert!(run.stderr.contains("national"), "the message lists the packs there are: {}", run.stderr);
}

/// A report that names no region gets the national pack and says so.
#[test]
fn report_without_a_region_falls_back_to_national() {
    let scratch = Scratch::new("packs-fallback");
    scratch.write(
        "unnamed.txt",
        "某单位2023年度部门整体支出绩效自评报告\n\n\
         年初批复预算数 300.00 万元，年中调整数 20.00 万元，调整后全年预算数 320.00 万元。\n\n\
         全年实际支出资金 300.00 万元，预算执行率 93.75%。\n",
    );
    let run = reportlint(&["lint", "unnamed.txt", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 0, "an info finding is not an error: {run:?}");
    let document = run.json();
    let file = &document["files"][0];
    assert_eq!(file["pack"], "national");
    assert_eq!(file["findings"][0]["rule"], "pack-fallback");
    assert_eq!(file["findings"][0]["severity"], "info");
    assert!(file["findings"][0]["line"].is_null(), "the notice is about the whole report");
    assert_eq!(document["summary"]["infos"], 1);
}
