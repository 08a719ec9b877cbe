//! html: outcomes → one self-contained page for a reviewer, in Chinese.
//!
//! The page holds, in order: the run's totals; a table of every report (file,
//! unit, pack, counts per severity, the score and grade it states); a bar
//! chart of findings per check (inline SVG); then per report its full text
//! with each finding's primary span highlighted in place (`<mark id="f-N">`,
//! `html::highlight`), its tables drawn as tables (`html::body`), beside the
//! list of findings (`html::notes`), or the reason it could not be read. Findings are numbered 1, 2, … across the
//! page in the order given.
//!
//! Invariants: nothing is loaded from anywhere (CSS, script and SVG are
//! inline); every text from a report, path or rule is escaped
//! (`html::escape`); the same outcomes give the same bytes (no dates, no
//! randomness, files in the order given). The inline script checks the
//! highlights on load and writes its verdict into `#reportlint-selfcheck`
//! (`html::assets`), which the browser test reads.

mod assets;
mod body;
mod chart;
mod escape;
mod form;
mod highlight;
mod notes;
mod rest;
mod stated;
mod table;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::Severity;
use crate::lint::{FailedFile, FileOutcome, LintedFile};
use crate::render::tally::Tally;

pub(crate) use self::escape::escape;
use self::highlight::Numbered;
use self::stated::Stated;

const TITLE: &str = "绩效自评报告检查结果";

/// Renders every outcome as one HTML page ending in a newline: the same
/// bytes as [`HtmlPage`] writes piece by piece.
pub fn html(outcomes: &[FileOutcome]) -> String {
    let mut page = HtmlPage::default();
    let sections: String = outcomes.iter().map(|outcome| page.section(outcome)).collect();
    let mut whole = page.head();
    whole.push_str(&sections);
    whole.push_str(&HtmlPage::tail());
    whole
}

/// The page of a run, written as the run goes so that no report is held
/// after its section is made. The totals, the summary table and the chart
/// stand before the sections but are known only at the end, so they are
/// made last ([`HtmlPage::head`]) from the few values each section leaves
/// behind; the caller keeps the sections (on disk, for a long run) and
/// writes head, sections, tail.
#[derive(Debug, Default)]
pub struct HtmlPage {
    tally: Tally,
    rows: Vec<Row>,
    /// Findings per check id, with the check's title.
    chart: BTreeMap<String, chart::Bar>,
    /// Findings numbered so far, across the page.
    numbered: usize,
}

/// What the summary table says of one report.
#[derive(Debug)]
enum Row {
    Linted { path: String, pack: String, counts: [usize; 3], stated: Stated },
    Failed { path: String, error: String },
}

impl HtmlPage {
    /// The next report's section; its findings are numbered on from the
    /// previous report's.
    pub fn section(&mut self, outcome: &FileOutcome) -> String {
        self.tally.add(outcome);
        let index = self.rows.len().saturating_add(1);
        let mut section = String::new();
        match outcome {
            FileOutcome::Linted(file) => {
                let findings: Vec<Numbered> = file
                    .findings
                    .iter()
                    .map(|finding| {
                        self.numbered = self.numbered.saturating_add(1);
                        let slot = chart::slot(finding.severity);
                        let bar = self.chart.entry(finding.rule.clone()).or_default();
                        if bar.title.is_empty() {
                            bar.title.clone_from(&finding.title);
                        }
                        if let Some(count) = bar.counts.get_mut(slot) {
                            *count = count.saturating_add(1);
                        }
                        (self.numbered, finding)
                    })
                    .collect();
                let counts = counts(&findings);
                report(index, file, &findings, counts, &mut section);
                let stated = stated::read(&file.document.text);
                self.rows.push(Row::Linted { path: file.path.clone(), pack: file.pack.clone(), counts, stated });
            }
            FileOutcome::Failed(file) => {
                failure(index, file, &mut section);
                self.rows.push(Row::Failed { path: file.path.clone(), error: file.error.to_string() });
            }
        }
        section
    }

    /// Adds what a run knows beyond its outcomes: the findings a baseline
    /// hid, the files it has no entry for and the files of other types in
    /// the linted folders, so that the page's totals read as the terminal's.
    pub fn count_run(&mut self, run: &Tally) {
        self.tally.hidden = run.hidden;
        self.tally.unsupported = run.unsupported;
        self.tally.not_in_baseline.clone_from(&run.not_in_baseline);
    }

    /// Everything before the first section: the totals, the summary table
    /// and the chart of every section made so far.
    pub fn head(&self) -> String {
        let mut page = String::new();
        // Writing to a String cannot fail.
        let _ = write!(
            page,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"reportlint {}\">\n<title>{TITLE}</title>\n<style>{}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            assets::STYLE
        );
        let _ =
            writeln!(page, "<header><h1>{TITLE}</h1><p class=\"meta\">{}</p></header>\n<main>", self.tally.sentence());
        summary(&self.rows, &mut page);
        page.push_str("<section id=\"chart\"><h2>各项检查发现的问题数</h2>");
        page.push_str(&chart::chart(&self.chart).unwrap_or_else(|| "<p class=\"muted\">未发现问题。</p>".to_string()));
        page.push_str("</section>\n");
        page
    }

    /// Everything after the last section.
    pub fn tail() -> String {
        format!(
            "</main>\n<footer>由 reportlint {} 生成。点击高亮的数字可查看对应问题。\
             <pre id=\"reportlint-selfcheck\" hidden></pre></footer>\n<script>{}</script>\n</body>\n</html>\n",
            env!("CARGO_PKG_VERSION"),
            assets::SCRIPT
        )
    }
}

