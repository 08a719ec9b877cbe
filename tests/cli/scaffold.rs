//! `reportlint rules new ID`: a region pack that `rules test` passes and
//! `lint` chooses for its sample report as written, never over an existing
//! folder.

use crate::common::{Scratch, reportlint};

const NEW: [&str; 8] = ["rules", "new", "hunan-changsha", "--dir", "规则", "--detect", "长沙市", "--no-config"];

#[test]
fn a_new_pack_passes_its_tests_and_lints_its_sample() {
    let scratch = Scratch::new("scaffold-new");
    let run = reportlint(&NEW).in_dir(scratch.path()).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let folder = scratch.path().join("规则/hunan-changsha");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).expect("the file is written");
    insta::assert_snapshot!(format!(
        "{}\n── pack.yaml\n{}── facts.yaml\n{}── checks.yaml\n{}── 示例报告.txt\n{}",
        run.stdout,
        read("pack.yaml"),
        read("facts.yaml"),
        read("checks.yaml"),
        read("示例报告.txt")
    ));

    let test = reportlint(&["rules", "test", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert_eq!(test.code, 0, "{test:?}");
    assert_eq!(test.last_line(), "示例通过 2 条，失败 0 条。", "only the new pack's examples: {test:?}");

    let sample = "规则/hunan-changsha/示例报告.txt";
    let lint = reportlint(&["lint", "--rules", "规则", sample, "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(lint.code, 0, "the sample is consistent: {lint:?}");
    assert_eq!(lint.json()["files"][0]["pack"], "hunan-changsha");
    assert_eq!(lint.json()["files"][0]["findings"], serde_json::json!([]));

    // The new check reads the sample: a wrong figure there is found.
    let wrong = read("示例报告.txt").replace("培训费支出 12.00 万元", "培训费支出 320.00 万元");
    scratch.write("错的.txt", wrong);
    let lint = reportlint(&["lint", "--rules", "规则", "错的.txt", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(lint.code, 1, "{lint:?}");
    assert_eq!(lint.json()["files"][0]["findings"][0]["rule"], "training-within-spending");
}

#[test]
fn an_existing_folder_is_never_overwritten() {
    let scratch = Scratch::new("scaffold-existing");
    let kept = scratch.write("规则/hunan-changsha/pack.yaml", "# 已有的文件\n");
    let run = reportlint(&NEW).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "错误：规则/hunan-changsha 已存在，不会覆盖；请换一个编号，或用 --dir 放到别的文件夹\n");
    assert_eq!(std::fs::read_to_string(kept).expect("still there"), "# 已有的文件\n");
    assert!(!scratch.path().join("规则/hunan-changsha/checks.yaml").exists());
}

#[test]
fn a_pack_of_the_folder_may_be_extended() {
    let scratch = Scratch::new("scaffold-province");
    assert_eq!(reportlint(&NEW).in_dir(scratch.path()).run().code, 0);
    let args =
        ["rules", "new", "changsha-furong", "--dir", "规则", "--extends", "hunan-changsha", "--detect", "芙蓉区"];
    let run = reportlint(&args).in_dir(scratch.path()).run();
    assert_eq!(run.code, 0, "{run:?}");
    let show = reportlint(&["rules", "show", "changsha-furong", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert!(show.stdout.contains("继承（extends）：hunan-changsha"), "{}", show.stdout);
    let test = reportlint(&["rules", "test", "--rules", "规则"]).in_dir(scratch.path()).run();
    assert_eq!(test.last_line(), "示例通过 4 条，失败 0 条。", "{test:?}");
}

#[test]
fn unknown_parents_ids_and_embedded_ids_are_refused() {
    let scratch = Scratch::new("scaffold-refused");
    let refused = |args: &[&str]| {
        let run = reportlint(args).in_dir(scratch.path()).run();
        assert_eq!(run.code, 2, "{run:?}");
        run.stderr
    };
    let stderr = refused(&["rules", "new", "p", "--extends", "hunan"]);
    assert!(stderr.starts_with("错误：--extends 写的规则包 hunan 不存在；已有的规则包：gansu-zhangye、"), "{stderr}");
    let stderr = refused(&["rules", "new", "长沙 市"]);
    assert!(stderr.starts_with("错误：`长沙 市` 不能作规则包编号"), "{stderr}");
    let stderr = refused(&["rules", "new", "national"]);
    assert!(stderr.starts_with("错误：已有规则包 national"), "{stderr}");
    assert_eq!(std::fs::read_dir(scratch.path()).expect("readable").count(), 0, "nothing is written");
}
