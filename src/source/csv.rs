//! .csv bytes → [`Document`]: one table, as a spreadsheet saves it.
//!
//! A CSV is a sheet without merges: the report text is rebuilt as tab rows
//! (a field's own line breaks and tabs become spaces), so every cell has a
//! span, an anchor in A1 notation (`F12`, as the file opens in a
//! spreadsheet) and a place in one [`Layout::Grid`] table. Fields follow
//! RFC 4180: separated by commas, quoted with `"` where they hold a comma,
//! a quote (doubled) or a line break. The bytes may be UTF-8, UTF-16 or
//! GB18030, as Excel and WPS save them.

use super::{Anchor, Block, Cell, Document, Format, Layout, Row, SourceError, Table, encoding};
use crate::span::Span;

/// More cells than a form could ever hold: the file is refused rather than
/// laid out (each cell costs a span and an anchor).
const MAX_CELLS: usize = 1_000_000;

/// Reads a CSV file as one table.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, SourceError> {
    let decoded = encoding::decode_text(bytes)?;
    let records = records(&decoded);
    let cells: usize = records.iter().map(Vec::len).sum();
    if cells > MAX_CELLS {
        let detail = format!("CSV 文件共 {cells} 个单元格，超过上限 {MAX_CELLS}");
        return Err(SourceError::Spreadsheet { detail });
    }
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut anchors = Vec::new();
    for (row, fields) in records.iter().enumerate() {
        let row_start = text.len();
        let mut cells = Vec::new();
        for (column, field) in fields.iter().enumerate() {
            if column > 0 {
                text.push('\t');
            }
            let start = text.len();
            text.extend(field.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }));
            let span = Span::new(start, text.len());
            cells.push(Cell::at(column, span));
            if !span.is_empty() {
                anchors.push(Anchor { span, name: reference(row, column) });
            }
        }
        rows.push(Row { span: Span::new(row_start, text.len()), cells });
        text.push('\n');
    }
    if anchors.is_empty() {
        return Err(SourceError::Empty);
    }
    // Rows of empty fields (`,,,`) separate nothing in a sheet: dropped.
    rows.retain(|row| row.cells.iter().any(|cell| !cell.span.is_empty()));
    let span = Span::new(rows.first().map_or(0, |row| row.span.start), rows.last().map_or(0, |row| row.span.end));
    let table = Table { span, layout: Layout::Grid, rows, prose: false };
    let mut document = Document::new(name, text, Format::Csv, vec![Block::Table(table)]);
    document.anchors = anchors;
    Ok(document)
}

/// The records of `text`, each a list of unquoted fields.
fn records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match (quoted, character) {
            (true, '"') if characters.peek() == Some(&'"') => {
                field.push('"');
                characters.next();
            }
            (true, '"') => quoted = false,
            (true, other) => field.push(other),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\r') if characters.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
            }
            (false, other) => field.push(other),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(fields);
    }
    records
}

/// `F12` for zero-based row 11, column 5.
fn reference(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut remaining = column.saturating_add(1);
    // Bijective base 26: `remaining - 1` picks the letter, A = 0.
    while let Some(less) = remaining.checked_sub(1) {
        letters.push(char::from(b'A'.saturating_add(u8::try_from(less % 26).unwrap_or(0))));
        remaining = less / 26;
    }
    let letters: String = letters.iter().rev().collect();
    format!("{letters}{}", row.saturating_add(1))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let records = records("项目,\"年初,预算\",\"说\"\"明\"\"\"\r\n合计,\"1\n2\",\n\n");
        assert_eq!(records, [vec!["项目", "年初,预算", "说\"明\""], vec!["合计", "1\n2", ""], vec![""]]);
    }

    #[test]
    fn a_csv_is_one_grid_with_anchors() {
        let document =
            read("表.csv", "项目资金（万元）,年初预算数,全年预算数\n年度资金总额,100,120\n,,\n".as_bytes()).unwrap();
        assert_eq!(document.text, "项目资金（万元）\t年初预算数\t全年预算数\n年度资金总额\t100\t120\n\t\t\n");
        let [Block::Table(table)] = document.blocks.as_slice() else { panic!("{:?}", document.blocks) };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].cells[2].column, 2);
        let offset = document.text.find("120").unwrap();
        assert_eq!(document.anchor_at(offset).map(|anchor| anchor.name.as_str()), Some("C2"));
    }

    #[test]
    fn empty_files_are_refused_and_columns_are_lettered() {
        assert!(matches!(read("空.csv", b",,\n,,\n"), Err(SourceError::Empty)));
        assert_eq!(reference(0, 27), "AB1");
    }
}
