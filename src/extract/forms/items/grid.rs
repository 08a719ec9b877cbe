//! Items of a grid: each grid row is a row, its cells placed by column.

use std::ops::Range;

use super::{ItemReading, Reader};
use crate::extract::forms::block::CellReading;

impl Reader<'_> {
    pub(super) fn grid(&mut self, body: Range<usize>) {
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
        let tokens = self.tokens;
        let text_in = |members: &[usize], column: usize| {
            members.iter().copied().find(|&index| {
                column_of(index) == Some(column) && tokens.get(index).is_some_and(|token| token.is_text())
            })
        };
        // Lower halves of labels split over two rows, already entered.
        let mut continued: Vec<usize> = Vec::new();
        for (at, (_, members)) in rows.iter().enumerate() {
            for (level, (column, _)) in self.items.groups.iter().enumerate() {
                let Some(label) = text_in(members, *column) else { continue };
                if continued.contains(&label) {
                    continue;
                }
                let below = rows.get(at.saturating_add(1)).and_then(|(_, next)| text_in(next, *column));
                let text = match below.and_then(|below| self.split_label(level, label, below)) {
                    Some(joined) => {
                        continued.extend(below);
                        joined
                    }
                    None => tokens.get(label).map(|token| token.key.clone()).unwrap_or_default(),
                };
                self.enter_group(level, label, text);
            }
            let Some(name) = text_in(members, self.name) else { continue };
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
}
