//! A row's cells → the columns they stand in.
//!
//! In a grid each cell's column is known. A flattening may have dropped the
//! row's empty cells, so its values are placed by what the form declares:
//! in order; a value only in a column the row may fill and of a kind that
//! holds it (a `%` only in a rate column, a figure with `≥` only where a
//! target may carry one, an amount over 100 never in a score column); blanks
//! anywhere; every required column filled. Never by the relations the checks
//! test. Every placement that fits is tried: when they all read the same,
//! the row is read; where they differ, those cells are left unread and the
//! reading says so.

use rust_decimal::Decimal;

use super::labels;
use super::tokens::Token;
use crate::report::Unit;
use crate::rules::Kind;
use crate::rules::form::ColumnKind;

/// One column a row's cells may stand in.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub kind: ColumnKind,
    /// The row may put a value here.
    pub fills: bool,
    /// A filled-in form never leaves it empty.
    pub required: bool,
    /// Its figures may carry a comparison (`≥95%`): a target.
    pub relations: bool,
}

/// Where a row's cells stand: for each slot, the token (an index into the
/// row's tokens) whose value it holds, or `None` when it holds none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub values: Vec<Option<usize>>,
    /// Slots whose value could not be told: placements that fit disagree.
    pub unread: Vec<usize>,
}

/// More placements than this and the row is not worth reading.
const MAX_PLACEMENTS: usize = 256;

/// What may be dropped from the end of a row that does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// Blank cells only.
    Blanks,
    /// Blank cells and text: a labelled row of a flattening runs on into
    /// what follows it (`合计100 评价结论…`).
    Text,
}

/// Places `tokens` into `slots`; `None` when no placement fits.
pub fn align(tokens: &[&Token], slots: &[Slot], tail: Tail) -> Option<Placement> {
    let mut tokens = tokens.to_vec();
    // Pipe rows end in stray empty cells (`| 90 | ||`), which may make up
    // for a cell the conversion dropped: empty cells at a row's end say
    // nothing, and are not counted. Then other blanks that do not fit.
    while tokens.last().is_some_and(|token| token.blank && token.text.trim().is_empty()) {
        tokens.pop();
    }
    while tokens.len() > slots.len() && tokens.last().is_some_and(|token| token.blank) {
        tokens.pop();
    }
    if tokens.len() > slots.len() {
        return None;
    }
    let mut placements = placements(&tokens, slots);
    // Then without what may be dropped from its end, one cell at a time,
    // never past a figure.
    let droppable = |token: &&Token| match tail {
        Tail::Blanks => token.blank,
        Tail::Text => token.number.is_none(),
    };
    while placements.is_empty() && tokens.last().is_some_and(droppable) {
        tokens.pop();
        placements = self::placements(&tokens, slots);
    }
    let first = placements.first()?.clone();
    let mut unread = Vec::new();
    let mut values = first;
    for (slot, value) in values.iter_mut().enumerate() {
        let agreed = placements.iter().all(|placement| placement.get(slot) == Some(&*value));
        if !agreed {
            *value = None;
            unread.push(slot);
        }
    }
    Some(Placement { values, unread })
}

/// Every placement of `tokens` that fits, each without repeats.
fn placements(tokens: &[&Token], slots: &[Slot]) -> Vec<Vec<Option<usize>>> {
    let positional = tokens.len() == slots.len();
    let mut placements: Vec<Vec<Option<usize>>> = Vec::new();
    let mut current = vec![None; slots.len()];
    place(tokens, slots, positional, 0, 0, &mut current, &mut placements);
    placements
}

