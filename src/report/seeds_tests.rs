//! The real reports of `../shared/seeds` (read at run time, never copied):
//! skipped when the folder is absent. `REPORTLINT_SEEDS` points elsewhere.

use std::path::PathBuf;

use super::robustness_tests::assert_spans_inside;
use super::*;
use crate::source;

fn seeds() -> Vec<(String, Document)> {
    let folder = std::env::var_os("REPORTLINT_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| match source::load(&path) {
            Ok(document) => {
                (path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default(), document)
            }
            Err(error) => panic!("{}: {error}", path.display()),
        })
        .collect()
}

fn seed(seeds: &[(String, Document)], prefix: &str) -> Option<Report> {
    seeds.iter().find(|(name, _)| name.starts_with(prefix)).map(|(_, document)| parse(document))
}

fn find<'a>(document: &Document, report: &'a Report, written: &str) -> Vec<&'a Number> {
    report
        .numbers
        .iter()
        .map(|found| &found.number)
        .filter(|number| &document.text[number.span.start..number.span.end] == written)
        .collect()
}

#[test]
fn every_seed_parses_with_valid_spans() {
    let seeds = seeds();
    for (name, document) in &seeds {
        let report = parse(document);
        assert!(!report.sections.is_empty(), "{name}: no sections");
        assert!(report.numbers.len() > 40, "{name}: only {} mentions", report.numbers.len());
        assert_spans_inside(document, &report);
    }
}

#[test]
fn seed_000_bold_figures_and_page_breaks() {
    let seeds = seeds();
    let (Some((_, document)), Some(report)) =
        (seeds.iter().find(|(name, _)| name.starts_with("000")), seed(&seeds, "000"))
    else {
        return;
    };
    let bold = find(document, &report, "775.45**万元");
    assert!(!bold.is_empty());
    assert!(bold.iter().all(|number| number.value == Decimal::new(77545, 2) && number.unit == Unit::WanYuan));
    // `全年` / blank / `预算总额`, and `资金执行率` stays one paragraph with `100%`.
    assert!(report.flow.contains("全年预算总投入213.18万元"));
    assert!(report.flow.contains("指标成效分析:100%"));
    let levels: Vec<u8> = report.sections.iter().take(4).map(|section| section.level).collect();
    assert_eq!(levels, [1, 2, 3, 3]);
}

#[test]
fn seed_002_latex_and_broken_unit() {
    let seeds = seeds();
    let (Some((_, document)), Some(report)) =
        (seeds.iter().find(|(name, _)| name.starts_with("002")), seed(&seeds, "002"))
    else {
        return;
    };
    let rates = find(document, &report, r"\geq 90\%");
    assert!(!rates.is_empty());
    assert!(rates.iter().all(|number| number.value == Decimal::from(90)
        && number.unit == Unit::Percent
        && number.relation == Some(Relation::Ge)));
    let broken = find(document, &report, "0 万\n\n元");
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].unit, Unit::WanYuan);
    assert!(report.flow.contains("资金执行率100%,占总支出的40.25%"));
    // The score table at the end: `≥10次` is one cell figure.
    let cell =
        report.tables.iter().flat_map(|table| &table.rows).flat_map(|row| &row.cells).find(|cell| cell.text == "≥10次");
    assert!(cell.and_then(|cell| cell.number.as_ref()).is_some_and(|number| number.relation == Some(Relation::Ge)));
}

#[test]
fn seed_004_word_tables() {
    let seeds = seeds();
    let Some(report) = seed(&seeds, "004") else {
        return;
    };
    assert_eq!(report.tables.len(), 2);
    let widths: Vec<usize> = report.tables[1].rows.iter().map(|row| row.cells.len()).collect();
    assert!(widths.iter().skip(3).all(|&width| width == 8), "{widths:?}");
    let target = &report.tables[1].rows[4].cells[4];
    assert_eq!(target.text, "<=100%");
    assert_eq!(target.number.as_ref().and_then(|number| number.relation), Some(Relation::Le));
}
