//! The JSON Schema of rule files (`reportlint rules schema`) against the
//! files it describes.
//!
//! Input: the schema derived from the rule files' raw types, every YAML file
//! under `rules/`, and a pack made by `reportlint rules new`. Output: pass,
//! or the file and the places the schema refuses. The schema must accept
//! everything the engine loads and refuse what serde refuses, an unknown key
//! first of all, so that an editor marks the mistakes `rules check` would.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing, reason = "tests may panic by design: their inputs are fixtures of known shape")]

#[path = "support/scratch.rs"]
#[allow(dead_code, reason = "the scaffold writes the files; this suite only reads them")]
mod scratch;

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use jsonschema::Validator;
use serde_json::Value;

use scratch::Scratch;

fn validator() -> Validator {
    jsonschema::draft7::new(&reportlint::rules::schema()).expect("the derived schema is a valid draft-07 schema")
}

/// The schema of a file that is not empty: the root is "a rule file or
/// nothing", whose refusals all stand at the root; this one places them.
fn file_validator() -> Validator {
    let mut schema = reportlint::rules::schema();
    let root = schema.as_object_mut().unwrap();
    root.remove("anyOf").unwrap();
    root.insert("$ref".into(), "#/definitions/RawFile".into());
    jsonschema::draft7::new(&schema).unwrap()
}

/// A YAML file as the JSON value an editor's YAML support validates.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Option<Value>>(text).expect("the YAML parses").unwrap_or(Value::Null)
}

/// Every place the schema refuses in `text`, as `path: why`.
fn refusals(validator: &Validator, text: &str) -> Vec<String> {
    let value = yaml(text);
    validator.iter_errors(&value).map(|error| format!("{}: {error}", error.instance_path())).collect()
}

fn yaml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "yaml" || extension == "yml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_shipped_rule_file_is_valid() {
    let validator = validator();
    let files = yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"));
    assert!(files.len() >= 15, "the shipped packs have their files: {files:?}");
    for file in files {
        let refused = refusals(&validator, &std::fs::read_to_string(&file).unwrap());
        assert!(refused.is_empty(), "{} does not match the schema:\n{}", file.display(), refused.join("\n"));
    }
}

#[test]
fn unknown_keys_are_refused_where_serde_refuses_them() {
    let (validator, placing) = (validator(), file_validator());
    let cases = [
        ("pack:\n  id: p\n  title: 包\n  bogus: 1\n", "/pack"),
        ("packs:\n  id: p\n", ""),
        ("facts:\n  a.b:\n    label: 甲\n    pattern: ['甲{a.b}']\n", "/facts/a.b"),
        ("checks:\n  - id: c\n    check: 1 = 1\n    exmaples: {}\n", "/checks/0"),
        ("bands:\n  grade:\n    - { min: 90, label: 优, max: 100 }\n", "/bands/grade/0"),
    ];
    for (text, place) in cases {
        assert!(!refusals(&validator, text).is_empty(), "{text:?} is refused");
        let refused = refusals(&placing, text);
        assert!(
            refused.iter().any(|refusal| refusal.starts_with(&format!("{place}: "))),
            "{text:?} is refused at {place:?}: {refused:?}"
        );
    }
}

#[test]
fn the_forms_serde_accepts_are_accepted() {
    let validator = validator();
    let text = "\
constants:
  full_marks: 100
  share: '0.5'
facts:
  a.b:
    kind: money
    patterns:
      - 甲{a.b}
      - { pattern: '乙{a.b}', within: 预算 }
    add_synonyms: [丙]
checks:
  - id: c
    severity: warning
disable: [d]
";
    assert_eq!(refusals(&validator, text), Vec::<String>::new());
    assert_eq!(refusals(&validator, "# 只有注释\n"), Vec::<String>::new(), "an empty file is a valid rule file");
}

#[test]
fn a_new_pack_is_valid_and_carries_the_schema_it_names() {
    let scratch = Scratch::new("scaffold");
    let run = cargo_bin_cmd!("reportlint")
        .args(["rules", "new", "shifan-xian", "--dir", "规则", "--detect", "示范县", "--no-config"])
        .current_dir(scratch.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let folder = scratch.path().join("规则/shifan-xian");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("reportlint-rules.schema.json")).unwrap()).unwrap();
    assert_eq!(written, reportlint::rules::schema(), "the schema beside the pack is `rules schema`");
    let validator = validator();
    let files = yaml_files(&folder);
    assert_eq!(files.len(), 3, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, "# yaml-language-server: $schema=./reportlint-rules.schema.json", "{}", file.display());
        let refused = refusals(&validator, &text);
        assert!(refused.is_empty(), "{} does not match the schema:\n{}", file.display(), refused.join("\n"));
    }
}

#[test]
fn rules_schema_prints_the_schema() {
    let run = cargo_bin_cmd!("reportlint").args(["rules", "schema"]).output().unwrap();
    assert!(run.status.success());
    let printed: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(printed, reportlint::rules::schema());
    assert_eq!(printed["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(printed["definitions"]["RawFile"]["additionalProperties"], false);
}