fn place(
    tokens: &[&Token],
    slots: &[Slot],
    positional: bool,
    token: usize,
    from: usize,
    current: &mut Vec<Option<usize>>,
    placements: &mut Vec<Vec<Option<usize>>>,
) {
    if placements.len() >= MAX_PLACEMENTS {
        return;
    }
    let Some(next) = tokens.get(token) else {
        let required_met = slots.iter().zip(current.iter()).all(|(slot, value)| !slot.required || value.is_some());
        if required_met && !placements.contains(current) {
            placements.push(current.clone());
        }
        return;
    };
    let remaining = tokens.len().saturating_sub(token);
    let last_start = slots.len().saturating_sub(remaining);
    for slot_index in from..=last_start {
        let Some(slot) = slots.get(slot_index) else { break };
        // A cell in a column the row does not fill is passed over: blank, or
        // in a row with a cell for every column, whatever it holds.
        if next.blank || (positional && !slot.fills) {
            place(
                tokens,
                slots,
                positional,
                token.saturating_add(1),
                slot_index.saturating_add(1),
                current,
                placements,
            );
        } else if holds(slot, next, positional) {
            if let Some(value) = current.get_mut(slot_index) {
                *value = Some(token);
            }
            place(
                tokens,
                slots,
                positional,
                token.saturating_add(1),
                slot_index.saturating_add(1),
                current,
                placements,
            );
            if let Some(value) = current.get_mut(slot_index) {
                *value = None;
            }
        }
        if positional {
            break;
        }
    }
}

/// Whether a value can stand in `slot`. A row with a cell for every column
/// is read as written wherever text may stand (a `0` in the 偏差原因 column).
pub fn holds(slot: &Slot, token: &Token, positional: bool) -> bool {
    if !slot.fills {
        return false;
    }
    let relation = token.number.as_ref().and_then(|number| number.relation);
    if relation.is_some() && !slot.relations {
        return false;
    }
    // A `≥` only stands in 指标性质, a `人次` only in 度量单位, and neither
    // holds a figure or a name even in a row that has every cell: a row
    // with as many cells as columns may be two rows' pieces, and read as
    // written it would put a name under 指标性质.
    let word = labels::relation(&token.text).is_some() || labels::unit_word(&token.text).is_some();
    match (slot.kind, &token.number) {
        (ColumnKind::Relation, _) => {
            labels::relation(&token.text).is_some() || (positional && labels::nature_word(&token.text))
        }
        (ColumnKind::Unit, Some(_)) => false,
        (ColumnKind::Unit, None) => labels::unit_word(&token.text).is_some() || (positional && short(&token.text)),
        (ColumnKind::Value(Kind::Text), None) => !word || positional,
        (ColumnKind::Value(Kind::Text), Some(_)) => positional,
        (ColumnKind::Value(Kind::Number), None) => !word,
        (ColumnKind::Value(Kind::Number), Some(_)) => true,
        (ColumnKind::Value(_), None) => false,
        (ColumnKind::Value(kind), Some(number)) => figure_fits(kind, number),
    }
}

/// A unit the form's list does not know is a word or two (`万亩`, `册`).
fn short(text: &str) -> bool {
    text.trim().chars().count() <= 3
}

