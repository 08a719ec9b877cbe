//! Paragraph blocks → logical paragraphs, written one a line into the flow.
//!
//! A physical line continues the open paragraph when the open paragraph's
//! last line does not end a sentence (`。 ! ? ;`, possibly followed by a
//! closing quote or bracket) or a label (`:`), and neither line is a
//! heading. This rejoins sentences broken across lines and page breaks,
//! even inside a figure's unit (`0 万` / `元。` → `0万元。`).
//!
//! A line starting with a numbering always starts a paragraph. It is a
//! heading when it is short (≤ 40 characters) and holds no sentence stop
//! (`。 ! ? ;`) anywhere: `（三）部门整体预算支出安排情况：` is a heading,
//! `（一）加强学习培训。…` — a run-in title followed by text — is a numbered
//! paragraph, not a section. A line with Markdown `#` marks is never joined
//! with its neighbours, but the marks alone do not make a section. A table
//! ends the open paragraph; each of its cells that holds sentences follows
//! as a paragraph of its own, never a heading (see [`push_narrative`]).

use super::Paragraph;
use super::flow::FlowText;
use super::normalize::normalize_into;
use super::numbering::{LeadingNumbering, leading_numbering};
use crate::source::{Block, Cell, Document, Layout};
use crate::span::Span;

const HEADING_MAX_CHARACTERS: usize = 40;
const SENTENCE_STOPS: [char; 4] = ['。', '!', '?', ';'];
const CLOSERS: [char; 7] = ['”', '’', '」', '』', '"', ')', '》'];

pub(super) struct Paragraphs {
    pub flow: FlowText,
    pub paragraphs: Vec<Paragraph>,
    /// The numbering each paragraph starts with, if any.
    pub numberings: Vec<Option<LeadingNumbering>>,
}

struct OpenParagraph {
    flow_start: usize,
    span: Span,
    is_heading: bool,
    numbering: Option<LeadingNumbering>,
    /// The next line may continue this paragraph.
    open_ended: bool,
}

pub(super) fn build(document: &Document) -> Paragraphs {
    let text = &document.text;
    let mut built =
        Paragraphs { flow: FlowText::with_capacity(text.len()), paragraphs: Vec::new(), numberings: Vec::new() };
    let mut line = FlowText::default();
    let mut open: Option<OpenParagraph> = None;
    for block in &document.blocks {
        let span = match block {
            Block::Paragraph(span) => span,
            // Its lines follow as paragraphs of their own; a grid rebuilt
            // from them has cells wrapped over lines other cells stand
            // between, whose sentences no line holds whole.
            Block::Table(table) if table.prose && table.layout != Layout::Grid => continue,
            Block::Table(table) => {
                close(&mut built, open.take());
                for cell in table.rows.iter().flat_map(|row| &row.cells) {
                    push_narrative(&mut built, text, cell, &mut line);
                }
                continue;
            }
        };
        line.clear();
        let marks = normalize_into(text, *span, &mut line);
        if line.is_empty() {
            continue;
        }
        let numbering = leading_numbering(&line.text);
        let is_heading = numbering.is_some_and(|numbering| is_heading(&line.text, numbering));
        let starts_paragraph = marks.markdown_heading || numbering.is_some();
        let open_ended = !is_heading && !marks.markdown_heading && !ends_sentence(&line.text);
        match open.as_mut() {
            Some(current) if current.open_ended && !starts_paragraph => {
                built.flow.space(current.span.end, span.start);
                built.flow.append(&line);
                current.span.end = span.end;
                current.open_ended = open_ended;
            }
            _ => {
                close(&mut built, open.take());
                if let Some(previous) = built.paragraphs.last() {
                    built.flow.break_line(previous.span.end);
                }
                let flow_start = built.flow.len();
                built.flow.append(&line);
                open = Some(OpenParagraph { flow_start, span: *span, is_heading, numbering, open_ended });
            }
        }
    }
    close(&mut built, open);
    built
}

/// A table cell that holds sentences (a form's 实际完成情况, a 偏差原因) is
/// read as a paragraph of its own too, so that what the text of a form
/// states is read from a grid as from a flattening that keeps its lines as
/// prose. It is never a heading nor numbered: a table's cells are no part
/// of the report's outline.
fn push_narrative(built: &mut Paragraphs, text: &str, cell: &Cell, line: &mut FlowText) {
    /// Shorter cells are labels and figures, not sentences.
    const NARRATIVE_MIN_CHARACTERS: usize = 12;
    let pieces = || std::iter::once(cell.span).chain(cell.wrapped.iter().copied());
    let written = || pieces().map(|piece| text.get(piece.start..piece.end).unwrap_or_default());
    let sentences = written().any(|piece| piece.contains(['。', '；', '，', ';', ',']));
    if !sentences || written().map(|piece| piece.chars().count()).sum::<usize>() < NARRATIVE_MIN_CHARACTERS {
        return;
    }
    line.clear();
    let mut previous: Option<Span> = None;
    for piece in pieces() {
        if let Some(previous) = previous {
            line.space(previous.end, piece.start);
        }
        normalize_into(text, piece, line);
        previous = Some(piece);
    }
    if line.is_empty() {
        return;
    }
    if let Some(previous) = built.paragraphs.last() {
        built.flow.break_line(previous.span.end);
    }
    let flow_start = built.flow.len();
    built.flow.append(line);
    let span = Span::new(cell.span.start, previous.map_or(cell.span.end, |last| last.end.max(cell.span.start)));
    let open = OpenParagraph { flow_start, span, is_heading: false, numbering: None, open_ended: false };
    close(built, Some(open));
}

fn close(built: &mut Paragraphs, open: Option<OpenParagraph>) {
    if let Some(open) = open {
        built.paragraphs.push(Paragraph {
            flow: open.flow_start..built.flow.len(),
            span: open.span,
            section: None,
            is_heading: open.is_heading,
            numbering: None,
        });
        built.numberings.push(open.numbering);
    }
}

fn is_heading(line: &str, numbering: LeadingNumbering) -> bool {
    let title = line.get(numbering.length..).unwrap_or_default().trim();
    !title.is_empty() && !title.contains(SENTENCE_STOPS) && line.chars().count() <= HEADING_MAX_CHARACTERS
}

fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(CLOSERS);
    core.ends_with(SENTENCE_STOPS) || line.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("完成全年任务。"));
        assert!(ends_sentence("评价结果为“优”。”"));
        assert!(ends_sentence("主要职责有:"));
        assert!(!ends_sentence("全年预算总投入"));
        assert!(!ends_sentence("其他资金0万"));
        assert!(!ends_sentence("管理中心(本级)"));
    }

    #[test]
    fn headings_are_short_and_have_no_stop() {
        let heading = |line: &str| leading_numbering(line).is_some_and(|numbering| is_heading(line, numbering));
        assert!(heading("(三)部门整体预算支出安排情况:"));
        assert!(heading("1.数量指标:"));
        assert!(!heading("(一)加强学习培训。提高业务水平"));
        assert!(!heading("5.负责起草综合性文稿。"));
        assert!(!heading("1. 2023年度本单位持续优化采购环境,严格按照采购要求及程序实施采购,全年共实施采购12次"));
    }
}
