//! The run every output test renders, built with the library as the CLI
//! would: two shipped examples (one Markdown, with a fact conflict and a
//! warning), a report of our own that no regional pack claims (so the
//! national pack and a pack-fallback notice), and a file that cannot be read.
//!
//! Paths are relabelled as relative names (`examples/…`, `tmp/…`) so that
//! snapshots are the same on every machine.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use reportlint::lint::{FileOutcome, Linter};
use reportlint::rules::{self, RuleSet};

pub const EXAMPLES: [&str; 2] =
    ["examples/克拉玛依区-政务中心-自评报告.md", "examples/乌鲁木齐高新区-部门整体支出自评报告.txt"];

/// A report of our own: no region named, the execution rate wrong
/// (330.00 ÷ 440.00 = 75.00%, written 80%).
pub const PLAIN_REPORT: &str = "部门单位名称（公章）：北湖区测绘资料馆\n\
一、部门基本情况\n\
（一）预算执行情况\n\
本馆 2024 年度调整后全年预算数为 440.00 万元，全年实际支出资金 330.00 万元，预算执行率为 80%。\n\
二、评价结论\n\
本馆 2024 年度整体支出绩效自评综合得分 82.40 分，评价结果为“良”。\n";

/// A 项目支出绩效自评表 of our own, flattened one cell a line as a web page
/// export leaves it (`cell |`): 年度资金总额 written 0 / 0 / 0 while its part
/// 当年财政拨款 reads 60 / 58.50 / 58.50, so `fund-sources-total` fires on a
/// cell of the form.
pub const FORM_REPORT: &str = "南岭镇乡村道路养护补助项目支出绩效自评报告
一、项目概况
本项目用于镇域内农村公路日常养护，由镇人民政府组织实施。
项目支出绩效自评表（2024年度） |
项目名称 |
乡村道路养护补助项目 |
主管部门 |
南岭县交通运输局 |
实施单位 |
南岭镇人民政府 |
项目资金（万元） |
年初预算数 |
全年预算数 |
全年执行数 |
分值 |
执行率 |
得分 |
年度资金总额 |
0 |
0 |
0 |
10 |
0 |
0 |
其中：当年财政拨款 |
60 |
58.50 |
58.50 |
— |
|
— |
上年结转资金 |
|
|
|
— |
|
— |
其他资金 |
|
|
|
— |
|
— |
绩效指标 |
一级指标 |
二级指标 |
三级指标 |
年度指标值 |
实际完成值 |
分值 |
得分 |
偏差原因分析及改进措施 |
产出指标 |
数量指标 |
养护农村公路里程 |
≥40公里 |
42公里 |
40 |
40 |
|
效益指标 |
社会效益指标 |
群众出行条件改善 |
有效改善 |
有效改善 |
30 |
30 |
|
满意度指标 |
服务对象满意度指标 |
沿线群众满意度 |
≥90% |
94% |
20 |
20 |
|
总分 |
100 |
90 |
良 |
二、自评结论
本项目自评得分 90 分。
";

pub fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load_embedded().expect("the embedded packs load"))
}

/// A fresh, empty folder under the system's temporary folder.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let path = std::env::temp_dir().join(format!("reportlint-outputs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temporary folder is writable");
        Scratch(path)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("the temporary folder is writable");
        path
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Lints `path` and names it `label` in the outcome.
pub fn lint_as(path: &Path, label: &str) -> FileOutcome {
    let mut outcome = Linter::new(rule_set().clone()).lint_path(path);
    match &mut outcome {
        FileOutcome::Linted(file) => file.path = label.to_string(),
        FileOutcome::Failed(file) => file.path = label.to_string(),
    }
    outcome
}

/// The examples, then `extra` reports of our own written to a scratch
/// folder (name, bytes), each labelled `tmp/NAME`.
pub fn outcomes_with(scratch_name: &str, extra: &[(&str, &[u8])]) -> Vec<FileOutcome> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut outcomes: Vec<FileOutcome> = EXAMPLES.iter().map(|example| lint_as(&root.join(example), example)).collect();
    let scratch = Scratch::new(scratch_name);
    for (name, bytes) in extra {
        outcomes.push(lint_as(&scratch.write(name, bytes), &format!("tmp/{name}")));
    }
    outcomes
}

/// The standard run: the examples, our plain report, and a binary file.
pub fn outcomes(scratch_name: &str) -> Vec<FileOutcome> {
    outcomes_with(
        scratch_name,
        &[("北湖区-自评报告.txt", PLAIN_REPORT.as_bytes()), ("扫描件.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")],
    )
}

/// Findings that point at a figure, over all outcomes.
pub fn findings_with_spans(outcomes: &[FileOutcome]) -> usize {
    outcomes
        .iter()
        .map(|outcome| match outcome {
            FileOutcome::Linted(file) => file.findings.iter().filter(|finding| finding.primary.is_some()).count(),
            FileOutcome::Failed(_) => 0,
        })
        .sum()
}
