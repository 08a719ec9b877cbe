//! Labelled rows that no reading places → not read, and a [`Declined`]
//! that says so.
//!
//! A flattening can scramble a block's header and keep its rows in order:
//! `pdftotext` without `-layout` writes the wrapped 全年预算数 as `全年预算`
//! … `数`, out of order, then `年度资金总额` with its figures, `其中：当年财政
//! 拨款` with its. Without a header in order the figures cannot be placed
//! (three amounts fit three money columns six ways, and the relations the
//! checks test must never decide it), so nothing is read from those rows —
//! as from any cell outside a block. What this stage adds is that the reader
//! hears of it: where at least two different row labels of a block each
//! stand before figures, and no reading the table keeps covers them with a
//! block that knows their labels (no header was found, the one found names
//! fewer columns than a row has figures, or it lost the table to another
//! form's), the table gets one [`Declined`], naming the form, the block and
//! the rows seen.
//!
//! The note lives beside the readings, not in one: the form was not read
//! from the table, so it has no scope, no facts and no grid to carry it; the
//! lint gathers it with the readings' notes. A form that shares the block
//! with another (部门整体 and 项目) sees the same rows; they are declined
//! once, for the form a table is given to first. Cost: one scan of the
//! table's tokens per block with rows, as block reading scans a body.

use serde::Serialize;

use super::block::{self, BlockReading};
use super::tokens::Token;
use crate::rules::form::{Block, Form};
use crate::span::Span;

/// Fewest different row labels, each before figures, that make rows of a
/// block rather than a stray label: one label before a number is as likely
/// a line of prose.
const MIN_LABELS: usize = 2;
/// Row labels a note names; the count says how many rows there were.
const NAMED: usize = 3;

/// Rows of a form seen in a table but not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declined {
    /// The form's id and title.
    pub form: String,
    pub title: String,
    /// The table (an index into the report's tables).
    pub table: usize,
    /// From the first row's label to the last row's last value.
    pub span: Span,
    pub note: String,
}

/// A form's tokens and the block readings it keeps in one table.
pub type Found<'f> = (&'f Form, Vec<Token>, Vec<BlockReading>);

