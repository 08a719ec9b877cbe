//! Comment ranges placed in `word/document.xml`: the marks inserted, and
//! a run cut in two where a figure starts or ends inside it.
//!
//! A cut copies the run's start tag and properties exactly, so both halves
//! look as the run did; inside a `w:t` the character data is cut between
//! two characters (a reference such as `&amp;` is one), and the second half
//! gets a copy of the `w:t` start tag. Where a figure starts at the start
//! of a run, or ends at its end, nothing is cut: the marks go beside it.
//!
//! Word drops white space at the ends of a `w:t` that does not say
//! `xml:space="preserve"`, and cutting `预算执行率 90%` before the figure
//! leaves a space at the end of the first half. So a copied `w:t` start
//! tag always says it, and where the first half would end in white space
//! under the original tag, the white space is cut off into a half of its
//! own: the author's text shows as it did.

use std::collections::BTreeMap;
use std::ops::Range;

use super::runs::{Run, Runs, Text};

/// Where a comment's range goes, and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Anchor {
    pub id: usize,
    /// Bytes of the XML from the first character of the figure to the end
    /// of its last.
    pub range: Range<usize>,
}

/// What is written at a place: a cut (if any) with marks in it.
#[derive(Debug, Default)]
struct Point<'a> {
    cut: Cut<'a>,
    /// Range ends with their reference runs, then range starts.
    ends: Vec<usize>,
    starts: Vec<usize>,
}

#[derive(Debug, Default, Clone, Copy)]
enum Cut<'a> {
    /// Between runs, or beside one: nothing to cut.
    #[default]
    None,
    /// Between two children of a run.
    Run(&'a Run),
    /// Inside the character data of a `w:t`.
    Text(&'a Run, &'a Text),
}

/// Whether a range can be marked: it starts and ends inside runs, in
/// that order.
pub(super) fn placeable(runs: &Runs, range: &Range<usize>) -> bool {
    match (locate(runs, range.start), locate(runs, range.end)) {
        (Some(start), Some(end)) => start.0 <= end.0,
        _ => false,
    }
}

/// The XML with each anchor's marks; an anchor that is not
/// [`placeable`] is left out.
pub(super) fn insert(xml: &str, runs: &Runs, anchors: &[Anchor], marks: &super::Marks) -> String {
    let mut points: BTreeMap<usize, Point> = BTreeMap::new();
    for anchor in anchors {
        let (Some(start), Some(end)) = (locate(runs, anchor.range.start), locate(runs, anchor.range.end)) else {
            continue;
        };
        if start.0 > end.0 {
            continue;
        }
        let point = points.entry(start.0).or_default();
        point.cut = start.1;
        point.starts.push(anchor.id);
        let point = points.entry(end.0).or_default();
        point.cut = end.1;
        point.ends.push(anchor.id);
    }
    keep_spaces(xml, &mut points);
    let mut output = String::with_capacity(xml.len().saturating_add(points.len().saturating_mul(200)));
    let mut copied = 0;
    for (offset, point) in &points {
        output.push_str(xml.get(copied..*offset).unwrap_or_default());
        copied = *offset;
        write_point(&mut output, xml, point, marks);
    }
    output.push_str(xml.get(copied..).unwrap_or_default());
    output
}

/// Where the marks for a range boundary at `offset` go, and what is cut
/// there; `None` outside any run.
fn locate(runs: &Runs, offset: usize) -> Option<(usize, Cut<'_>)> {
    let run = runs.run_at(offset)?;
    if let Some(text) = runs.text_at(offset).filter(|text| run.content.start <= text.start_tag.start) {
        if offset == text.content.start {
            return Some(beside(run, text.start_tag.start));
        }
        if offset == text.content.end {
            return Some(beside(run, text.end_tag.end));
        }
        return Some((offset, Cut::Text(run, text)));
    }
    Some(beside(run, offset))
}

/// A boundary between children of `run` at `offset`: before or after the
/// run when nothing of it is on one side.
fn beside(run: &Run, offset: usize) -> (usize, Cut<'_>) {
    if offset <= run.content.start {
        (run.start_tag.start, Cut::None)
    } else if offset >= run.content.end {
        (run.end, Cut::None)
    } else {
        (offset, Cut::Run(run))
    }
}

/// Adds a cut before the white space that would end the first half of a
/// `w:t` whose tag does not keep spaces.
fn keep_spaces<'a>(xml: &str, points: &mut BTreeMap<usize, Point<'a>>) {
    let mut extra = Vec::new();
    let mut last_text = None;
    for (offset, point) in points.iter() {
        let Cut::Text(run, text) = point.cut else {
            continue;
        };
        let first_in_text = last_text != Some(text.content.start);
        last_text = Some(text.content.start);
        if !first_in_text || keeps_spaces(xml, text) {
            continue;
        }
        let before = xml.get(text.content.start..*offset).unwrap_or_default();
        let trimmed = before.trim_end_matches([' ', '\t']);
        if !trimmed.is_empty() && trimmed.len() < before.len() {
            extra.push((text.content.start.saturating_add(trimmed.len()), Cut::Text(run, text)));
        }
    }
    for (offset, cut) in extra {
        points.entry(offset).or_insert_with(|| Point { cut, ..Point::default() });
    }
}

