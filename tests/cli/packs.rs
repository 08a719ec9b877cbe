//! Which pack lints a report: detected from the report's text, forced with
//! `--pack`, or the national fallback with an info finding; and the packs a
//! `--rules` folder adds to the embedded ones, extending or replacing them.

use crate::common::{
    GANSU, HEBEI, KARAMAY, KARAMAY_MARKDOWN, Scratch, URUMQI, cached, crate_root, read_text, reportlint,
};

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

/// A region pack in a folder of its own: `extends: [national]` without a
/// copy of it, a fact and a check of its own, inherited checks kept.
const SHIFAN_PACK: &str = "\
pack:
  id: shifan
  title: 示范县 绩效自评报告
  extends: [national]
  detect: [示范县]
facts:
  training.spent:
    label: 培训费支出
    kind: money
    patterns:
      - 培训费支出{training.spent}
checks:
  - id: training-within-spending
    title: 培训费支出 ≤ 全年实际支出
    check: training.spent <= budget.spent
    message: 培训费支出超过了全年实际支出
    examples:
      pass: [全年实际支出资金 300.00 万元。培训费支出 12.00 万元。]
      fail: [全年实际支出资金 300.00 万元。培训费支出 320.00 万元。]
";

/// Wrong twice: the pack's own check and national's execution rate.
const SHIFAN_REPORT: &str = "\
示范县农业农村局
2023 年度部门整体支出绩效自评报告

二、预算执行情况
调整后全年预算数 320.00 万元。全年实际支出资金 300.00 万元，预算执行率 90.00%。培训费支出 320.00 万元。
";

fn rule_ids(document: &serde_json::Value) -> Vec<String> {
    let findings = document["files"][0]["findings"].as_array().expect("findings is an array");
    findings.iter().map(|finding| finding["rule"].as_str().expect("rule is a string").to_string()).collect()
}

