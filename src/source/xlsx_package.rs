//! .xlsx bytes (a zip package) → a [`Scan`] of its XML parts, or the
//! [`Limits`] it breaks, before calamine reads anything.
//!
//! calamine trusts the package: it reserves room for as many shared strings
//! as `<sst uniqueCount>` declares (a count of 10¹⁸ panicked, 10¹⁰ aborted),
//! buffers a text run of any length, and inflates every part it opens to the
//! end. So every part calamine may open (`.xml` and `.rels`) is checked here
//! first, against one budget for the whole workbook:
//!
//! 1. the sizes the zip directory declares, summed, before inflating
//!    anything (the zip crate never inflates an entry past its declared
//!    size, so a header that lies only truncates the part);
//! 2. each part streamed through quick-xml, counting the bytes inflated,
//!    elements, nesting depth, cells (`<c>`) and shared strings (`<si>`),
//!    and the counts `<sst>` declares, which must be within the limit too.
//!
//! Malformed XML ends the scan of its part without an error: calamine
//! reads the same bytes and says what is wrong with them; whatever it
//! reads is within the budget, because the part as a whole is.

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::Limits;
use crate::source::SourceError;

/// What the scan learnt about the cells of the workbook's sheets.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scan {
    /// Cells with a formula (`<f>`) but no cached value (`<v>` or `<is>`
    /// with text): a workbook written by a program that never calculated
    /// it. Excel shows their values only once it recalculates.
    pub formulas_without_values: u64,
}

/// Checks every XML part of the package against `limits`. A file that is
/// not a zip passes unscanned: calamine names what is wrong with it.
pub(super) fn scan(bytes: &[u8], limits: &Limits) -> Result<Scan, SourceError> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else { return Ok(Scan::default()) };
    let parts: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|index| {
            let name = archive.name_for_index(index)?.ok()?.to_ascii_lowercase();
            (name.ends_with(".xml") || name.ends_with(".rels")).then_some((index, name))
        })
        .collect();
    let declared = parts.iter().try_fold(0u64, |total, &(index, _)| {
        let size = archive.by_index_raw(index).map(|part| part.size()).unwrap_or(0);
        total.checked_add(size).filter(|&total| total <= limits.max_inflated_bytes)
    });
    if declared.is_none() {
        return Err(SourceError::TooLarge { limit: limits.max_inflated_bytes });
    }
    let mut tally = Tally::new(limits);
    for (index, name) in parts {
        // An entry the zip crate cannot open is calamine's to report.
        let Ok(part) = archive.by_index(index) else { continue };
        let kind = Part::of(&name);
        tally.part(part, kind)?;
    }
    Ok(tally.scan)
}

/// The parts whose content the scan looks into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    SharedStrings,
    Worksheet,
    Other,
}

impl Part {
    fn of(name: &str) -> Part {
        if name.ends_with("sharedstrings.xml") {
            Part::SharedStrings
        } else if name.contains("worksheets/") {
            Part::Worksheet
        } else {
            Part::Other
        }
    }
}

/// The budget spent so far, over all parts.
struct Tally<'a> {
    limits: &'a Limits,
    inflated: u64,
    elements: u64,
    cells: u64,
    shared_strings: u64,
    scan: Scan,
}

/// The cell being read in a worksheet: whether it has a formula and a value.
#[derive(Default)]
struct OpenCell {
    formula: bool,
    value: bool,
    /// Inside its `<v>` or `<is>`: text there is a cached value.
    in_value: bool,
}

impl<'a> Tally<'a> {
    fn new(limits: &'a Limits) -> Self {
        Tally { limits, inflated: 0, elements: 0, cells: 0, shared_strings: 0, scan: Scan::default() }
    }

    fn part(&mut self, part: impl Read, kind: Part) -> Result<(), SourceError> {
        let remaining = self.limits.max_inflated_bytes.saturating_sub(self.inflated);
        let mut counted = Counted { inner: part.take(remaining.saturating_add(1)), read: 0 };
        let result = self.walk(&mut counted, kind);
        self.inflated = self.inflated.saturating_add(counted.read);
        if self.inflated > self.limits.max_inflated_bytes {
            return Err(SourceError::TooLarge { limit: self.limits.max_inflated_bytes });
        }
        result
    }

