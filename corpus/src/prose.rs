//! prose: the narrative between the figures, built from sentence templates.
//!
//! Input: a random stream and how a unit names itself. Output: sentences
//! and paragraphs about work topics. The prose holds no budget figure and
//! none of the label phrases the rule packs match (预算执行率, 实际支出资金,
//! 占总支出的 …), so it can be added in any amount without changing what a
//! report states; it only makes the report as long as asked.

use crate::random::Random;
use crate::vocabulary::{ACTIONS, MEASURES, OBJECTS, OUTCOMES, PROBLEMS, TOPICS};

pub fn sentence(random: &mut Random, own: &str) -> String {
    let topic = random.pick(TOPICS);
    let action = random.pick(ACTIONS);
    let object = random.pick(OBJECTS);
    let outcome = random.pick(OUTCOMES);
    match random.index(12) {
        0 => format!("{own}围绕{topic}，{action}{object}，{outcome}。"),
        1 => format!("年内{own}将{topic}列入重点任务，按月调度、按季通报，{outcome}。"),
        2 => format!("针对{topic}中发现的薄弱环节，{own}{action}{object}，明确责任人和完成时限。"),
        3 => format!("{own}坚持问题导向，把{topic}与日常业务结合起来，{outcome}。"),
        4 => format!("通过{action}{object}，{topic}的基础资料更加完整，为后续工作提供了依据。"),
        5 => {
            format!("全年召开{topic}专题会议{}次，研究解决具体问题{}个。", random.between(2, 12), random.between(3, 40))
        }
        6 => format!("{own}安排专人负责{topic}，做到工作有计划、过程有记录、结果有反馈。"),
        7 => format!("在{topic}方面，{own}{action}{object}{}项，{outcome}。", random.between(2, 9)),
        8 => format!("各科室按照分工协作的要求，共同推进{topic}，{outcome}。"),
        9 => format!("{topic}工作纳入科室年度考核，考核结果与评先评优挂钩。"),
        10 => format!("对照年初计划，{topic}各项任务均已落实，未发现重大问题。"),
        _ => format!("{own}定期听取{topic}进展汇报，及时协调解决推进中的困难。"),
    }
}

/// Sentences until the paragraph reaches about `length` bytes (at least one).
pub fn paragraph(random: &mut Random, own: &str, length: usize) -> String {
    let mut text = sentence(random, own);
    while text.len() < length {
        text.push_str(&sentence(random, own));
    }
    text
}

/// A short title for a numbered work item: `完善内部控制监督机制`.
pub fn work_title(random: &mut Random) -> String {
    format!("{}{}{}", random.pick(ACTIONS), random.pick(TOPICS), random.pick(OBJECTS))
}

pub fn problem(random: &mut Random) -> String {
    format!("{}。", random.pick(PROBLEMS))
}

pub fn measure(random: &mut Random) -> String {
    format!("{}。", random.pick(MEASURES))
}

/// A sentence that writes one figure with two units (`86.5%万元`), the slip
/// the `unit-clash` check exists for.
pub fn unit_clash(random: &mut Random, own: &str) -> String {
    let topic = random.pick(TOPICS);
    format!(
        "{own}{topic}相关事项的网上办理比例为 {}.{}%万元，较上年有所提高。",
        random.between(60, 98),
        random.between(1, 9)
    )
}

/// Breaks a paragraph across a page, as text extracted from PDF does: at a
/// comma, before a character that cannot start a numbered heading.
pub fn page_break(random: &mut Random, text: &str) -> String {
    let breaks: Vec<usize> = text
        .match_indices('，')
        .map(|(at, comma)| at + comma.len())
        .filter(|&at| text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(|next| !starts_numbering(next)))
        .collect();
    if breaks.is_empty() {
        return text.to_string();
    }
    let at = random.pick(&breaks);
    let Some((before, after)) = text.split_at_checked(at) else { return text.to_string() };
    format!("{before}\n\n{after}")
}

fn starts_numbering(character: char) -> bool {
    character.is_ascii_digit()
        || "（(一二三四五六七八九十".contains(character)
        || ('\u{2460}'..='\u{2473}').contains(&character)
}

#[cfg(test)]
mod tests {
    use super::{page_break, paragraph};
    use crate::random::Random;

    #[test]
    fn prose_holds_no_label_the_packs_match() {
        let mut random = Random::new(3);
        let text = paragraph(&mut random, "本单位", 20_000);
        for label in ["预算执行率", "实际支出", "占总支出", "预算数", "综合得分", "三级指标", "指标①"]
        {
            assert!(!text.contains(label), "{label}");
        }
        // `2023年度` would be read as the report's year.
        assert!(
            text.match_indices("年度")
                .all(|(at, _)| !text.get(..at).unwrap_or_default().ends_with(|last: char| last.is_ascii_digit()))
        );
    }

    #[test]
    fn page_breaks_keep_the_text() {
        let mut random = Random::new(5);
        let text = paragraph(&mut random, "本单位", 400);
        let broken = page_break(&mut random, &text);
        assert_eq!(broken.replace("\n\n", ""), text);
    }
}