#[test]
fn a_pack_on_disk_extends_national_without_copying_it() {
    let scratch = Scratch::new("packs-added");
    scratch.write("规则/shifan/pack.yaml", SHIFAN_PACK);
    scratch.write("报告.txt", SHIFAN_REPORT);
    let run = reportlint(&["lint", "--rules", "规则", "报告.txt", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 1, "{run:?}");
    let document = run.json();
    assert_eq!(document["files"][0]["pack"], "shifan");
    let rules = rule_ids(&document);
    assert!(rules.contains(&"training-within-spending".to_string()), "its own check: {rules:?}");
    assert!(rules.contains(&"budget-execution-rate".to_string()), "national's check, inherited: {rules:?}");
}

#[test]
fn the_embedded_packs_stay_beside_a_folder_of_packs() {
    let scratch = Scratch::new("packs-beside");
    scratch.write("规则/shifan/pack.yaml", SHIFAN_PACK);
    scratch.copy(KARAMAY, "克拉玛依.txt");
    let run = reportlint(&["lint", "--rules", "规则", "克拉玛依.txt", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(run.json()["files"][0]["pack"], "xinjiang-karamay", "{run:?}");
    let list = reportlint(&["rules", "list", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert_eq!(list.code, 0, "{list:?}");
    // The packs and where each comes from; the added pack with its checks.
    let headers: Vec<&str> = list.stdout.lines().filter(|line| !line.starts_with(' ')).collect();
    let added: Vec<&str> = list
        .stdout
        .lines()
        .skip_while(|line| !line.starts_with("shifan "))
        .skip(1)
        .take_while(|line| line.starts_with(' '))
        .collect();
    assert!(added.iter().any(|line| line.trim_start().starts_with("training-within-spending ")), "{added:?}");
    assert!(added.iter().any(|line| line.trim_start().starts_with("budget-execution-rate ")), "{added:?}");
    insta::assert_snapshot!(headers.join("\n"));
}

#[test]
fn rules_can_be_given_more_than_once() {
    let scratch = Scratch::new("packs-twice");
    scratch.write("甲/shifan/pack.yaml", SHIFAN_PACK);
    scratch
        .write("乙/pack.yaml", "pack:\n  id: shifan-town\n  title: 示范镇\n  extends: [shifan]\n  detect: [示范镇]\n");
    let run = reportlint(&["rules", "check", "--rules", "甲", "--rules", "乙"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 0, "a pack extends a pack of another folder: {run:?}");
    let listed =
        reportlint(&["rules", "list", "--rules", "甲", "--rules", "乙", "--rules", "甲"]).in_dir(scratch.path()).run();
    assert_eq!(listed.code, 0, "a folder named twice is read once: {listed:?}");
    assert!(listed.stdout.contains("shifan-town — 示范镇（继承 shifan）（来自 乙）"), "{}", listed.stdout);
}

/// A folder's pack with an embedded id takes its place for every pack that
/// extends it: karamay inherits the local national, and `rules list` and
/// `rules show` say which pack was replaced.
#[test]
fn a_pack_with_an_embedded_id_replaces_it_for_every_pack_that_extends_it() {
    let scratch = Scratch::new("packs-replace");
    for entry in std::fs::read_dir(crate_root().join("rules/national")).expect("rules/national is readable") {
        let name = entry.expect("entry is readable").file_name().into_string().expect("UTF-8 name");
        let mut text = read_text(&format!("rules/national/{name}"));
        if name == "checks.yaml" {
            // The local national makes the execution rate a warning.
            let at = text.find("  - id: budget-execution-rate").expect("national has the check");
            let severity = at + text[at..].find("severity: error").expect("the check has a severity");
            text.replace_range(severity..severity + "severity: error".len(), "severity: warning");
        }
        scratch.write(&format!("规则/national/{name}"), text);
    }
    let list = reportlint(&["rules", "list", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert_eq!(list.code, 0, "{list:?}");
    let national = list.stdout.lines().find(|line| line.starts_with("national ")).expect("national is listed");
    assert!(national.ends_with("（来自 规则/national，替换内置规则包 national）"), "{national}");
    let show = reportlint(&["rules", "show", "xinjiang-karamay", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert!(show.stdout.contains("  budget-execution-rate [警告]"), "{}", show.stdout);
    assert!(show.stdout.contains("← national (规则/national/checks.yaml:"), "{}", show.stdout);
    let national = reportlint(&["rules", "show", "national", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert!(national.stdout.contains("\n来自：规则/national（替换内置规则包 national）\n"), "{}", national.stdout);

    scratch.write("克拉玛依.txt", SHIFAN_REPORT.replace("示范县", "克拉玛依区"));
    let lint =
        reportlint(&["lint", "--rules", "规则", "克拉玛依.txt", "--format", "json"]).in_dir(scratch.path()).run();
    let document = lint.json();
    assert_eq!(document["files"][0]["pack"], "xinjiang-karamay");
    let findings = document["files"][0]["findings"].as_array().expect("findings is an array");
    let rate = findings.iter().find(|finding| finding["rule"] == "budget-execution-rate").expect("the rate is wrong");
    assert_eq!(rate["severity"], "warning", "{rate}");
    let embedded = reportlint(&["rules", "show", "xinjiang-karamay"]).run();
    assert!(embedded.stdout.contains("  budget-execution-rate [错误]"), "without --rules, the embedded national");
}

#[test]
fn two_folders_may_not_both_define_a_pack() {
    let scratch = Scratch::new("packs-duplicate");
    scratch.write("甲/shifan/pack.yaml", SHIFAN_PACK);
    scratch.write("乙/shifan/pack.yaml", SHIFAN_PACK);
    let run = reportlint(&["rules", "check", "--rules", "甲", "--rules", "乙"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("rules::duplicate-pack"), "{}", run.stderr);
}

/// An `extends` naming no pack lists the packs there are and says how to
/// add a folder of them.
#[test]
fn extends_an_unknown_pack_lists_the_packs_and_rules() {
    let scratch = Scratch::new("packs-unknown-parent");
    scratch.write("规则/shifan/pack.yaml", SHIFAN_PACK.replace("[national]", "[hunan]"));
    let run = reportlint(&["rules", "check", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    // miette wraps the help: read it as one line.
    let help: String = run.stderr.lines().map(str::trim).collect();
    assert!(help.contains("已有的规则包：gansu-zhangye、hebei-shijiazhuang、national、"), "{help}");
    assert!(help.contains("别的文件夹里的规则包用 --rules 文件夹 加入"), "{help}");
}
