//! `reportlint lint DIR` over a folder where some files cannot be read: the
//! readable report is still linted, each unreadable one is reported, and the
//! exit code is 2 because something could not be read.

use crate::common::{Run, Scratch, URUMQI, reportlint};

/// `good.txt` (the Urumqi example, one error), `x.txt` (binary, with NUL
/// bytes) and `empty.txt`.
fn batch_folder(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    scratch.copy(URUMQI, "batch/good.txt");
    scratch.write("batch/x.txt", b"PK\x03\x04\x00\x00\x08\x00binary\x00\xff\xfe");
    scratch.write("batch/empty.txt", b"");
    scratch
}

fn lint_batch(scratch: &Scratch, format: &str) -> Run {
    reportlint(&["lint", "batch", "--format", format, "--color", "never"]).in_dir(scratch.path()).run()
}

#[test]
fn unreadable_files_give_exit_code_two_and_the_rest_is_linted() {
    let scratch = batch_folder("batch-json");
    let run = lint_batch(&scratch, "json");
    assert_eq!(run.code, 2, "{run:?}");
    let document = run.json();
    let files = document["files"].as_array().expect("files is an array");
    let paths: Vec<&str> = files.iter().map(|file| file["path"].as_str().expect("path is a string")).collect();
    assert_eq!(paths, ["batch/empty.txt", "batch/good.txt", "batch/x.txt"], "sorted by path");

    let good = &files[1];
    assert_eq!(good["pack"], "xinjiang-urumqi");
    assert!(good.get("error").is_none());
    assert_eq!(good["findings"][0]["rule"], "weights-total");

    for unreadable in [&files[0], &files[2]] {
        assert!(unreadable["pack"].is_null(), "{unreadable}");
        assert!(unreadable["error"].as_str().is_some_and(|error| !error.is_empty()), "{unreadable}");
        assert_eq!(unreadable["findings"], serde_json::json!([]));
    }
    assert!(files[2]["error"].as_str().is_some_and(|error| error.contains("NUL")), "{}", files[2]);
    assert_eq!(document["summary"]["failed"], 2);
    assert_eq!(document["summary"]["errors"], 1);
}

#[test]
fn unreadable_files_in_human_output() {
    let scratch = batch_folder("batch-human");
    let run = lint_batch(&scratch, "human");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.contains("无法读取 batch/empty.txt"), "{}", run.stdout);
    assert!(run.stdout.contains("无法读取 batch/x.txt"), "{}", run.stdout);
    assert!(run.stdout.contains("weights-total"), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_missing_path_gives_exit_code_two() {
    let run = reportlint(&["lint", "examples/没有这个文件.txt", "--format", "json"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    let document = run.json();
    assert!(document["files"][0]["error"].is_string(), "{}", run.stdout);
}
