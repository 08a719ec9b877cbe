//! compose::narrative: the prose regions that make a report as long as asked.
//!
//! Input: a region (its random stream and its share of the narrative bytes).
//! Output: paragraphs appended to the page: a fixed minimum, then more while
//! they fit in the region's budget, so a region ends at most one sentence
//! short of it. Each region draws from its own stream, so the text around
//! it does not depend on how much narrative is asked for.

use super::Writer;
use crate::prose;
use crate::random::Random;

impl Writer<'_> {
    /// Numbered narrative items: `minimum` of them, then more while they
    /// fit in this region's share of the narrative.
    pub(super) fn items(&mut self, region: (u64, i64), minimum: usize, title: impl Fn(&mut Random) -> String) {
        let mut random = Random::fork(self.layout.prose_seed, region.0);
        let own = self.layout.own;
        for number in 1..=minimum {
            let item = format!("{number}. {}{}", title(&mut random), prose::paragraph(&mut random, own, 120));
            self.page.paragraph(&item);
        }
        let mut budget = share(self.layout.narrative, region.1);
        let mut number = minimum;
        loop {
            let start = format!("{}. {}", number + 1, title(&mut random));
            let Some(item) = fill(&mut random, own, &start, budget) else { break };
            budget -= item.len() + 1;
            self.page.paragraph(&item);
            number += 1;
        }
    }

    /// Unnumbered narrative paragraphs (at least one).
    pub(super) fn paragraphs(&mut self, region: (u64, i64)) {
        let mut random = Random::fork(self.layout.prose_seed, region.0);
        let own = self.layout.own;
        self.page.paragraph(&prose::paragraph(&mut random, own, 150));
        let mut budget = share(self.layout.narrative, region.1);
        while let Some(paragraph) = fill(&mut random, own, "", budget) {
            budget -= paragraph.len() + 1;
            self.page.paragraph(&paragraph);
        }
    }
}

fn share(total: usize, per_mille: i64) -> usize {
    total.saturating_mul(per_mille as usize) / 1000
}

/// A paragraph of up to a few hundred bytes that fits in `budget` (with its
/// line end), or `None` when not even one sentence fits.
fn fill(random: &mut Random, own: &str, start: &str, budget: usize) -> Option<String> {
    let wanted = random.between(200, 900) as usize;
    let limit = wanted.min(budget.saturating_sub(1 + 2));
    let mut text = start.to_string();
    loop {
        let sentence = prose::sentence(random, own);
        if text.len() + sentence.len() > limit {
            break;
        }
        text.push_str(&sentence);
    }
    if text.len() == start.len() {
        return None;
    }
    // A page break adds two bytes, which the limit above leaves room for.
    Some(if random.chance(60) { prose::page_break(random, &text) } else { text })
}
