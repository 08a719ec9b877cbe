//! "Did you mean …?" for mistyped names: 您是否想写 `…`？

/// The candidate closest to `name` by edit distance (counted in
/// characters), when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(name, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// The help line for a mistyped name: 您是否想写 `budget.adjusted`？ (with
/// `before` and `after` around the name, e.g. `it.` or `{`…`}`).
pub fn did_you_mean_help<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(name, candidates).map(ask)
}

/// 您是否想写 `suggestion`？
pub fn ask(suggestion: &str) -> String {
    format!("您是否想写 `{suggestion}`？")
}

fn distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = Vec::with_capacity(previous.len());
        current.push(i.saturating_add(1));
        // `diagonal` and `above` are the previous row's cells j and j + 1;
        // the last cell of `current` is cell j of this row.
        for (right_char, pair) in right.iter().zip(previous.windows(2)) {
            let [diagonal, above] = pair else { continue };
            let beside = current.last().copied().unwrap_or_default();
            let substitution = diagonal.saturating_add(usize::from(left_char != *right_char));
            current.push(substitution.min(above.saturating_add(1)).min(beside.saturating_add(1)));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["budget.adjusted", "budget.initial", "basic.spent"];
        assert_eq!(did_you_mean("budget.ajusted", names), Some("budget.adjusted"));
        assert_eq!(did_you_mean("procurement.rate", names), None);
    }
}