fn keeps_spaces(xml: &str, text: &Text) -> bool {
    xml.get(text.start_tag.clone()).is_some_and(|tag| tag.contains("xml:space"))
}

fn write_point(output: &mut String, xml: &str, point: &Point, marks: &super::Marks) {
    let run_head = |run: &Run| {
        let mut head = xml.get(run.start_tag.clone()).unwrap_or_default().to_string();
        if let Some(properties) = &run.properties {
            head.push_str(xml.get(properties.clone()).unwrap_or_default());
        }
        head
    };
    match point.cut {
        Cut::None => {}
        Cut::Run(run) => output.push_str(&format!("</{}>", run.name)),
        Cut::Text(run, text) => output.push_str(&format!("</{}></{}>", text.name, run.name)),
    }
    for id in &point.ends {
        output.push_str(&marks.range_end(*id));
    }
    for id in &point.starts {
        output.push_str(&marks.range_start(*id));
    }
    match point.cut {
        Cut::None => {}
        Cut::Run(run) => output.push_str(&run_head(run)),
        Cut::Text(run, text) => {
            output.push_str(&run_head(run));
            output.push_str(&spaces_kept(xml.get(text.start_tag.clone()).unwrap_or_default()));
        }
    }
}

/// A copy of a `w:t` start tag that keeps white space.
fn spaces_kept(tag: &str) -> String {
    if tag.contains("xml:space") {
        return tag.to_string();
    }
    match tag.strip_suffix('>') {
        Some(head) => format!(r#"{head} xml:space="preserve">"#),
        None => tag.to_string(),
    }
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design"
)]
mod tests {
    use super::*;
    use crate::annotate::markup::Styles;

    const NAMESPACE: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn commented(body: &str, figures: &[(&str, usize)]) -> String {
        let xml = format!("<w:document {NAMESPACE}><w:body>{body}</w:body></w:document>");
        let runs = Runs::index(&xml).unwrap();
        let anchors: Vec<Anchor> = figures
            .iter()
            .enumerate()
            .map(|(id, (figure, nth))| {
                let start = xml.match_indices(figure).nth(*nth).unwrap().0;
                Anchor { id, range: start..start + figure.len() }
            })
            .collect();
        let marks = super::super::Marks { prefix: "w", styles: Styles::default() };
        assert!(anchors.iter().all(|anchor| placeable(&runs, &anchor.range)));
        let output = insert(&xml, &runs, &anchors, &marks);
        let body = output.strip_prefix(&format!("<w:document {NAMESPACE}><w:body>")).unwrap();
        body.strip_suffix("</w:body></w:document>").unwrap().to_string()
    }

    #[test]
    fn a_figure_inside_a_run_cuts_it_in_three_with_its_tags_copied() {
        let body = r#"<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>率 90%。</w:t></w:r></w:p>"#;
        assert_eq!(
            commented(body, &[("90%", 0)]),
            concat!(
                r#"<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>率</w:t></w:r>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>"#,
                r#"<w:commentRangeStart w:id="0"/><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">90%</w:t></w:r>"#,
                r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">。</w:t></w:r></w:p>"#,
            )
        );
    }

    #[test]
    fn a_run_that_is_the_figure_is_not_cut() {
        let body = "<w:p><w:r><w:t>率</w:t></w:r><w:r><w:t>90%</w:t></w:r></w:p>";
        assert_eq!(
            commented(body, &[("90%", 0)]),
            concat!(
                "<w:p><w:r><w:t>率</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>90%</w:t></w:r>",
                "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
            )
        );
    }

    #[test]
    fn a_preserving_tag_is_copied_as_it_is_and_two_ranges_share_a_cut() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve"> 1 2 </w:t></w:r></w:p>"#;
        assert_eq!(
            commented(body, &[("1", 0), ("2", 1)]),
            concat!(
                r#"<w:p><w:r><w:t xml:space="preserve"> </w:t></w:r><w:commentRangeStart w:id="0"/>"#,
                r#"<w:r><w:t xml:space="preserve">1</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
                r#"<w:r><w:t xml:space="preserve"> </w:t></w:r><w:commentRangeStart w:id="1"/>"#,
                r#"<w:r><w:t xml:space="preserve">2</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>"#,
                r#"<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>"#,
            )
        );
    }

    #[test]
    fn a_figure_after_a_tab_cuts_between_the_run_children() {
        let body = "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>5</w:t><w:t>个</w:t></w:r></w:p>";
        assert_eq!(
            commented(body, &[("5", 0)]),
            concat!(
                "<w:p><w:r><w:t>甲</w:t><w:tab/></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>5</w:t></w:r>",
                "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:t>个</w:t></w:r></w:p>",
            )
        );
    }
}
