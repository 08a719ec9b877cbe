//! Group labels (一级指标, 二级指标) in a block's rows: which level a label
//! is, the label each group column carries down, and the groups that state
//! a share with the rows under them as parts.

use super::{GroupReading, Part, Reader};
use crate::extract::forms::labels;

impl Reader<'_> {
    /// The group level of a label at token `index`, its text and the
    /// tokens it takes: a known label of that level (also with a share or a
    /// trailing 等, or split over two cells: `经济效益` / `指标`), or any label
    /// with a share where the level knows no labels. A label known to two
    /// levels (满意度指标) is the inner one right after the outer one.
    pub(super) fn group_level(&self, index: usize) -> Option<(usize, String, usize)> {
        let token = self.tokens.get(index)?;
        if !token.is_text() {
            return None;
        }
        let known = |key: &str| self.levels_knowing(key);
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

    /// The label at `level` that the text cells `upper` and `lower` make
    /// when read as one: a grid may give the pieces of a label wrapped
    /// beside two rows to one row each (`服务对象` / `满意度指标`, where a
    /// text-only layout cannot tell a merged cell from one in each row).
    /// They are one label when joined they are a known label of that level
    /// and the upper piece alone is no known label at all: a cell that is a
    /// label of its own is never taken apart from its row.
    pub(super) fn split_label(&self, level: usize, upper: usize, lower: usize) -> Option<String> {
        let (upper, lower) = (self.tokens.get(upper)?, self.tokens.get(lower)?);
        if !self.levels_knowing(&upper.key).is_empty() || labels::share(&upper.text).is_some() {
            return None;
        }
        let joined = format!("{}{}", upper.key, lower.key);
        self.levels_knowing(&joined).contains(&level).then_some(joined)
    }

    /// The levels whose known labels include `key` (a trailing 等 or 类
    /// aside).
    pub(super) fn levels_knowing(&self, key: &str) -> Vec<usize> {
        let key = key.trim_end_matches(['等', '类']);
        self.items
            .groups
            .iter()
            .enumerate()
            .filter(|(_, (_, known))| known.iter().any(|label| label.key == key))
            .map(|(level, _)| level)
            .collect()
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

    /// A group label at `level`: it carries down, closes the groups at its
    /// level and inside, and opens one if it states a share.
    pub(super) fn enter_group(&mut self, level: usize, index: usize, text: String) {
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
    pub(super) fn close_from(&mut self, level: usize, complete: bool) {
        for slot in self.open.iter_mut().skip(level) {
            if let Some(group) = slot.take() {
                if let Some(group) = self.found.groups.get_mut(group) {
                    group.complete = complete;
                }
            }
        }
    }

    pub(super) fn innermost_open(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|group| *group)
    }
}