/// Kind and range: amounts are not negative, scores lie in 0–100, a rate is
/// a percentage (or a bare 0, which is 0 in any unit).
fn figure_fits(kind: Kind, number: &crate::report::Number) -> bool {
    let value = number.value;
    match (kind, &number.unit) {
        (Kind::Money, Unit::Yuan | Unit::WanYuan | Unit::YiYuan | Unit::None) => value >= Decimal::ZERO,
        (Kind::Ratio, Unit::Percent) => value >= Decimal::ZERO,
        (Kind::Ratio, Unit::None) => value.is_zero(),
        (Kind::Score, Unit::Points | Unit::None) => value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED,
        (Kind::Count, Unit::Count(_) | Unit::None) => value >= Decimal::ZERO,
        (Kind::Number, _) => true,
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::report::{Layout, Table, TableRow};

    fn row(cells: &[&str]) -> Vec<Token> {
        let report = crate::report::parse(
            &crate::source::decode(
                "t.txt",
                format!("| {} |\n|\n", cells.join(" | ")).as_bytes(),
                crate::source::Format::Text,
            )
            .unwrap(),
        );
        let table: &Table = &report.tables[0];
        assert_eq!(table.layout, Layout::Flat);
        let _: &TableRow = &table.rows[0];
        let mut tokens = super::super::tokens::tokens(table, &[], &[]);
        tokens.truncate(cells.len());
        tokens
    }

    fn slot(kind: Kind, fills: bool, required: bool) -> Slot {
        Slot { kind: ColumnKind::Value(kind), fills, required, relations: false }
    }

    fn budget_slots(fills_amounts_only: bool) -> Vec<Slot> {
        let other = !fills_amounts_only;
        vec![
            slot(Kind::Money, true, false),
            slot(Kind::Money, true, false),
            slot(Kind::Money, true, false),
            slot(Kind::Score, other, other),
            slot(Kind::Ratio, true, false),
            slot(Kind::Score, other, false),
        ]
    }

    #[test]
    fn a_full_row_is_read_as_written() {
        let tokens = row(&["0", "0", "0", "10", "0", "0"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        let placement = align(&refs, &budget_slots(false), Tail::Text).unwrap();
        assert_eq!(placement.values, [Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]);
        assert!(placement.unread.is_empty());
    }

    #[test]
    fn dropped_cells_are_found_by_kind() {
        // 其中 row: three amounts, the rate left empty and dropped.
        let tokens = row(&["90", "89.974", "89.974"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        let placement = align(&refs, &budget_slots(true), Tail::Text).unwrap();
        assert_eq!(placement.values, [Some(0), Some(1), Some(2), None, None, None]);
    }

    #[test]
    fn where_placements_disagree_the_cells_stay_unread() {
        // Two amounts for three amount columns; the 分值 is required.
        let tokens = row(&["387664.62", "387664.62", "10", "100%", "10"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        let placement = align(&refs, &budget_slots(false), Tail::Text).unwrap();
        assert_eq!(placement.values, [None, None, None, Some(2), Some(3), Some(4)]);
        assert_eq!(placement.unread, [0, 1, 2]);
    }

    #[test]
    fn stray_empty_cells_do_not_make_a_row_whole() {
        // 上年结转资金: its empty 年初预算数 dropped, then `||` at the end; read
        // as written, 24.00 would be taken for 年初预算数.
        let tokens = row(&["24.00", "23.00", "—", "—", "", ""]);
        let refs: Vec<&Token> = tokens.iter().collect();
        let placement = align(&refs, &budget_slots(true), Tail::Text).unwrap();
        assert_eq!(placement.values[..3], [None, None, None]);
        assert_eq!(placement.unread, [0, 1, 2]);
    }

    #[test]
    fn a_name_never_stands_under_a_relation_or_a_unit() {
        // Two rows' pieces as many as the columns: 指标性质 指标值 度量单位
        // 完成值 分值 得分 原因.
        let slots = vec![
            Slot { kind: ColumnKind::Relation, fills: true, required: false, relations: false },
            Slot { kind: ColumnKind::Value(Kind::Number), fills: true, required: false, relations: true },
            Slot { kind: ColumnKind::Unit, fills: true, required: false, relations: false },
            slot(Kind::Number, true, false),
            slot(Kind::Score, true, true),
            slot(Kind::Score, true, false),
            slot(Kind::Text, true, false),
        ];
        let tokens = row(&["举办讲座", "≥", "4", "场", "4", "45", "45"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        assert_eq!(align(&refs, &slots, Tail::Blanks), None);
        let tokens = row(&["定量", "6", "次", "5", "45", "40", "场地紧张"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        assert!(align(&refs, &slots, Tail::Blanks).is_some_and(|placement| placement.unread.is_empty()));
    }

    #[test]
    fn nothing_fits_more_values_than_columns() {
        let tokens = row(&["1", "2", "3", "4", "5", "6", "7"]);
        let refs: Vec<&Token> = tokens.iter().collect();
        assert_eq!(align(&refs, &budget_slots(false), Tail::Text), None);
    }
}
