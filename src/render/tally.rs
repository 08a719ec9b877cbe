//! tally: outcomes → the counts of a run's summary.
//!
//! `files` counts every input, read or not; `failed` counts those that could
//! not be read. Finding counts are per severity and per rule id; the rule map
//! is sorted so that output is stable.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::Severity;
use crate::lint::FileOutcome;

/// The summary of a run. Serialised as the JSON `summary` object, so field
/// names are part of the JSON contract.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Tally<'a> {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub failed: usize,
    pub by_rule: BTreeMap<&'a str, usize>,
}

impl<'a> Tally<'a> {
    pub fn count(outcomes: &'a [FileOutcome]) -> Self {
        let mut tally = Tally { files: outcomes.len(), ..Tally::default() };
        for outcome in outcomes {
            match outcome {
                FileOutcome::Failed(_) => tally.failed += 1,
                FileOutcome::Linted(file) => {
                    for finding in &file.findings {
                        match finding.severity {
                            Severity::Error => tally.errors += 1,
                            Severity::Warning => tally.warnings += 1,
                            Severity::Info => tally.infos += 1,
                        }
                        *tally.by_rule.entry(finding.rule.as_str()).or_default() += 1;
                    }
                }
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn counts_every_input_and_every_finding() {
        let outcomes = fixture::outcomes();
        let tally = Tally::count(&outcomes);
        assert_eq!((tally.files, tally.failed), (3, 1));
        assert_eq!((tally.errors, tally.warnings, tally.infos), (1, 1, 1));
        let rules: Vec<_> = tally.by_rule.keys().copied().collect();
        assert_eq!(rules, ["budget-execution-rate", "indicator-table-missing", "training-count"]);
    }
}
