//! Which pack fits a report.
//!
//! A pack lists texts that identify its reports (a region's name, a
//! template's title). The pack whose texts occur most in the report's head
//! wins; between equals, the more specific (deeper) pack. A report that no
//! pack claims gets the base pack, and the caller says so: of the packs
//! without parents, the one most packs extend (`national`), so that a
//! standalone pack added from a folder never becomes every report's
//! fallback by the order of its id.

use super::{Pack, RuleSet};

/// How much of a report's start is read for identifying text: the unit
/// name and title stand on the first page.
const HEAD_BYTES: usize = 4096;

/// The pack chosen for a report.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub pack: &'a Pack,
    /// False when no pack's identifying text was found and the fallback
    /// (the pack without parents) was used.
    pub detected: bool,
}

impl RuleSet {
    /// Picks the pack for a report text. `None` only when the set is empty.
    pub fn select(&self, text: &str) -> Option<Selection<'_>> {
        let head = head(text);
        let best = self
            .packs
            .values()
            .map(|pack| (pack.detect.iter().filter(|needle| head.contains(needle.as_str())).count(), pack))
            .filter(|(hits, _)| *hits > 0)
            .max_by_key(|(hits, pack)| (*hits, pack.depth, std::cmp::Reverse(pack.id.clone())));
        if let Some((_, pack)) = best {
            return Some(Selection { pack, detected: true });
        }
        let children =
            |id: &str| self.packs.values().filter(|pack| pack.extends.iter().any(|parent| parent == id)).count();
        let fallback = self
            .packs
            .values()
            .min_by_key(|pack| (pack.depth, std::cmp::Reverse(children(&pack.id)), pack.id.clone()))?;
        Some(Selection { pack: fallback, detected: false })
    }
}

fn head(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    // Stops: offset 0 is a boundary.
    while !text.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    text.get(..end).unwrap_or_default()
}
