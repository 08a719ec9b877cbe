//! Forms in the report's tables → a [`Reading`] for every copy of a form,
//! each with facts of its own.
//!
//! Pipeline, per table and form: [`tokens`] (cells in reading order, with
//! their grid place when the table has one) → [`block`] (each block's
//! header, then its labelled rows, placed by [`align`], and its items by
//! [`items`]) → copies (a block that stands earlier on the form than one
//! already read starts a new copy: two project tables in one report are two
//! readings) → [`facts`] (cells → mentions and items, with the units and
//! comparisons the form's columns give them). Rows of a block that no
//! header places are not read; [`unplaced`] says so, beside the readings.
//!
//! Why here and not in `report`: which cell of a flattened table is under
//! which header can only be told with the form's labels, and forms are rule
//! data. The report stage gives every table as cells in order (see
//! [`crate::source::Table`]); this stage rebuilds the form's grid from them.

mod align;
mod block;
mod facts;
mod grid;
mod header;
mod items;
pub mod labels;
mod scrambled;
mod tokens;
mod unplaced;

use std::cmp::Reverse;
use std::ops::Range;

use serde::Serialize;

pub use grid::{Grid, GridCell, GridRow};
pub use unplaced::Declined;

use super::Facts;
use crate::report::{Layout, Report};
use crate::rules::Pack;
use crate::rules::form::Form;
use crate::span::Span;

/// One copy of a form found in a table, read.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The form's id and title.
    pub form: String,
    pub title: String,
    /// The table it was read from (an index into the report's tables).
    pub table: usize,
    /// From its first header to the end of its last block.
    pub span: Span,
    /// What its cells state.
    pub facts: Facts,
    /// Every cell that became a fact or a field, and what it became.
    pub cells: Vec<CellUse>,
    /// Each block as rebuilt: columns, rows and what stands in each cell.
    pub grids: Vec<Grid>,
    /// What was seen but not read, and why.
    pub notes: Vec<String>,
}

/// A cell and the fact (`budget.adjusted`) or field (`indicators[3].weight`)
/// it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellUse {
    pub span: Span,
    pub target: String,
}

/// What the forms of a pack say in a report's tables.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    /// Every copy of a form read, in table order.
    pub readings: Vec<Reading>,
    /// Rows of a form seen but not read, since no header placed them.
    pub declined: Vec<Declined>,
}

/// Every copy of every form of `pack` in `report`'s tables, in table order.
pub fn read(pack: &Pack, report: &Report) -> Forms {
    let mut readings = Vec::new();
    let mut declined = Vec::new();
    for (index, table) in report.tables.iter().enumerate() {
        let mut found: Vec<unplaced::Found<'_>> = Vec::new();
        for form in pack.forms.values() {
            let prefixes = group_labels(form);
            let rows = row_labels(form);
            let tokens = tokens::tokens(table, &prefixes, &rows);
            let joins = table.layout == Layout::Flat;
            let mut blocks = block::read(form, &tokens, joins);
            if scrambled::one_cell_a_line(table) {
                blocks.iter_mut().for_each(|reading| scrambled::drop_ungrouped(form, reading));
            }
            found.push((form, tokens, blocks));
        }
        let context = context(report, table);
        let named: Vec<bool> = found.iter().map(|(form, _, _)| names(form, &context)).collect();
        claim(&mut found, &named);
        declined.extend(unplaced::declined(&found, &ranked(&found, &named), index, table.layout == Layout::Flat));
        for (form, tokens, blocks) in &found {
            for copy in copies(blocks.clone()) {
                let (Some(first), Some(last)) = (copy.first(), copy.last()) else { continue };
                let blocks = first.block..last.block.saturating_add(1);
                let reading = facts::reading(pack, form, index, tokens, &copy);
                match readings.last_mut() {
                    Some((before, before_blocks)) if continues(before, before_blocks, &reading, &blocks) => {
                        before.absorb(reading);
                        before_blocks.end = blocks.end;
                    }
                    _ => readings.push((reading, blocks)),
                }
            }
        }
    }
    Forms { readings: readings.into_iter().map(|(reading, _)| reading).collect(), declined }
}

/// A form broken across two tables — its budget block in one, its
/// indicators in the next, the 年度总体目标 text between them read as
/// prose — is one copy: the next table goes on where the first stopped.
fn continues(before: &Reading, before_blocks: &Range<usize>, next: &Reading, blocks: &Range<usize>) -> bool {
    before.form == next.form
        && next.table == before.table.saturating_add(1)
        && before_blocks.end <= blocks.start
        && next.facts.collections.keys().all(|name| !before.facts.collections.contains_key(name))
}

