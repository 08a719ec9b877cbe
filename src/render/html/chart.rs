//! chart: the findings of a run → an inline SVG bar chart, one bar per check,
//! stacked by severity, most frequent first (ties by id).
//!
//! Geometry is whole pixels computed with integers, so the same run always
//! gives the same bytes. Each bar is labelled by its check's title (cut to
//! the label's width with `…`, measured in display columns: a Chinese
//! character is two), and its counts; the label and every segment have a
//! `<title>` a pointer can read, with the whole title and the check's id.
//! All text is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::Severity;
use crate::terminal::width::fit;

use super::escape::escape;

const LABEL_WIDTH: usize = 320;
/// Pixels a display column takes at the chart's 13 px font (a Chinese
/// character is two columns, about 13 px).
const COLUMN_PIXELS: usize = 7;
const BAR_WIDTH: usize = 380;
const ROW_HEIGHT: usize = 26;
const BAR_HEIGHT: usize = 16;
const LEGEND_HEIGHT: usize = 30;
/// Error, warning, info; the page's CSS uses the same colours.
const SEVERITIES: [(Severity, &str, &str); 3] =
    [(Severity::Error, "错误", "#c62828"), (Severity::Warning, "警告", "#e08a00"), (Severity::Info, "提示", "#1e6bb8")];

/// The slot of a severity in a row's counts: errors, warnings, infos.
pub(super) fn slot(severity: Severity) -> usize {
    SEVERITIES.iter().position(|(each, ..)| *each == severity).unwrap_or_default()
}

/// One check's bar: its title (empty when unknown) and its findings by
/// severity (errors, warnings, infos).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Bar {
    pub title: String,
    pub counts: [usize; 3],
}

/// The chart of the bars by check id, or `None` when there is nothing to draw.
pub(super) fn chart(bars: &BTreeMap<String, Bar>) -> Option<String> {
    let mut rows: Vec<(&str, &Bar)> = bars.iter().map(|(id, bar)| (id.as_str(), bar)).collect();
    rows.sort_by_key(|(id, bar)| (std::cmp::Reverse(bar.counts.iter().sum::<usize>()), *id));
    let most = rows.iter().map(|(_, bar)| bar.counts.iter().sum::<usize>()).max().filter(|&most| most > 0)?;
    let width = LABEL_WIDTH + BAR_WIDTH + 60;
    let height = rows.len().saturating_mul(ROW_HEIGHT).saturating_add(LEGEND_HEIGHT);
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="各项检查发现的问题数">"#
    );
    for (row, (id, bar)) in rows.iter().enumerate() {
        let top = row.saturating_mul(ROW_HEIGHT);
        let middle = top.saturating_add(ROW_HEIGHT / 2);
        let (label, named) = if bar.title.is_empty() {
            ((*id).to_owned(), (*id).to_owned())
        } else {
            (fit(&bar.title, (LABEL_WIDTH - 8) / COLUMN_PIXELS), format!("{}（{id}）", bar.title))
        };
        let named = escape(&named);
        let _ = write!(
            svg,
            r#"<text x="{}" y="{middle}" text-anchor="end" dominant-baseline="central"><title>{named}</title>{}</text>"#,
            LABEL_WIDTH - 8,
            escape(&label)
        );
        let mut left = LABEL_WIDTH;
        let counts = &bar.counts;
        for (&count, &(_, name, colour)) in counts.iter().zip(SEVERITIES.iter()) {
            if count == 0 {
                continue;
            }
            let length = count.saturating_mul(BAR_WIDTH).checked_div(most).unwrap_or_default().max(2);
            let _ = write!(
                svg,
                r#"<rect x="{left}" y="{}" width="{length}" height="{BAR_HEIGHT}" fill="{colour}"><title>{named} · {name} {count}</title></rect>"#,
                middle.saturating_sub(BAR_HEIGHT / 2),
            );
            left = left.saturating_add(length);
        }
        let total: usize = counts.iter().sum();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{middle}" dominant-baseline="central">{total}</text>"#,
            left.saturating_add(6)
        );
    }
    let legend_top = rows.len().saturating_mul(ROW_HEIGHT).saturating_add(10);
    for (slot, &(_, name, colour)) in SEVERITIES.iter().enumerate() {
        let left = slot.saturating_mul(80).saturating_add(LABEL_WIDTH);
        let _ = write!(
            svg,
            r#"<rect x="{left}" y="{legend_top}" width="12" height="12" fill="{colour}"/><text x="{}" y="{}" dominant-baseline="central">{name}</text>"#,
            left.saturating_add(18),
            legend_top.saturating_add(6)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::lint::FileOutcome;
    use crate::render::fixture;

    fn bars(outcomes: &[FileOutcome]) -> BTreeMap<String, Bar> {
        let mut bars: BTreeMap<String, Bar> = BTreeMap::new();
        for outcome in outcomes {
            let FileOutcome::Linted(file) = outcome else { continue };
            for finding in &file.findings {
                let bar = bars.entry(finding.rule.clone()).or_default();
                bar.title.clone_from(&finding.title);
                bar.counts[slot(finding.severity)] += 1;
            }
        }
        bars
    }

    #[test]
    fn one_bar_per_check_most_frequent_first_labelled_by_title() {
        let svg = chart(&bars(&fixture::outcomes())).unwrap_or_default();
        assert_eq!(svg.matches("text-anchor=\"end\"").count(), 3);
        let positions: Vec<_> =
            ["预算执行率 = 全年实际支出 ÷ 全年预算数", "报告应附绩效自评表", "培训场次应达到年度目标"]
                .iter()
                .map(|title| svg.find(&format!("</title>{title}</text>")))
                .collect();
        // One finding each: ties are in id order.
        assert!(positions.iter().all(Option::is_some), "{svg}");
        assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{svg}");
        assert!(svg.contains(
            r##"fill="#c62828"><title>预算执行率 = 全年实际支出 ÷ 全年预算数（budget-execution-rate） · 错误 1</title>"##
        ));
    }

    #[test]
    fn a_long_title_is_cut_and_a_missing_one_gives_the_id() {
        let long = "政府采购执行率 = 实际政府采购数 ÷ 政府采购预算数，且不应超过百分之一百";
        let bars = BTreeMap::from([
            ("procurement-rate".to_owned(), Bar { title: long.to_owned(), counts: [2, 0, 0] }),
            ("未知".to_owned(), Bar { title: String::new(), counts: [1, 0, 0] }),
        ]);
        let svg = chart(&bars).unwrap_or_default();
        let cut = fit(long, 44);
        assert!(cut.ends_with('…') && cut.chars().count() < long.chars().count(), "{cut}");
        assert!(svg.contains(&format!("<title>{long}（procurement-rate）</title>{cut}</text>")), "{svg}");
        assert!(svg.contains("<title>未知</title>未知</text>"), "{svg}");
    }

    #[test]
    fn nothing_to_draw() {
        assert_eq!(chart(&BTreeMap::new()), None);
    }
}
