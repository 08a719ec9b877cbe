//! A block's unlabelled rows → items (the indicators), under the group
//! labels they stand in (一级指标, 二级指标), and the groups that state a
//! share (`产出指标(50分)`) with the rows under them as parts.
//!
//! A group label carries down to every row below it until the next label of
//! its level: in a grid, merged cells leave the rows below without one; in a
//! flattening the label is written once. In a grid, each grid row is a row.
//! In a flattening a row starts at a group label or at a name (text), and
//! takes the values after it as long as they can still be placed; text
//! after a row that is already complete starts a new row only if a
//! complete row can follow from it, and is the row's last text cell (its
//! 偏差原因) otherwise. Where the header names a 序号, a row starts only at
//! its number.
//!
//! [`groups`] says which label is which level and keeps the shares;
//! [`flat`] and [`grid`] read the rows.

use std::ops::Range;

use rust_decimal::Decimal;

use super::align::Slot;
use super::block::{CellReading, slots};
use super::header::Header;
use super::tokens::Token;
use crate::rules::form::{Block, Items};

#[derive(Debug, Clone)]
pub struct ItemReading {
    /// The group label each group column carries for it (its first token
    /// and its text), outermost first.
    pub groups: Vec<Option<(usize, String)>>,
    /// The token of its name.
    pub name: usize,
    pub cells: Vec<CellReading>,
    /// Its first and last token.
    pub tokens: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct GroupReading {
    /// The token of its label.
    pub label: usize,
    pub share: Decimal,
    pub parts: Vec<Part>,
    /// Every part was seen: the table did not break off inside the group.
    pub complete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// An item (index into the items).
    Item(usize),
    /// A group with a share of its own (index into the groups).
    Group(usize),
}

#[derive(Debug, Default)]
pub struct Found {
    pub items: Vec<ItemReading>,
    pub groups: Vec<GroupReading>,
    /// Every group of the outermost level was seen, or the list ended.
    pub groups_complete: bool,
    pub notes: Vec<String>,
}

/// Reads the items in `body`; `ended` says the list ended where the form
/// says (a total row, a closing label, the end of a grid).
pub fn read(block: &Block, items: &Items, header: &Header, tokens: &[Token], body: Range<usize>, ended: bool) -> Found {
    let Some(name) = block.column("name") else { return Found::default() };
    let group_columns: Vec<usize> = items.groups.iter().map(|(column, _)| *column).collect();
    // A 序号 the header names numbers the rows; it is no value of theirs.
    let numbered = block.column("index").filter(|index| header.columns.iter().any(|(column, _)| column == index));
    let value_columns: Vec<usize> = header
        .columns
        .iter()
        .map(|(column, _)| *column)
        .filter(|column| *column != name && !group_columns.contains(column) && Some(*column) != numbered)
        .collect();
    let fills: Vec<usize> = value_columns.clone();
    let required: Vec<usize> = items.required.iter().copied().filter(|column| *column != name).collect();
    let all_slots = slots(block, header, &fills, &required);
    let header_columns: Vec<usize> = header.columns.iter().map(|(column, _)| *column).collect();
    let item_slots: Vec<(usize, Slot)> = header_columns
        .iter()
        .zip(all_slots)
        .filter(|(column, _)| value_columns.contains(column))
        .map(|(column, slot)| (*column, slot))
        .collect();
    let mut reader = Reader {
        ended,
        items,
        tokens,
        name,
        slots: item_slots,
        header,
        found: Found::default(),
        carry: vec![None; items.groups.len()],
        open: vec![None; items.groups.len()],
        seen_outer: Vec::new(),
        next_number: numbered.map(|_| 1),
    };
    if tokens.get(body.start).is_some_and(|token| token.grid.is_some()) {
        reader.grid(body);
    } else {
        reader.flat(body);
    }
    reader.close_from(0, ended);
    let outer_known = items.groups.first().map(|(_, labels)| labels.as_slice()).unwrap_or_default();
    let all_seen = !outer_known.is_empty() && outer_known.iter().all(|label| reader.seen_outer.contains(&label.key));
    reader.found.groups_complete = ended || all_seen;
    reader.found
}

struct Reader<'a> {
    /// The list ended where the form says: its last row is whole.
    ended: bool,
    items: &'a Items,
    tokens: &'a [Token],
    name: usize,
    /// The columns a row's values stand in (after the name), with their slots.
    slots: Vec<(usize, Slot)>,
    header: &'a Header,
    found: Found,
    /// The label each group column carries down (first token, text).
    carry: Vec<Option<(usize, String)>>,
    /// The open group with a share at each level (index into found.groups).
    open: Vec<Option<usize>>,
    /// Keys of the outermost groups seen.
    seen_outer: Vec<String>,
    /// Where the header names a 序号 column: the number the next row starts
    /// with in a flattening.
    next_number: Option<u64>,
}

/// A row being read in a flattening: its name token and value tokens.
struct Draft {
    groups: Vec<Option<(usize, String)>>,
    name: usize,
    values: Vec<usize>,
}

mod flat;
mod grid;
mod groups;

impl Reader<'_> {
    fn slots(&self) -> Vec<Slot> {
        self.slots.iter().map(|(_, slot)| *slot).collect()
    }

    fn push_item(&mut self, item: ItemReading) {
        let index = self.found.items.len();
        self.found.items.push(item);
        if let Some(group) = self.innermost_open().and_then(|group| self.found.groups.get_mut(group)) {
            group.parts.push(Part::Item(index));
        }
    }

    fn refs(&self, values: &[usize]) -> Vec<&Token> {
        values.iter().filter_map(|&index| self.tokens.get(index)).collect()
    }
}