/// The rows of `found`'s forms that no reading places, one [`Declined`]
/// per block and form; where forms see the same rows, only the first of
/// `ranked` (form indices, the table's own form first) declines them.
pub fn declined(found: &[Found<'_>], ranked: &[usize], table: usize, joins: bool) -> Vec<Declined> {
    let covered: Vec<(Span, &Block)> = found
        .iter()
        .flat_map(|(form, tokens, blocks)| {
            blocks.iter().filter_map(|reading| Some((reading_span(tokens, reading)?, form.blocks.get(reading.block)?)))
        })
        .collect();
    let mut declined: Vec<Declined> = Vec::new();
    for (form, tokens, _) in ranked.iter().filter_map(|index| found.get(*index)) {
        for block in form.blocks.iter().filter(|block| !block.rows.is_empty()) {
            let rows: Vec<Row> = rows(block, tokens, joins).into_iter().filter(|row| !placed(row, &covered)).collect();
            let Some(note) = note(block, &rows) else { continue };
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else { continue };
            let span = first.span.join(last.span);
            let seen = |other: &Declined| other.form != form.id && overlaps(other.span, span);
            if declined.iter().any(seen) {
                continue;
            }
            declined.push(Declined { form: form.id.clone(), title: form.title.clone(), table, span, note });
        }
    }
    declined.sort_by_key(|declined| declined.span);
    declined
}

/// A labelled row standing in the table, with the values after its label.
struct Row {
    /// The label as keys compare it (`当年财政拨款`, without `其中：`).
    key: String,
    /// From the label to its last value.
    span: Span,
    /// Some value is a figure, not only blanks.
    figures: bool,
}

/// Every labelled row of `block` in `tokens` whose label is followed by
/// values (figures or blanks).
fn rows(block: &Block, tokens: &[Token], joins: bool) -> Vec<Row> {
    block::row_labels(block, tokens, 0..tokens.len(), joins)
        .into_iter()
        .filter_map(|(at, _, length)| {
            let label = tokens.get(at..at.saturating_add(length))?;
            let after = tokens.get(at.saturating_add(length)..)?;
            let values: Vec<&Token> = after.iter().take_while(|token| token.blank || token.number.is_some()).collect();
            let last = values.last()?;
            let key: String = label.iter().map(|token| token.key.as_str()).collect();
            let start = label.first()?.span;
            Some(Row { key, span: start.join(last.span), figures: values.iter().any(|token| token.number.is_some()) })
        })
        .collect()
}

/// Whether a kept reading of a block that knows the row's label covers it:
/// the row was read, or it has a note of its own.
fn placed(row: &Row, covered: &[(Span, &Block)]) -> bool {
    covered.iter().any(|(span, block)| {
        overlaps(*span, row.span)
            && block.rows.iter().any(|defined| defined.labels.iter().any(|label| label.key == row.key))
    })
}

/// The note for `rows` of `block`, when they are rows: at least
/// [`MIN_LABELS`] different labels before figures.
fn note(block: &Block, rows: &[Row]) -> Option<String> {
    let mut labels: Vec<&str> = Vec::new();
    for row in rows {
        if !labels.contains(&row.key.as_str()) {
            labels.push(&row.key);
        }
    }
    let with_figures = labels.iter().filter(|label| rows.iter().any(|row| row.figures && row.key == **label)).count();
    if with_figures < MIN_LABELS {
        return None;
    }
    let named: String = labels.iter().take(NAMED).map(|label| format!("“{label}”")).collect();
    let more = if labels.len() > NAMED { "等" } else { "" };
    Some(format!(
        "“{}”部分读到 {} 行（{named}{more}），但找不到能确定其各栏次序的表头（栏目名称认不全，或文字次序被打乱），\
         未读取",
        block.title,
        rows.len()
    ))
}

/// From a reading's first token to its last.
fn reading_span(tokens: &[Token], reading: &BlockReading) -> Option<Span> {
    let first = tokens.get(reading.tokens.start)?;
    let last = tokens.get(reading.tokens.end.checked_sub(1)?)?;
    Some(first.span.join(last.span))
}

fn overlaps(one: Span, other: Span) -> bool {
    one.start < other.end && other.start < one.end
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use crate::rules::RuleSet;
    use crate::source::{self, Format};

    fn rules() -> &'static RuleSet {
        static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        RULES.get_or_init(|| crate::rules::load_embedded().unwrap())
    }

    /// The forms stage of the national pack over `lines`, one a line.
    fn read(lines: &[&str]) -> super::super::Forms {
        let text = lines.join("\n");
        let document = source::decode("表.txt", text.as_bytes(), Format::Text).unwrap();
        let report = crate::report::parse(&document);
        super::super::read(rules().pack("national").unwrap(), &report)
    }

    const ROWS: [&str; 15] = [
        "年度资金总额",
        "80.00",
        "90.00",
        "85.50",
        "10",
        "95.00%",
        "9.50",
        "其中：当年财政拨款",
        "70.00",
        "75.00",
        "72.00",
        "其他资金",
        "10.00",
        "15.00",
        "13.50",
    ];

    fn table(header: &[&'static str]) -> Vec<&'static str> {
        let mut lines = vec!["项目支出绩效自评表", "项目名称", "乡村道路养护"];
        lines.extend(header);
        lines.extend(ROWS);
        lines.extend(["年度总体目标", "完成道路养护任务。"]);
        lines
    }

    #[test]
    fn rows_after_a_scrambled_header_are_declined_with_a_note() {
        let forms = read(&table(&["全年预算", "全年执行", "年初预算数", "分值 执行率", "得分", "数", "数"]));
        assert!(forms.readings.iter().all(|reading| reading.form != "project"), "{:?}", forms.readings);
        let [declined] = forms.declined.as_slice() else { panic!("{:?}", forms.declined) };
        assert_eq!(declined.form, "project");
        assert_eq!(
            declined.note,
            "“预算执行情况”部分读到 3 行（“年度资金总额”“当年财政拨款”“其他资金”），\
             但找不到能确定其各栏次序的表头（栏目名称认不全，或文字次序被打乱），未读取"
        );
    }

    #[test]
    fn rows_under_their_header_are_read_without_a_note() {
        let forms = read(&table(&["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]));
        assert!(forms.declined.is_empty(), "{:?}", forms.declined);
        let project = forms.readings.iter().find(|reading| reading.form == "project").unwrap();
        assert!(project.facts.values.contains_key("budget.initial"));
    }

    #[test]
    fn a_header_that_names_fewer_columns_than_a_row_has_figures_places_no_row() {
        // 分值 is written 权数, a name the form does not know: the amounts of
        // the 其中 rows might stand under it as well as under the others.
        let forms = read(&table(&["年初预算数", "全年预算数", "全年执行数", "权数", "执行率", "得分"]));
        assert!(forms.readings.iter().all(|reading| reading.form != "project"), "{:?}", forms.readings);
        let [declined] = forms.declined.as_slice() else { panic!("{:?}", forms.declined) };
        assert!(declined.note.starts_with("“预算执行情况”部分读到 3 行"), "{}", declined.note);
    }

    #[test]
    fn no_note_without_the_rows() {
        let mut lines = vec!["项目支出绩效自评表", "项目名称", "乡村道路养护", "全年预算", "数", "得分"];
        // One row label before figures is not yet rows of the block.
        lines.extend(["年度资金总额", "80.00", "说明", "资金已拨付。"]);
        assert!(read(&lines).declined.is_empty());
    }

    #[test]
    fn labels_without_figures_are_not_rows() {
        let forms = read(&["项目支出绩效自评表", "年度资金总额", "当年财政拨款", "其他资金", "上年结转资金", "—"]);
        assert!(forms.declined.is_empty(), "{:?}", forms.declined);
    }
}
