//! `reportlint.toml`: found in the working folder or above it, its rule
//! folders added to the embedded packs, its pack used unless `--pack` names
//! one, and every unknown key an error at its place.

use crate::common::{Scratch, reportlint};

/// A region pack that extends national, and a report it is detected for.
fn project(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch.write(
        "规则/本地区/shifan/pack.yaml",
        "pack:\n  id: shifan\n  title: 示范县\n  extends: [national]\n  detect: [示范县]\n",
    );
    scratch.write(
        "报告/示范县-自评报告.txt",
        "示范县农业农村局\n2023 年度部门整体支出绩效自评报告\n\n\
         调整后全年预算数 320.00 万元。全年实际支出资金 300.00 万元，预算执行率 93.75%。\n",
    );
    scratch
}

fn pack_used(run: &crate::common::Run) -> String {
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    run.json()["files"][0]["pack"].as_str().expect("pack is a string").to_string()
}

#[test]
fn the_nearest_configuration_above_the_working_folder_adds_its_folders() {
    let scratch = project("config-found");
    scratch.write("reportlint.toml", "[rules]\nfolders = [\"规则/本地区\"]\n");
    let deeper = scratch.write("报告/草稿/说明.md", "").parent().expect("a folder").to_path_buf();
    let run = reportlint(&["lint", "../示范县-自评报告.txt", "--format", "json"]).in_dir(&deeper).run();
    assert_eq!(pack_used(&run), "shifan");
    let list = reportlint(&["rules", "list"]).in_dir(&deeper).run();
    let line = list.stdout.lines().find(|line| line.starts_with("shifan ")).expect("shifan is listed");
    assert_eq!(line, "shifan — 示范县（继承 national）（来自 ../../规则/本地区/shifan）", "paths relative to the file");
    // A nearer configuration wins, alone: this one adds no folder.
    scratch.write("报告/reportlint.toml", "[rules]\n");
    let run = reportlint(&["lint", "../示范县-自评报告.txt", "--format", "json"]).in_dir(&deeper).run();
    assert_eq!(pack_used(&run), "national");
}

/// `--pack`, then the configuration's pack, then detection.
#[test]
fn the_pack_is_the_option_then_the_configuration_then_detected() {
    let scratch = project("config-precedence");
    let report = "报告/示范县-自评报告.txt";
    scratch.write("reportlint.toml", "[rules]\nfolders = [\"规则/本地区\"]\npack = \"xinjiang-karamay\"\n");
    let lint = |extra: &[&str]| {
        let mut args = vec!["lint", report, "--format", "json"];
        args.extend_from_slice(extra);
        pack_used(&reportlint(&args).in_dir(scratch.path()).run())
    };
    assert_eq!(lint(&[]), "xinjiang-karamay", "the configuration's pack");
    assert_eq!(lint(&["--pack", "national"]), "national", "--pack wins over the configuration");
    scratch.write("reportlint.toml", "[rules]\nfolders = [\"规则/本地区\"]\n");
    assert_eq!(lint(&[]), "shifan", "detected");
    assert_eq!(lint(&["--no-config"]), "national", "without the configuration, no folder: the fallback");
    assert_eq!(lint(&["--no-config", "--rules", "规则/本地区"]), "shifan");
}

#[test]
fn rules_adds_to_the_configuration_and_config_names_the_file() {
    let scratch = project("config-adds");
    scratch.write("别处/规则/town/pack.yaml", "pack:\n  id: town\n  title: 示范镇\n  extends: [shifan]\n");
    scratch.write("别处/配置.toml", "[rules]\nfolders = [\"../规则/本地区\"]\n");
    let run = reportlint(&["rules", "list", "--config", "别处/配置.toml", "--rules", "别处/规则"])
        .in_dir(scratch.path())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("shifan — 示范县（继承 national）（来自 别处/../规则/本地区/shifan）"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("town — 示范镇（继承 shifan）（来自 别处/规则/town）"), "{}", run.stdout);
}

#[test]
fn an_unknown_key_is_an_error_at_the_key() {
    let scratch = project("config-unknown-key");
    scratch.write("reportlint.toml", "[rules]\nfolder = [\"规则/本地区\"]\npack = \"shifan\"\n");
    let run = reportlint(&["lint", "报告/示范县-自评报告.txt"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn an_unknown_default_pack_is_an_error_at_the_value() {
    let scratch = project("config-unknown-pack");
    scratch.write("reportlint.toml", "[rules]\npack = \"shifan\"\n");
    let run = reportlint(&["lint", "报告/示范县-自评报告.txt"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_missing_config_file_is_an_error() {
    let scratch = project("config-missing");
    let run = reportlint(&["rules", "list", "--config", "无此文件.toml"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("无法读取配置文件 无此文件.toml"), "{}", run.stderr);
}
