//! The recogniser on flow snippets: what one match of the pattern becomes.

use super::*;

/// Every mention the pattern finds in `flow`, as `relation value/decimals unit`.
fn mentions(flow: &str) -> Vec<String> {
    let Some(mention) = MENTION.as_ref() else { panic!("NUMBER_PATTERN does not compile") };
    mention
        .find_iter(flow)
        .filter_map(|found| parse_mention(found.as_str(), Span::new(found.start(), found.end())))
        .map(|number| {
            let relation = number.relation.map(|relation| format!("{relation:?} ")).unwrap_or_default();
            let unit = match &number.unit {
                Unit::Count(word) => word.clone(),
                unit => format!("{unit:?}"),
            };
            format!("{relation}{}/{} {unit}", number.value, number.decimals)
        })
        .collect()
}

#[test]
fn the_pattern_compiles_without_capture_groups() {
    let Some(mention) = MENTION.as_ref() else { panic!("NUMBER_PATTERN does not compile") };
    assert_eq!(mention.captures_len(), 1);
    assert!(WHOLE_MENTION.as_ref().is_some_and(|whole| whole.is_match("≥10次")));
}

#[test]
fn amounts_and_rates() {
    assert_eq!(
        mentions("预算数412.60万元,其中0万元;总额1,234.56元,约3亿元,执行率96.5%,得8.5分"),
        ["412.60/2 WanYuan", "0/0 WanYuan", "1234.56/2 Yuan", "3/0 YiYuan", "96.5/1 Percent", "8.5/1 Points"]
    );
}

#[test]
fn relations_directly_before_the_figure() {
    assert_eq!(
        mentions("≥130场,大于等于2%,不超过5次,<=100%,=100%,小于 3"),
        ["Ge 130/0 场", "Ge 2/0 Percent", "Le 5/0 次", "Le 100/0 Percent", "Eq 100/0 Percent", "3/0 None"]
    );
    assert_eq!(mentions("低于达到0.5%"), ["0.5/1 Percent"]);
}

#[test]
fn signs_and_decimals_as_written() {
    assert_eq!(mentions("调整率-46.07%,完成率100.00%"), ["-46.07/2 Percent", "100.00/2 Percent"]);
}

#[test]
fn scale_words_without_yuan_are_counts() {
    assert_eq!(mentions("办件16.3万件,其他资金0万,"), ["16.3/1 万件", "0/0 万"]);
}

#[test]
fn dates_are_counted_in_their_own_words() {
    assert_eq!(mentions("2024年3月25日"), ["2024/0 年", "3/0 月", "25/0 日"]);
}

#[test]
fn commas_group_thousands_only_in_threes() {
    assert_eq!(mentions("分别为1,2,3"), ["1/0 None", "2/0 None", "3/0 None"]);
    assert_eq!(mentions("2023 12"), ["2023/0 None", "12/0 None"]);
}

#[test]
fn oversized_figures_are_skipped() {
    assert_eq!(mentions("编号123456789012345678901234567890号"), Vec::<String>::new());
}