    fn walk(&mut self, part: &mut Counted<impl Read>, kind: Part) -> Result<(), SourceError> {
        let mut reader = Reader::from_reader(BufReader::new(part));
        reader.config_mut().check_end_names = false;
        let mut buffer = Vec::new();
        let mut depth = 0usize;
        let mut cell: Option<OpenCell> = None;
        loop {
            buffer.clear();
            // Malformed XML, or a part cut at the budget: see the module doc.
            let Ok(event) = reader.read_event_into(&mut buffer) else { return Ok(()) };
            match event {
                Event::Start(element) => {
                    depth = depth.saturating_add(1);
                    if depth > self.limits.max_depth {
                        return Err(limit_error(format!("XML 嵌套超过 {} 层", self.limits.max_depth)));
                    }
                    self.element(&element, kind, &mut cell, false)?;
                }
                Event::Empty(element) => self.element(&element, kind, &mut cell, true)?,
                Event::End(element) => {
                    depth = depth.saturating_sub(1);
                    if kind == Part::Worksheet {
                        match element.local_name().as_ref() {
                            "c" => self.close(cell.take()),
                            "v" | "is" => {
                                if let Some(cell) = cell.as_mut() {
                                    cell.in_value = false;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Event::Text(text) => {
                    if let Some(cell) = cell.as_mut().filter(|cell| cell.in_value) {
                        cell.value |= !text.into_inner().trim_ascii().is_empty();
                    }
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    if let Some(cell) = cell.as_mut().filter(|cell| cell.in_value) {
                        cell.value = true;
                    }
                }
                Event::Eof => return Ok(()),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    fn element(
        &mut self,
        element: &BytesStart,
        kind: Part,
        cell: &mut Option<OpenCell>,
        empty: bool,
    ) -> Result<(), SourceError> {
        self.elements = self.elements.saturating_add(1);
        if self.elements > self.limits.max_elements {
            return Err(limit_error(format!("XML 元素超过 {} 个", self.limits.max_elements)));
        }
        match (kind, element.local_name().as_ref()) {
            (Part::SharedStrings, "sst") => {
                for name in ["uniqueCount", "count"] {
                    let declared = declared_count(element, name);
                    if declared.is_some_and(|count| count > self.limits.max_shared_strings) {
                        return Err(limit_error(format!(
                            "共享字符串表声明了 {} 个字符串，超过 {} 个",
                            declared.unwrap_or_default(),
                            self.limits.max_shared_strings
                        )));
                    }
                }
            }
            (Part::SharedStrings, "si") => {
                self.shared_strings = self.shared_strings.saturating_add(1);
                if self.shared_strings > self.limits.max_shared_strings {
                    return Err(limit_error(format!("共享字符串超过 {} 个", self.limits.max_shared_strings)));
                }
            }
            (Part::Worksheet, "row" | "c" | "dimension" | "mergeCell") => {
                let name = if matches!(element.local_name().as_ref(), "row" | "c") { "r" } else { "ref" };
                if let Some(reference) = raw_attribute(element.attributes_raw(), name) {
                    if !is_reference(reference) {
                        let detail = format!("单元格引用“{}”无效（文件已损坏？）", clip(reference));
                        return Err(SourceError::Spreadsheet { detail });
                    }
                }
                if element.local_name().as_ref() == "c" {
                    self.open_cell(cell, empty)?;
                }
            }
            (Part::Worksheet, "f") => {
                if let Some(cell) = cell.as_mut() {
                    cell.formula = true;
                }
            }
            (Part::Worksheet, "v" | "is") if !empty => {
                if let Some(cell) = cell.as_mut() {
                    cell.in_value = true;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn open_cell(&mut self, cell: &mut Option<OpenCell>, empty: bool) -> Result<(), SourceError> {
        self.cells = self.cells.saturating_add(1);
        if self.cells > self.limits.max_cells {
            return Err(limit_error(format!("单元格超过 {} 个", self.limits.max_cells)));
        }
        let open = OpenCell::default();
        if empty {
            self.close(Some(open));
        } else {
            *cell = Some(open);
        }
        Ok(())
    }

    fn close(&mut self, cell: Option<OpenCell>) {
        if cell.is_some_and(|cell| cell.formula && !cell.value) {
            self.scan.formulas_without_values = self.scan.formulas_without_values.saturating_add(1);
        }
    }
}

/// A count written in an attribute, if it is a number (an absurd one
/// included: that is what is checked).
fn declared_count(element: &BytesStart, name: &str) -> Option<u64> {
    // The digits it starts with: whatever follows them, the count they
    // make must be within the limit.
    let value = raw_attribute(element.attributes_raw(), name)?.trim_start();
    let digits = value.get(..value.bytes().take_while(u8::is_ascii_digit).count())?;
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

/// The raw value of attribute `name` as calamine finds it: attributes are
/// read in order, a key being all up to the next `=` (so `<sst xml<sst
/// uniqueCount="9">` has one), the value up to the closing quote; a
/// malformed attribute before it ends the search, as it makes calamine
/// fail. quick-xml's checked attributes stop earlier, which would let
/// calamine see a count the scan never checked.
fn raw_attribute<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = raw;
    loop {
        rest = rest.trim_start_matches(|character: char| character.is_ascii_whitespace());
        if rest.is_empty() {
            return None;
        }
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start_matches(|character: char| character.is_ascii_whitespace());
        let quote = after.chars().next().filter(|&quote| quote == '"' || quote == '\'')?;
        // A value without its closing quote runs to the end, as in calamine.
        let value_and_rest = after.get(1..)?;
        let (value, next) = value_and_rest.split_once(quote).unwrap_or((value_and_rest, ""));
        if key.trim_end_matches(|character: char| character.is_ascii_whitespace()) == name {
            return Some(value);
        }
        rest = next;
    }
}

/// Whether `text` is a cell reference (`F12`, a row `12`) or a range of
/// two (`A9:A11`) that calamine can parse without overflowing: Excel's
/// largest is `XFD1048576`, so at most three letters and seven digits a
/// position, and a range runs from its top-left to its bottom-right corner.
/// Anything else calamine reports as an error itself.
fn is_reference(text: &str) -> bool {
    let positions: Vec<Option<(u32, u32)>> = text.split(':').map(position).collect();
    if positions.iter().any(Option::is_none) {
        return false;
    }
    match positions.as_slice() {
        [Some((first_row, first_column)), Some((last_row, last_column))] => {
            first_row <= last_row && first_column <= last_column
        }
        _ => true,
    }
}

/// A position's row and column numbers as written, if each fits: letters
/// then digits, at most three and seven. Other characters are left to
/// calamine, which refuses them.
fn position(text: &str) -> Option<(u32, u32)> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (column, row) = text.split_at_checked(letters)?;
    let digits = row.bytes().take_while(u8::is_ascii_digit).count();
    if letters > 3 || digits > 7 {
        return None;
    }
    let column = column.bytes().fold(0u32, |number, letter| {
        number.saturating_mul(26).saturating_add(u32::from(letter.to_ascii_uppercase().saturating_sub(b'@')))
    });
    let row = row.get(..digits).and_then(|digits| digits.parse().ok()).unwrap_or(0);
    Some((row, column))
}

/// At most 40 characters of `text`, for a message.
fn clip(text: &str) -> String {
    let mut characters = text.chars();
    let clipped: String = characters.by_ref().take(40).collect();
    if characters.next().is_some() { format!("{clipped}…") } else { clipped }
}

fn limit_error(what: String) -> SourceError {
    SourceError::Spreadsheet {
        detail: format!("工作簿超出读取上限：{what}（可能是恶意构造的文件）")
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.read = self.read.saturating_add(u64::try_from(read).unwrap_or(u64::MAX));
        Ok(read)
    }
}

#[cfg(test)]
#[path = "xlsx_package_tests.rs"]
mod tests;
