//! Items of a flattening: a row starts at a group label, at a name, or
//! at its 序号, and takes the values after it while they can be placed.

use std::ops::Range;

use super::{Draft, ItemReading, Reader};
use crate::extract::forms::align::{Tail, align};
use crate::extract::forms::block::CellReading;
use crate::extract::forms::tokens::Token;

impl Reader<'_> {
    /// Rows of a flattening. Where the header names a 序号, a row starts
    /// only at its number: its first text after the number and the group
    /// labels is its name, and text that does not fit it is passed over,
    /// never taken for the start of another row.
    pub(super) fn flat(&mut self, body: Range<usize>) {
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
