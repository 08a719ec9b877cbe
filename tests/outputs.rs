//! The machine and reviewer outputs (SARIF, GitHub workflow commands, HTML)
//! over one run built with the library: two shipped examples, a report of
//! our own that falls back to the national pack, and an unreadable file
//! (`outputs/run.rs`).
//!
//! SARIF and GitHub output are snapshots (`outputs/snapshots/`) plus a
//! structural check of SARIF. The HTML page is checked for escaping here and
//! in a real headless Chromium (`outputs/browser.rs`): the page's own script
//! verifies on load that each highlight holds the figure its finding points
//! at, is visible and sits at the finding's line and column.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "outputs/browser.rs"]
mod browser;
#[path = "outputs/run.rs"]
mod run;

use reportlint::lint::FileOutcome;
use reportlint::render;

use run::{FORM_REPORT, Scratch, findings_with_spans, outcomes, outcomes_with, rule_set};

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("outputs/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn sarif_snapshot() {
    snapshot("sarif", &render::sarif(&outcomes("sarif-snapshot"), rule_set()));
}

#[test]
fn github_snapshot() {
    snapshot("github", &render::github(&outcomes("github-snapshot")));
}

#[test]
fn sarif_structure() {
    let outcomes = outcomes("sarif-structure");
    let log: serde_json::Value = serde_json::from_str(&render::sarif(&outcomes, rule_set())).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "reportlint");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));

    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|rule| rule["id"].as_str().unwrap()).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "rules sorted by id, each once: {ids:?}");
    for built_in in ["fact-conflict", "pack-fallback", "source-notice"] {
        assert!(ids.contains(&built_in), "{built_in} missing from {ids:?}");
    }
    for rule in rules {
        assert!(rule["shortDescription"]["text"].as_str().is_some_and(|text| !text.is_empty()), "{rule}");
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }

    let results = run["results"].as_array().unwrap();
    let findings: usize = outcomes
        .iter()
        .map(|outcome| if let FileOutcome::Linted(file) = outcome { file.findings.len() } else { 0 })
        .sum();
    assert_eq!(results.len(), findings);
    let mut located = 0;
    for result in results {
        let rule_id = result["ruleId"].as_str().unwrap();
        assert_eq!(ids[result["ruleIndex"].as_u64().unwrap() as usize], rule_id);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].as_str().is_some_and(|text| !text.is_empty()));
        assert!(result["partialFingerprints"]["reportlint/v1"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.is_ascii() && !uri.contains(' ') && !uri.starts_with('/'), "not a relative URI reference: {uri}");
        if let Some(region) = location.get("region") {
            located += 1;
            let start = (region["startLine"].as_u64().unwrap(), region["startColumn"].as_u64().unwrap());
            let end = (region["endLine"].as_u64().unwrap(), region["endColumn"].as_u64().unwrap());
            assert!(start.0 >= 1 && start.1 >= 1 && start < end, "{region}");
        }
    }
    assert_eq!(located, findings_with_spans(&outcomes));

    // The Markdown example's budget conflict: line 157, and its first mention as related.
    let conflict = results.iter().find(|result| result["ruleId"] == "fact-conflict").unwrap();
    assert_eq!(conflict["locations"][0]["physicalLocation"]["region"]["startLine"], 157);
    assert!(conflict["relatedLocations"][0]["message"]["text"].is_string());

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tmp/%E6%89%AB%E6%8F%8F%E4%BB%B6.txt"
    );
}