/// Errors, warnings, infos.
fn counts(findings: &[Numbered]) -> [usize; 3] {
    let count = |severity| findings.iter().filter(|(_, finding)| finding.severity == severity).count();
    [count(Severity::Error), count(Severity::Warning), count(Severity::Info)]
}

fn summary(rows: &[Row], page: &mut String) {
    page.push_str(
        "<section id=\"summary\"><h2>汇总</h2><table class=\"summary\"><thead><tr><th>文件</th><th>单位名称</th>\
         <th>规则包</th><th class=\"count\">错误</th><th class=\"count\">警告</th><th class=\"count\">提示</th>\
         <th>自评得分</th><th>评价等级</th></tr></thead><tbody>",
    );
    let mut total = [0usize; 3];
    for (index, row) in rows.iter().enumerate() {
        let link = |path: &str| format!("<a href=\"#report-{}\">{}</a>", index.saturating_add(1), escape(path));
        match row {
            Row::Linted { path, pack, counts, stated } => {
                total.iter_mut().zip(counts).for_each(|(sum, count)| *sum = sum.saturating_add(*count));
                let cell = |value: Option<&str>| value.map_or_else(|| "—".to_string(), escape);
                let _ = write!(
                    page,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"count\">{}</td><td class=\"count\">{}</td>\
                     <td class=\"count\">{}</td><td>{}</td><td>{}</td></tr>",
                    link(path),
                    cell(stated.unit.as_deref()),
                    cell(Some(pack.as_str()).filter(|pack| !pack.is_empty())),
                    counts[0],
                    counts[1],
                    counts[2],
                    cell(stated.score.as_deref()),
                    cell(stated.grade.as_deref()),
                );
            }
            Row::Failed { path, error } => {
                let _ = write!(
                    page,
                    "<tr><td>{}</td><td class=\"unreadable\" colspan=\"7\">无法读取：{}</td></tr>",
                    link(path),
                    escape(error)
                );
            }
        }
    }
    let _ = writeln!(
        page,
        "</tbody><tfoot><tr><td>合计 {} 个文件</td><td></td><td></td><td class=\"count\">{}</td>\
         <td class=\"count\">{}</td><td class=\"count\">{}</td><td></td><td></td></tr></tfoot></table></section>",
        rows.len(),
        total[0],
        total[1],
        total[2]
    );
}

fn report(index: usize, file: &LintedFile, findings: &[Numbered], counts: [usize; 3], page: &mut String) {
    let text = &file.document.text;
    let [errors, warnings, infos] = counts;
    let pack = if file.pack.is_empty() { "—" } else { &file.pack };
    let _ = writeln!(
        page,
        "<section class=\"report\" id=\"report-{index}\"><h2>{}</h2>\
         <p class=\"meta\">规则包 <code>{}</code> · {errors} 个错误，{warnings} 个警告，{infos} 条提示</p>\
         <div class=\"report-body\"><div class=\"doc\">{}</div><div>{}</div></div></section>",
        escape(&file.path),
        escape(pack),
        body::body(&file.document, &file.forms, findings),
        notes::notes(text, findings),
    );
}

fn failure(index: usize, file: &FailedFile, page: &mut String) {
    let _ = writeln!(
        page,
        "<section class=\"report failed\" id=\"report-{index}\"><h2>{}</h2><p class=\"unreadable\">无法读取：{}</p></section>",
        escape(&file.path),
        escape(&file.error.to_string())
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn the_totals_count_what_the_run_knows_beyond_its_outcomes() {
        let mut page = HtmlPage::default();
        fixture::outcomes().iter().for_each(|outcome| drop(page.section(outcome)));
        let run = Tally { hidden: 2, unsupported: 1, not_in_baseline: vec!["新稿.txt".into()], ..Tally::default() };
        page.count_run(&run);
        assert!(page.head().contains(
            "1 个文件无法读取；已按基线隐藏 2 条；1 个文件在基线中没有记录；文件夹中另有 1 个文件不是报告格式，未检查。"
        ));
    }

    #[test]
    fn summary_marks_notes_and_failure() {
        let page = html(&fixture::outcomes());
        assert!(page.contains("共检查 3 个文件：1 个错误，1 个警告，1 条提示；1 个文件无法读取。"));
        // Two findings with spans are marked; the one about the whole report is a note only.
        assert_eq!(page.matches("<mark id=\"f-").count(), 2);
        assert!(page.contains(
            r#"<mark id="f-2" class="error" data-finding="2" data-rule="budget-execution-rate" data-line="3" data-column="49" data-text="100%""#
        ));
        assert!(page.contains(r##"<li id="note-1" class="finding warning" data-finding="1">"##));
        assert!(page.contains(r##"<a href="#f-2">第 3 行第 49 列</a>"##));
        // A finding is headed by its check's title, the id beside it; so is its bar in the chart.
        assert!(page.contains(
            r#"<span class="badge error">错误</span><strong class="title">预算执行率 = 全年实际支出 ÷ 全年预算数</strong> <code>budget-execution-rate</code>"#
        ));
        assert!(
            page.contains("<title>预算执行率 = 全年实际支出 ÷ 全年预算数（budget-execution-rate）</title>预算执行率")
        );
        let counts =
            r#"<td>xinjiang-karamay</td><td class="count">1</td><td class="count">1</td><td class="count">1</td>"#;
        assert!(page.contains(counts), "one of each severity in the first report's row");
        assert!(page.contains("无法读取：不是 UTF-8 或 GB18030 文本"));
        assert!(page.ends_with("</html>\n"));
    }
}
