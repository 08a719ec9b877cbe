//! fixture: outcomes the render tests share: a report with an error, a
//! warning without spans and an advice spanning two lines; a clean report;
//! an unreadable file. Wording and figures are our own.

use crate::eval::Skipped;
use crate::finding::{Finding, Label, Severity};
use crate::lint::{FailedFile, FileOutcome, LintedFile};
use crate::source::{Document, Format, SourceError};
use crate::span::Span;

const REPORT: &str = "一、部门基本情况
（一）预算执行情况
2024 年度全年预算总投入 326.40 万元，全年实际支出 298.62 万元，资金执行率 100%，占总支出的 23.15%。
（二）绩效目标完成情况
年度目标为举办业务培训 40 场。
实际举办培训 36 场，参训 1260 人次。
";

fn label(text: &str, needle: &str, shown: &str) -> Label {
    let start = text.find(needle).unwrap_or_else(|| panic!("the fixture lacks {needle}"));
    Label { span: Span::new(start, start + needle.len()), text: shown.to_owned() }
}

fn document(name: &str, text: &str) -> Document {
    Document::new(name, text.to_owned(), Format::Text, Vec::new())
}

fn findings() -> Vec<Finding> {
    vec![
        Finding {
            rule: "indicator-table-missing".to_owned(),
            title: "报告应附绩效自评表".to_owned(),
            severity: Severity::Warning,
            message: "报告未附绩效自评表".to_owned(),
            primary: None,
            related: Vec::new(),
            help: Some("在报告末尾附上自评表，列出每项指标的分值权重与得分".to_owned()),
            expected: None,
            actual: None,
            fingerprint: "indicator-table-missing".to_owned(),
        },
        Finding {
            rule: "budget-execution-rate".to_owned(),
            title: "预算执行率 = 全年实际支出 ÷ 全年预算数".to_owned(),
            severity: Severity::Error,
            message: "资金执行率与全年预算、实际支出不符".to_owned(),
            primary: Some(label(REPORT, "100%", "报告为 100%")),
            related: vec![label(REPORT, "326.40 万元", "全年预算"), label(REPORT, "298.62 万元", "实际支出")],
            help: Some("应为 91.49%（298.62 ÷ 326.40）".to_owned()),
            expected: Some("91.49%".to_owned()),
            actual: Some("100%".to_owned()),
            fingerprint: "budget-execution-rate:budget.execution_rate=100%".to_owned(),
        },
        Finding {
            rule: "training-count".to_owned(),
            title: "培训场次应达到年度目标".to_owned(),
            severity: Severity::Info,
            message: "培训场次未达年度目标".to_owned(),
            primary: Some(label(REPORT, "36 场", "实际 36 场")),
            related: vec![label(REPORT, "40 场", "目标 40 场")],
            help: None,
            expected: None,
            actual: Some("36 场".to_owned()),
            fingerprint: "training-count:training.held=36".to_owned(),
        },
    ]
}

pub(crate) fn outcomes() -> Vec<FileOutcome> {
    let report = "新城区-部门整体支出绩效自评报告.txt";
    let clean = "东湖街道-部门整体支出绩效自评报告.md";
    vec![
        FileOutcome::Linted(LintedFile {
            path: report.to_owned(),
            pack: "xinjiang-karamay".to_owned(),
            document: document(report, REPORT),
            findings: findings(),
            skipped: vec![Skipped {
                rule: "three-public-control-rate".to_owned(),
                reason: "除数可能为 0，无法计算".to_owned(),
                rule_error: false,
                scope: None,
            }],
            passed: Vec::new(),
            notes: Vec::new(),
            forms: Vec::new(),
        }),
        FileOutcome::Linted(LintedFile {
            path: clean.to_owned(),
            pack: "national".to_owned(),
            document: document(clean, "资金执行率 95.20%。\n"),
            findings: Vec::new(),
            skipped: Vec::new(),
            passed: Vec::new(),
            notes: Vec::new(),
            forms: Vec::new(),
        }),
        FileOutcome::Failed(FailedFile {
            path: "旧档案.txt".to_owned(), error: SourceError::Encoding { offset: 17 }
        }),
    ]
}