#[test]
fn sarif_of_a_clean_run_is_successful() {
    let log: serde_json::Value = serde_json::from_str(&render::sarif(&[], rule_set())).unwrap();
    assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

/// A report whose text, figures and name try to add markup and script.
const HOSTILE_REPORT: &str = "部门单位名称（公章）：<b>西岭</b>档案室\n\
一、部门基本情况\n\
</pre><script>document.title='pwned'</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n\
本室 2024 年度调整后全年预算数为 \"><i>440.00</i> 万元，全年实际支出资金 330.00 万元，预算执行率为 80%。\r\n\
调整后全年预算数为 440.00 万元，全年实际支出资金 330.00 万元，预算执行率为 80%<!--。\n\
评价结果为“&amp;”。\n";

fn hostile_outcomes(scratch: &str) -> Vec<FileOutcome> {
    outcomes_with(scratch, &[("<script>x&\"'.txt", HOSTILE_REPORT.as_bytes()), ("空.txt", b"")])
}

#[test]
fn html_escapes_everything_a_report_brings() {
    let outcomes = hostile_outcomes("html-escaping");
    let page = render::html(&outcomes);
    assert_eq!(page.matches("<script").count(), 1, "only the page's own script");
    assert!(!page.contains("<img") && !page.contains("<b>") && !page.contains("<i>") && !page.contains("<!--"));
    assert!(page.contains("&lt;/pre&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(page.contains("<td>&lt;b&gt;西岭&lt;/b&gt;档案室</td>"), "unit name escaped in the summary");
    assert!(page.contains("tmp/&lt;script&gt;x&amp;&quot;&#39;.txt"), "path escaped");
    assert!(page.contains("。&#13;\n"), "a carriage return survives the HTML parser");
}

#[test]
fn html_marks_every_figure_with_its_finding() {
    let outcomes = outcomes("html-marks");
    let page = render::html(&outcomes);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert_eq!(page.matches("<mark id=\"f-").count(), findings_with_spans(&outcomes));
    // Markdown example, `fact-conflict` at 157:…, and the plain report's summary row.
    assert!(page.contains(r#"data-rule="fact-conflict" data-line="157""#), "{page}");
    assert!(page.contains("<td>北湖区测绘资料馆</td><td>national</td>"));
    assert!(page.contains("<td>82.40 分</td><td>良</td>"));
    assert!(page.contains("无法读取："));
    assert_eq!(page, render::html(&outcomes), "the same run gives the same page");
    // No network: nothing is fetched, linked or imported.
    for reference in ["src=", "href=\"http", "@import", "url("] {
        assert!(!page.contains(reference), "{reference} in the page");
    }
}

/// The page's self-check verdict, from its DOM in Chromium.
fn verdict(dom: &str) -> serde_json::Value {
    let start = dom.find("<pre id=\"reportlint-selfcheck\"").expect("the self-check element is in the DOM");
    let verdict = &dom[start..];
    let verdict = &verdict[verdict.find('>').unwrap() + 1..verdict.find("</pre>").unwrap()];
    serde_json::from_str(verdict).unwrap_or_else(|error| panic!("the self-check did not run ({error}): {verdict:?}"))
}

/// The page-wide number of the first finding of `rule` in the file `path`.
fn finding_number(outcomes: &[FileOutcome], path: &str, rule: &str) -> u64 {
    let mut number = 0;
    for outcome in outcomes {
        if let FileOutcome::Linted(file) = outcome {
            for finding in &file.findings {
                number += 1;
                if file.path == path && finding.rule == rule {
                    return number;
                }
            }
        }
    }
    panic!("no {rule} finding in {path}");
}

#[test]
fn html_renders_and_every_highlight_sits_on_its_figure_in_chromium() {
    let mut outcomes = outcomes("html-browser");
    outcomes.extend(hostile_outcomes("html-browser-hostile"));
    let scratch = Scratch::new("html-browser-page");
    let page = scratch.write("report.html", render::html(&outcomes).as_bytes());
    let Some(dom) = browser::dump_dom(&page, &scratch.path().join("profile")) else { return };

    let verdict = verdict(&dom);
    let expected = findings_with_spans(&outcomes) as u64;
    assert!(expected >= 6, "the run has figures to highlight");
    assert_eq!(verdict["marks"].as_u64(), Some(expected), "{verdict}");
    assert_eq!(verdict["ok"].as_u64(), Some(expected), "highlights not on their figures: {verdict}");
    assert!(dom.contains("<title>绩效自评报告检查结果</title>"), "the report's script changed the title");
    assert!(!dom.contains(r#"data-pwned="1""#), "the report's markup ran");
}

#[test]
fn html_draws_a_flattened_form_as_a_table_with_its_findings_in_their_cells() {
    let outcomes = outcomes_with("html-form", &[("南岭镇-项目自评表.txt", FORM_REPORT.as_bytes())]);
    let html = render::html(&outcomes);
    assert!(html.contains("表格 1（展平，第 4–82 行）：按表式“项目支出绩效自评表”重排"), "{html}");
    assert!(html.contains("<caption>预算执行情况</caption>"));
    assert!(html.contains("<p class=\"rest-title\">表中其余文字</p>"), "the title rows stay on the page");
    let scratch = Scratch::new("html-form-page");
    let page = scratch.write("report.html", html.as_bytes());
    let Some(dom) = browser::dump_dom(&page, &scratch.path().join("profile")) else { return };

    let verdict = verdict(&dom);
    let expected = findings_with_spans(&outcomes) as u64;
    assert_eq!(verdict["marks"].as_u64(), Some(expected), "{verdict}");
    assert_eq!(verdict["ok"].as_u64(), Some(expected), "highlights not on their figures: {verdict}");
    let in_cells: Vec<u64> =
        verdict["cells"].as_array().unwrap().iter().map(|number| number.as_u64().unwrap()).collect();
    for rule in ["fund-sources-total", "grade-band"] {
        let number = finding_number(&outcomes, "tmp/南岭镇-项目自评表.txt", rule);
        assert!(in_cells.contains(&number), "{rule} (#{number}) is not highlighted in a table cell: {verdict}");
    }
    // The 年度资金总额 row's first figure, highlighted in its <td>.
    let total = finding_number(&outcomes, "tmp/南岭镇-项目自评表.txt", "fund-sources-total");
    let mark = dom.find(&format!("<mark id=\"f-{total}\"")).unwrap();
    let cell = dom[..mark].rfind("<td").unwrap();
    assert!(!dom[cell..mark].contains("</td>"), "the mark is inside a <td>");
    assert!(dom[cell..mark].contains("data-at-line=\"19\""), "in the cell of line 19: {}", &dom[cell..mark]);
}
