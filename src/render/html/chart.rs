//! chart: the findings of a run → an inline SVG bar chart, one bar per check,
//! stacked by severity, most frequent first (ties by id).
//!
//! Geometry is whole pixels computed with integers, so the same run always
//! gives the same bytes. Ids and counts are text in the SVG (escaped), and
//! every segment has a `<title>` a pointer can read.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::Severity;

use super::escape::escape;

const LABEL_WIDTH: usize = 250;
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

/// The chart, or `None` when there is nothing to draw.
pub(super) fn chart(counts: &BTreeMap<String, [usize; 3]>) -> Option<String> {
    let mut rows: Vec<(&str, [usize; 3])> = counts.iter().map(|(id, counts)| (id.as_str(), *counts)).collect();
    rows.sort_by_key(|(id, counts)| (std::cmp::Reverse(counts.iter().sum::<usize>()), *id));
    let most = rows.iter().map(|(_, counts)| counts.iter().sum::<usize>()).max().filter(|&most| most > 0)?;
    let width = LABEL_WIDTH + BAR_WIDTH + 60;
    let height = rows.len().saturating_mul(ROW_HEIGHT).saturating_add(LEGEND_HEIGHT);
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="各项检查发现的问题数">"#
    );
    for (row, (id, counts)) in rows.iter().enumerate() {
        let top = row.saturating_mul(ROW_HEIGHT);
        let middle = top.saturating_add(ROW_HEIGHT / 2);
        let _ = write!(
            svg,
            r#"<text x="{}" y="{middle}" text-anchor="end" dominant-baseline="central">{}</text>"#,
            LABEL_WIDTH - 8,
            escape(id)
        );
        let mut left = LABEL_WIDTH;
        for (&count, &(_, name, colour)) in counts.iter().zip(SEVERITIES.iter()) {
            if count == 0 {
                continue;
            }
            let length = count.saturating_mul(BAR_WIDTH).checked_div(most).unwrap_or_default().max(2);
            let _ = write!(
                svg,
                r#"<rect x="{left}" y="{}" width="{length}" height="{BAR_HEIGHT}" fill="{colour}"><title>{} · {name} {count}</title></rect>"#,
                middle.saturating_sub(BAR_HEIGHT / 2),
                escape(id)
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

    fn counts(outcomes: &[FileOutcome]) -> BTreeMap<String, [usize; 3]> {
        let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
        for outcome in outcomes {
            let FileOutcome::Linted(file) = outcome else { continue };
            for finding in &file.findings {
                counts.entry(finding.rule.clone()).or_default()[slot(finding.severity)] += 1;
            }
        }
        counts
    }

    #[test]
    fn one_bar_per_check_most_frequent_first() {
        let svg = chart(&counts(&fixture::outcomes())).unwrap_or_default();
        assert_eq!(svg.matches("text-anchor=\"end\"").count(), 3);
        let positions: Vec<_> = ["budget-execution-rate", "indicator-table-missing", "training-count"]
            .iter()
            .map(|id| svg.find(&format!(">{id}</text>")))
            .collect();
        // One finding each: ties are in id order.
        assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{svg}");
        assert!(svg.contains(r##"fill="#c62828"><title>budget-execution-rate · 错误 1</title>"##));
    }

    #[test]
    fn nothing_to_draw() {
        assert_eq!(chart(&BTreeMap::new()), None);
    }
}
