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
//! 偏差原因) otherwise.

use std::ops::Range;

use rust_decimal::Decimal;

use super::align::{Slot, Tail, align};
use super::block::{CellReading, slots};
use super::header::Header;
use super::labels;
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
    let all_seen = !outer_known.is_empty()
        && outer_known.iter().all(|label| reader.seen_outer.iter().any(|seen| *seen == labels::key(label)));
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

impl Reader<'_> {
    fn slots(&self) -> Vec<Slot> {
        self.slots.iter().map(|(_, slot)| *slot).collect()
    }

    /// The group level of a label at token `index`, its text and the
    /// tokens it takes: a known label of that level (also with a share or a
    /// trailing 等, or split over two cells: `经济效益` / `指标`), or any label
    /// with a share where the level knows no labels. A label known to two
    /// levels (满意度指标) is the inner one right after the outer one.
    fn group_level(&self, index: usize) -> Option<(usize, String, usize)> {
        let token = self.tokens.get(index)?;
        if !token.is_text() {
            return None;
        }
        let known = |key: &str| -> Vec<usize> {
            let key = key.trim_end_matches(['等', '类']);
            self.items
                .groups
                .iter()
                .enumerate()
                .filter(|(_, (_, known))| known.iter().any(|label| labels::key(label) == key))
                .map(|(level, _)| level)
                .collect()
        };
        let mut found = (known(&token.key), token.key.clone(), 1);
        if found.0.is_empty() {
            if let Some(next) = self.tokens.get(index.saturating_add(1)).filter(|next| next.is_text()) {
                let joined = format!("{}{}", token.key, next.key);
                found = (known(&joined), joined, 2);
            }
        }
        if found.0.is_empty() && labels::share(&token.text).is_some() {
            let level = self.unnamed_level(index)?;
            return Some((level, token.key.clone(), 1));
        }
        let (levels, text, length) = found;
        let level = match levels.as_slice() {
            [] => return None,
            [level] => *level,
            [outer, .., inner] => {
                // Right after a label of the outer level, the inner one.
                let after_outer = index.checked_sub(1).is_some_and(|before| {
                    self.carry.get(*outer).and_then(Option::as_ref).is_some_and(|(at, _)| *at == before)
                });
                if after_outer { *inner } else { *outer }
            }
        };
        Some((level, text, length))
    }

    /// The level of a label with a share where the form knows no labels
    /// (an evaluation framework: `规划(15分)`, `基础信息(3分)`). Merged group
    /// cells drop out of a flattened row from the left, so the labels a row
    /// starts with are the innermost levels; and a row whose labels are all
    /// it has (`相关性(5分)`, then blanks) ends in its name, which is no group.
    fn unnamed_level(&self, index: usize) -> Option<usize> {
        let levels: Vec<usize> = self
            .items
            .groups
            .iter()
            .enumerate()
            .filter(|(_, (_, known))| known.is_empty())
            .map(|(level, _)| level)
            .collect();
        let is_share = |at: usize| {
            self.tokens.get(at).is_some_and(|token| token.is_text() && labels::share(&token.text).is_some())
        };
        let mut start = index;
        while start.checked_sub(1).is_some_and(is_share) {
            start = start.saturating_sub(1);
        }
        let mut end = index.saturating_add(1);
        while is_share(end) {
            end = end.saturating_add(1);
        }
        let named = self.tokens.get(end).is_some_and(|token| token.is_text());
        let groups = if named { end.saturating_sub(start) } else { end.saturating_sub(start).saturating_sub(1) };
        let position = index.saturating_sub(start);
        if position >= groups {
            return None;
        }
        let first = levels.len().saturating_sub(groups);
        levels.get(first.saturating_add(position)).copied()
    }

    /// Rows of a flattening. Where the header names a 序号, a row starts
    /// only at its number: its first text after the number and the group
    /// labels is its name, and text that does not fit it is passed over,
    /// never taken for the start of another row.
    fn flat(&mut self, body: Range<usize>) {
        let numbered = self.next_number.is_some();
        let mut current: Option<Draft> = None;
        let mut awaiting_name = !numbered;
        let mut index = body.start;
        while index < body.end {
            let Some(token) = self.tokens.get(index) else { break };
            let row_done = current.as_ref().is_none_or(|draft| self.complete(&draft.values));
            if row_done && self.numbers_row(index, body.end) {
                self.finish(current.take());
                self.next_number = self.next_number.map(|number| number.saturating_add(1));
                awaiting_name = true;
                index = index.saturating_add(1);
                continue;
            }
            // In a numbered row, group labels stand before its name: a
            // `(3分)` after it is a note in its 评分标准.
            let group = if numbered && current.is_some() { None } else { self.group_level(index) };
            if let Some((level, text, length)) = group {
                self.finish(current.take());
                self.enter_group(level, index, text);
                index = index.saturating_add(length);
                continue;
            }
            index = index.saturating_add(1);
            let index = index.saturating_sub(1);
            let Some(draft) = current.as_mut() else {
                if token.is_text() && (awaiting_name || !numbered) {
                    current = Some(Draft { groups: self.carry.clone(), name: index, values: Vec::new() });
                    awaiting_name = false;
                }
                continue;
            };
            let starts_row =
                !numbered && token.is_text() && self.complete(&draft.values) && self.row_follows(index, body.end);
            let mut extended = draft.values.clone();
            extended.push(index);
            if !starts_row && self.fits(&extended) {
                draft.values = extended;
                continue;
            }
            self.finish(current.take());
            if token.is_text() && !numbered {
                current = Some(Draft { groups: self.carry.clone(), name: index, values: Vec::new() });
            }
        }
        match current {
            // Where the text breaks off, the last row may be cut short too.
            Some(draft) if !self.ended => {
                let name = self.tokens.get(draft.name).map(|token| token.text.clone()).unwrap_or_default();
                self.found.notes.push(format!("指标“{name}”一行在表格中断处，可能不完整，未读取"));
            }
            current => self.finish(current),
        }
    }

    fn grid(&mut self, body: Range<usize>) {
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        for index in body {
            let Some(place) = self.tokens.get(index).and_then(|token| token.grid) else { continue };
            match rows.last_mut() {
                Some((row, members)) if *row == place.row => members.push(index),
                _ => rows.push((place.row, vec![index])),
            }
        }
        let column_of = |index: usize| -> Option<usize> {
            let place = self.tokens.get(index)?.grid?;
            self.header
                .columns
                .iter()
                .find(|(_, range)| range.as_ref().is_some_and(|range| range.contains(&place.column)))
                .map(|(column, _)| *column)
        };
        for (_, members) in rows {
            for (level, (column, _)) in self.items.groups.iter().enumerate() {
                let label = members.iter().copied().find(|&index| {
                    column_of(index) == Some(*column) && self.tokens.get(index).is_some_and(|token| token.is_text())
                });
                if let Some(label) = label {
                    let text = self.tokens.get(label).map(|token| token.key.clone()).unwrap_or_default();
                    self.enter_group(level, label, text);
                }
            }
            let Some(name) = members.iter().copied().find(|&index| {
                column_of(index) == Some(self.name) && self.tokens.get(index).is_some_and(|token| token.is_text())
            }) else {
                continue;
            };
            let cells: Vec<CellReading> = self
                .slots
                .iter()
                .map(|(column, _)| {
                    let token = members.iter().copied().find(|&index| {
                        column_of(index) == Some(*column) && self.tokens.get(index).is_some_and(|token| !token.blank)
                    });
                    CellReading { column: *column, token }
                })
                .collect();
            let first = members.first().copied().unwrap_or(name);
            let last = members.last().copied().unwrap_or(name);
            let required_met =
                self.slots.iter().zip(&cells).all(|((_, slot), cell)| !slot.required || cell.token.is_some());
            if required_met {
                self.push_item(ItemReading {
                    groups: self.carry.clone(),
                    name,
                    cells,
                    tokens: first..last.saturating_add(1),
                });
            }
        }
    }

    /// The token at `index`, after a complete row, is the 序号 the next row
    /// starts with: the number due, followed by a label or a name. A row's
    /// last value may be that number too (`… 3 | 3 | 年度工作计划明确性`):
    /// then the second one is.
    fn numbers_row(&self, index: usize, end: usize) -> bool {
        let Some(due) = self.next_number else { return false };
        let is_due = |at: usize| {
            self.tokens.get(at).and_then(|token| token.number.as_ref()).is_some_and(|number| {
                number.relation.is_none() && number.unit == crate::report::Unit::None && number.value == due.into()
            })
        };
        if !is_due(index) {
            return false;
        }
        let next = (index.saturating_add(1)..end).find(|&at| self.tokens.get(at).is_some_and(|token| !token.blank));
        next.is_some_and(|next| !is_due(next) && self.tokens.get(next).is_some_and(Token::is_text))
    }

    /// A group label at `level`: it carries down, closes the groups at its
    /// level and inside, and opens one if it states a share.
    fn enter_group(&mut self, level: usize, index: usize, text: String) {
        self.close_from(level, true);
        if let Some(slot) = self.carry.get_mut(level) {
            *slot = Some((index, text));
        }
        for inner in self.carry.iter_mut().skip(level.saturating_add(1)) {
            *inner = None;
        }
        let Some(token) = self.tokens.get(index) else { return };
        if level == 0 {
            self.seen_outer.push(token.key.trim_end_matches(['等', '类']).to_string());
        }
        let Some((_, share)) = labels::share(&token.text) else { return };
        let group = self.found.groups.len();
        self.found.groups.push(GroupReading { label: index, share, parts: Vec::new(), complete: false });
        if let Some(parent) = self.innermost_open() {
            if let Some(parent) = self.found.groups.get_mut(parent) {
                parent.parts.push(Part::Group(group));
            }
        }
        if let Some(slot) = self.open.get_mut(level) {
            *slot = Some(group);
        }
    }

    /// Closes the open groups at `level` and inside.
    fn close_from(&mut self, level: usize, complete: bool) {
        for slot in self.open.iter_mut().skip(level) {
            if let Some(group) = slot.take() {
                if let Some(group) = self.found.groups.get_mut(group) {
                    group.complete = complete;
                }
            }
        }
    }

    fn innermost_open(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|group| *group)
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

    /// The values can still be placed (required columns may come later).
    fn fits(&self, values: &[usize]) -> bool {
        let mut slots = self.slots();
        slots.iter_mut().for_each(|slot| slot.required = false);
        align(&self.refs(values), &slots, Tail::Blanks).is_some()
    }

    /// The values make a complete row.
    fn complete(&self, values: &[usize]) -> bool {
        align(&self.refs(values), &self.slots(), Tail::Blanks).is_some()
    }

    /// A complete row can be read with the token at `name` as its name.
    fn row_follows(&self, name: usize, end: usize) -> bool {
        let most = self.slots.len().saturating_add(2);
        let mut values = Vec::new();
        for index in name.saturating_add(1)..end.min(name.saturating_add(1).saturating_add(most)) {
            if self.group_level(index).is_some() {
                break;
            }
            values.push(index);
            if self.complete(&values) {
                return true;
            }
        }
        false
    }

    fn finish(&mut self, draft: Option<Draft>) {
        let Some(draft) = draft else { return };
        let values = self.refs(&draft.values);
        if values.iter().all(|token| token.blank) {
            // A row of the form left as printed (指标2, all blank).
            return;
        }
        let name = self.tokens.get(draft.name).map(|token| token.text.clone()).unwrap_or_default();
        let Some(placement) = align(&values, &self.slots(), Tail::Blanks) else {
            self.found.notes.push(format!("指标“{name}”一行的数字与栏目对不上，未读取"));
            return;
        };
        let cells = placement
            .values
            .iter()
            .enumerate()
            .filter(|(slot, _)| !placement.unread.contains(slot))
            .filter_map(|(slot, token)| {
                let (column, _) = self.slots.get(slot)?;
                Some(CellReading { column: *column, token: token.and_then(|token| draft.values.get(token).copied()) })
            })
            .collect();
        if !placement.unread.is_empty() {
            self.found.notes.push(format!("指标“{name}”一行的数字少于栏目，部分数字未读取"));
        }
        let last = draft.values.last().copied().unwrap_or(draft.name);
        self.push_item(ItemReading {
            groups: draft.groups,
            name: draft.name,
            cells,
            tokens: draft.name..last.saturating_add(1),
        });
    }
}