impl Reading {
    /// Takes in the blocks of the same copy read from the next table.
    fn absorb(&mut self, next: Reading) {
        self.span = Span::new(self.span.start, next.span.end.max(self.span.start));
        for (name, mentions) in next.facts.values {
            self.facts.values.entry(name).or_default().extend(mentions);
        }
        for (name, items) in next.facts.collections {
            // `continues` saw that the collections differ: no item index moves.
            self.facts.collections.entry(name).or_default().extend(items);
        }
        self.facts.incomplete.extend(next.facts.incomplete);
        self.cells.extend(next.cells);
        self.grids.extend(next.grids);
        self.notes.extend(next.notes);
    }
}

/// Part of a table read by two forms (an indicator table of 一级 二级 三级
/// 分值 得分 fits both the project form and an evaluation framework) belongs
/// to the form whose header names more of its columns; between blocks
/// alike (the 部门整体 and the project form share theirs), to the form
/// `named` in or before the table; else to the form declared first.
fn claim(found: &mut [unplaced::Found<'_>], named: &[bool]) {
    let rank = |form: usize, columns: usize| (columns, precedence(found, named, form));
    let readings: Vec<(usize, Range<usize>, usize)> = found
        .iter()
        .enumerate()
        .flat_map(|(form, (_, _, blocks))| {
            blocks.iter().map(move |block| (form, block.tokens.clone(), block.header.columns.len()))
        })
        .collect();
    let ranks: Vec<_> = readings.iter().map(|(form, _, columns)| rank(*form, *columns)).collect();
    let mut kept = readings.iter().zip(&ranks).map(|((form, mine, _), my_rank)| {
        !readings.iter().zip(&ranks).any(|((other, theirs, _), their_rank)| {
            other != form && mine.start < theirs.end && theirs.start < mine.end && their_rank > my_rank
        })
    });
    for (_, _, blocks) in found.iter_mut() {
        blocks.retain(|_| kept.next().unwrap_or(true));
    }
}

/// The forms of `found`, the one a table belongs to first: as [`claim`]
/// ranks two forms with the same columns, the form `named` in or before the
/// table, then the one declared first.
fn ranked(found: &[unplaced::Found<'_>], named: &[bool]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|form| std::cmp::Reverse(precedence(found, named, *form)));
    order
}

/// Which of two forms a table belongs to when their readings are alike:
/// the greater is the form `named` in or before it, then the one declared
/// first.
fn precedence<'f>(
    found: &[unplaced::Found<'f>],
    named: &[bool],
    form: usize,
) -> (bool, Reverse<Option<(&'f str, usize)>>) {
    let declared = found.get(form).map(|(form, _, _)| (form.origin.file.as_str(), form.origin.line));
    (named.get(form).copied().unwrap_or(false), Reverse(declared))
}

/// What may name a table's form: the table's first rows and the two
/// paragraphs before it (`附表：部门整体支出绩效自评表`), as label keys.
fn context(report: &Report, table: &crate::report::Table) -> String {
    /// A title stands just before its table, not pages away.
    const NEAR: usize = 400;
    let before = report
        .paragraphs
        .iter()
        .rev()
        .filter(|paragraph| {
            paragraph.span.end <= table.span.start && table.span.start.saturating_sub(paragraph.span.end) <= NEAR
        })
        .take(2)
        .filter_map(|paragraph| report.flow.get(paragraph.flow.clone()));
    let first_rows = table.rows.iter().take(3).flat_map(|row| &row.cells).map(|cell| cell.text.as_str());
    before.chain(first_rows).map(labels::key).collect()
}

/// Whether one of the form's names stands in `context`.
fn names(form: &Form, context: &str) -> bool {
    form.names.iter().any(|name| context.contains(name.key.as_str()))
}

/// Groups a table's block readings into copies of the form.
fn copies(blocks: Vec<block::BlockReading>) -> Vec<Vec<block::BlockReading>> {
    let mut copies: Vec<Vec<block::BlockReading>> = Vec::new();
    for reading in blocks {
        let continues = copies.last().and_then(|copy| copy.last()).is_some_and(|last| last.block < reading.block);
        match copies.last_mut() {
            Some(copy) if continues => copy.push(reading),
            _ => copies.push(vec![reading]),
        }
    }
    copies
}

/// The labels of a form's labelled rows, as keys.
fn row_labels(form: &Form) -> Vec<String> {
    form.blocks
        .iter()
        .flat_map(|block| &block.rows)
        .flat_map(|row| row.labels.iter().map(|label| label.key.clone()))
        .collect()
}

/// The group labels of a form's item blocks, longest first, as written.
fn group_labels(form: &Form) -> Vec<String> {
    let mut labels: Vec<String> = form
        .blocks
        .iter()
        .filter_map(|block| block.items.as_ref())
        .flat_map(|items| items.groups.iter().flat_map(|(_, labels)| labels.iter().map(|label| label.key.clone())))
        .collect();
    labels.sort_by_key(|label| std::cmp::Reverse(label.len()));
    labels.dedup();
    labels
}
