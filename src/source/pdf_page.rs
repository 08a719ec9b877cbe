//! One PDF page's content stream → its text, one line per line of print.
//!
//! Walks the text operators in stream order (the order producers such as
//! Word and WPS write a page in) and tracks where each piece of text starts
//! on the page (text matrix × current transformation matrix). A piece lower
//! or higher than the last one by more than half a font size starts a new
//! line; on the same line, a gap wider than [`TAB_GAP`] font sizes is a tab
//! (table cells drawn apart become a tab row) and a smaller visible gap a
//! space, so figures drawn apart are never glued into one number.
//!
//! Every word shown is also kept with where it stands on the page
//! ([`PlacedWord`]), for rebuilding the page's tables from positions.
//!
//! Everything a page costs is charged to the PDF's [`Budget`] before it is
//! allocated: the streams it inflates (a corrupt Flate stream is an error
//! of its own, not an empty page), the items of its content (bounded on the
//! inflated bytes before lopdf parses them), its operators, `q` nesting,
//! words and text. A font's map is read once per PDF, however many pages
//! use it.
//!
//! Glyph widths are estimated (a CJK character one font size, others half),
//! not read from the font: gaps are approximate, good enough to tell a
//! column gap from a word gap. Text inside form XObjects, rotated text and
//! character or word spacing (`Tc`, `Tw`) are not taken into account.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Encoding, Object, ObjectId};

use super::budget::{self, Budget, Limit, MAX_NESTING, MAX_PAGE_ITEMS, MAX_STREAM_BYTES};
use super::inflate::{self, Inflate};
pub(super) use super::rules::PageRule;
use super::rules::Rules;

/// A same-line gap of this many font sizes separates cells, not words.
const TAB_GAP: f64 = 2.0;

/// A same-line gap of this many font sizes is a space.
const SPACE_GAP: f64 = 0.2;

/// A page's text, its words with their places, and how many pieces of
/// text could not be decoded.
pub(super) struct PageText {
    pub text: String,
    pub words: Vec<PlacedWord>,
    /// The horizontal rules drawn on the page (table borders).
    pub rules: Vec<PageRule>,
    pub undecoded: usize,
}

/// A word (characters without white space) of a page's text: its bytes in
/// [`PageText::text`], where it starts and ends across the page and its
/// baseline (points, upwards), and its printed font size.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PlacedWord {
    pub bytes: std::ops::Range<usize>,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

/// Why a page gave no text.
#[derive(Debug)]
pub(super) enum PageError {
    /// The PDF passed a limit of its budget: the whole file is refused.
    Over(Limit),
    /// A content stream does not inflate (bad Flate data): what failed.
    Corrupt(String),
    /// The page's fonts or content cannot be parsed.
    Unparsed,
}

impl From<Limit> for PageError {
    fn from(limit: Limit) -> Self {
        PageError::Over(limit)
    }
}

/// The encodings of the fonts read so far, by the font dictionary's
/// address in the document (`None`: it cannot be resolved).
pub(super) type Fonts<'a> = HashMap<usize, Option<Encoding<'a>>>;

pub(super) fn text<'a>(
    pdf: &'a lopdf::Document,
    page: ObjectId,
    budget: &mut Budget,
    fonts: &mut Fonts<'a>,
) -> Result<PageText, PageError> {
    let mut names = BTreeMap::new();
    for (name, font) in pdf.get_page_fonts(page).map_err(|_| PageError::Unparsed)? {
        let key = std::ptr::from_ref(font).addr();
        if let std::collections::hash_map::Entry::Vacant(entry) = fonts.entry(key) {
            entry.insert(encoding(pdf, font, budget)?);
        }
        names.insert(name, key);
    }
    let encodings: BTreeMap<Vec<u8>, &Encoding<'_>> =
        names.into_iter().filter_map(|(name, key)| Some((name, fonts.get(&key)?.as_ref()?))).collect();
    let content = content(pdf, page, budget)?;
    if budget::items(&content) > MAX_PAGE_ITEMS {
        return Err(PageError::Over(Limit::PageItems));
    }
    let content = Content::decode(&content).map_err(|_| PageError::Unparsed)?;
    budget.operate(content.operations.len())?;
    let mut walker = Walker::new(&encodings, budget);
    for operation in &content.operations {
        walker.apply(&operation.operator, &operation.operands)?;
    }
    let text = walker.text.trim_end().to_string();
    let mut words = walker.words;
    words.retain(|word| word.bytes.end <= text.len());
    Ok(PageText { text, words, rules: walker.rules.found, undecoded: walker.undecoded })
}

/// A font's encoding, its maps' inflated bytes charged to `budget`; `None`
/// when it cannot be resolved (its text stays undecoded).
fn encoding<'a>(
    pdf: &'a lopdf::Document,
    font: &'a Dictionary,
    budget: &mut Budget,
) -> Result<Option<Encoding<'a>>, Limit> {
    // lopdf does not say what it inflated: the maps are measured first.
    for key in [b"ToUnicode".as_slice(), b"Encoding"] {
        if let Ok(stream) = font.get_deref(key, pdf).and_then(Object::as_stream) {
            match inflate::stream(stream, budget.stream_room()) {
                Ok(bytes) => budget.inflate(bytes.len())?,
                Err(Inflate::Over) => return Err(budget.stream_limit()),
                Err(Inflate::Corrupt(_)) => {}
            }
        }
    }
    Ok(font.get_font_encoding_with_limit(pdf, budget.stream_room()).ok())
}

/// A page's content streams inflated and joined, at most
/// [`MAX_STREAM_BYTES`] in all.
fn content(pdf: &lopdf::Document, page: ObjectId, budget: &mut Budget) -> Result<Vec<u8>, PageError> {
    let mut content = Vec::new();
    for id in pdf.get_page_contents(page) {
        let Ok(stream) = pdf.get_object(id).and_then(Object::as_stream) else { continue };
        let room = budget.stream_room().min(MAX_STREAM_BYTES.saturating_sub(content.len()));
        match inflate::stream(stream, room) {
            Ok(bytes) => {
                budget.inflate(bytes.len())?;
                content.extend_from_slice(&bytes);
                content.push(b'\n');
            }
            Err(Inflate::Over) => return Err(PageError::Over(budget.stream_limit())),
            Err(Inflate::Corrupt(detail)) => return Err(PageError::Corrupt(detail)),
        }
    }
    Ok(content)
}

/// An affine matrix `[a b c d e f]` as PDF writes it (row vectors).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translation(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × other`: first `self`, then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [p, q, r, s, t, u] = other.0;
        Matrix([a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u])
    }

    /// How much the matrix stretches a vertical unit: the printed font size
    /// of a size-1 font.
    fn vertical_scale(self) -> f64 {
        let [_, _, c, d, _, _] = self.0;
        c.hypot(d)
    }
}

/// Graphics state saved by `q` and restored by `Q`.
#[derive(Debug, Clone, Copy)]
struct Saved<'e> {
    ctm: Matrix,
    encoding: Option<&'e Encoding<'e>>,
    font_size: f64,
    leading: f64,
}

struct Walker<'e> {
    encodings: &'e BTreeMap<Vec<u8>, &'e Encoding<'e>>,
    /// Bytes of text and words this page may still add.
    text_room: usize,
    words_room: usize,
    saved: Vec<Saved<'e>>,
    ctm: Matrix,
    text_matrix: Matrix,
    line_matrix: Matrix,
    encoding: Option<&'e Encoding<'e>>,
    font_size: f64,
    leading: f64,
    /// Where the last piece of text ended: x, y and its font size, on the page.
    pen: Option<(f64, f64, f64)>,
    text: String,
    words: Vec<PlacedWord>,
    rules: Rules,
    undecoded: usize,
}

impl<'e> Walker<'e> {
    fn new(encodings: &'e BTreeMap<Vec<u8>, &'e Encoding<'e>>, budget: &Budget) -> Self {
        Walker {
            encodings,
            text_room: budget::MAX_TEXT.saturating_sub(budget.text),
            words_room: budget::MAX_WORDS.saturating_sub(budget.words),
            saved: Vec::new(),
            ctm: Matrix::IDENTITY,
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            encoding: None,
            font_size: 0.0,
            leading: 0.0,
            pen: None,
            text: String::new(),
            words: Vec::new(),
            rules: Rules::default(),
            undecoded: 0,
        }
    }

    fn apply(&mut self, operator: &str, operands: &[Object]) -> Result<(), Limit> {
        let number = |index: usize| operands.get(index).and_then(|operand| operand.as_float().ok()).map(f64::from);
        let matrix = || {
            let values: Option<Vec<f64>> = (0..6).map(&number).collect();
            values.and_then(|values| <[f64; 6]>::try_from(values).ok()).map(Matrix)
        };
        match operator {
            "q" if self.saved.len() >= MAX_NESTING => return Err(Limit::Nesting),
            "q" => self.saved.push(Saved {
                ctm: self.ctm,
                encoding: self.encoding,
                font_size: self.font_size,
                leading: self.leading,
            }),
            "Q" => {
                if let Some(saved) = self.saved.pop() {
                    (self.ctm, self.encoding, self.font_size, self.leading) =
                        (saved.ctm, saved.encoding, saved.font_size, saved.leading);
                }
            }
            "cm" => {
                if let Some(matrix) = matrix() {
                    self.ctm = matrix.then(self.ctm);
                }
            }
            "BT" => (self.text_matrix, self.line_matrix) = (Matrix::IDENTITY, Matrix::IDENTITY),
            "Tf" => {
                let font = operands.first().and_then(|operand| operand.as_name().ok());
                self.encoding = font.and_then(|font| self.encodings.get(font).copied());
                self.font_size = number(1).unwrap_or(0.0);
            }
            "TL" => self.leading = number(0).unwrap_or(0.0),
            "Td" | "TD" => {
                let (x, y) = (number(0).unwrap_or(0.0), number(1).unwrap_or(0.0));
                if operator == "TD" {
                    self.leading = -y;
                }
                self.next_line(x, y);
            }
            "Tm" => {
                if let Some(matrix) = matrix() {
                    (self.text_matrix, self.line_matrix) = (matrix, matrix);
                }
            }
            "T*" => self.next_line(0.0, -self.leading),
            "Tj" => self.show_all(operands)?,
            "'" => {
                self.next_line(0.0, -self.leading);
                self.show_all(operands)?;
            }
            "\"" => {
                self.next_line(0.0, -self.leading);
                self.show_all(operands.get(2..).unwrap_or_default())?;
            }
            "TJ" => {
                for element in operands.iter().flat_map(|operand| operand.as_array().map_or(&[][..], Vec::as_slice)) {
                    match element {
                        Object::String(bytes, _) => self.show(bytes)?,
                        // A kerning adjustment in thousandths of a font size, leftwards.
                        element => {
                            if let Ok(adjustment) = element.as_float() {
                                let shift = -f64::from(adjustment) / 1000.0 * self.font_size;
                                self.text_matrix = Matrix::translation(shift, 0.0).then(self.text_matrix);
                            }
                        }
                    }
                }
            }
            "m" | "l" | "re" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                let numbers: Vec<f64> = (0..operands.len().min(4)).filter_map(&number).collect();
                let ctm = self.ctm;
                self.rules.apply(operator, &numbers, |x, y| {
                    let [_, _, _, _, x, y] = Matrix::translation(x, y).then(ctm).0;
                    (x, y)
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.line_matrix = Matrix::translation(x, y).then(self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn show_all(&mut self, operands: &[Object]) -> Result<(), Limit> {
        for operand in operands {
            if let Object::String(bytes, _) = operand {
                self.show(bytes)?;
            }
        }
        Ok(())
    }

    fn show(&mut self, bytes: &[u8]) -> Result<(), Limit> {
        if bytes.is_empty() {
            return Ok(());
        }
        let decoded = self.encoding.and_then(|encoding| lopdf::Document::decode_text(encoding, bytes).ok());
        // Glyph ids without a Unicode map decode to control characters.
        let decoded = decoded.filter(|decoded| decoded.chars().any(|character| !character.is_control()));
        let Some(decoded) = decoded else {
            self.undecoded = self.undecoded.saturating_add(1);
            return Ok(());
        };
        // A separator and the piece, each character at most as long as in
        // `decoded`, must fit before anything is pushed; so must its words.
        if self.text.len().saturating_add(decoded.len()).saturating_add(1) > self.text_room {
            return Err(Limit::Text);
        }
        if self.words.len().saturating_add(decoded.split_whitespace().count()) > self.words_room {
            return Err(Limit::Words);
        }
        let page = self.text_matrix.then(self.ctm);
        let size = (self.font_size * page.vertical_scale()).abs();
        let [_, _, _, _, x, y] = page.0;
        self.separate(x, y, size);
        let mut width = 0.0;
        // Words as (first byte, advance before it), closed at white space.
        let mut words: Vec<(std::ops::Range<usize>, f64, f64)> = Vec::new();
        let mut open: Option<(usize, f64)> = None;
        for character in decoded.chars() {
            let at = self.text.len();
            let pushed = if !character.is_control() {
                Some(character)
            } else if character == '\t' || character == '\n' {
                Some(' ')
            } else {
                None
            };
            if let Some(pushed) = pushed {
                self.text.push(pushed);
                match (pushed.is_whitespace(), open) {
                    (true, Some((start, before))) => {
                        words.push((start..at, before, width));
                        open = None;
                    }
                    (false, None) => open = Some((at, width)),
                    _ => {}
                }
            }
            width += advance(character);
        }
        if let Some((start, before)) = open {
            words.push((start..self.text.len(), before, width));
        }
        self.text_matrix = Matrix::translation(width * self.font_size, 0.0).then(self.text_matrix);
        let end = self.text_matrix.then(self.ctm).0[4];
        // Within a piece, a word's place is interpolated by estimated widths.
        let at = |advance: f64| if width > 0.0 { x + (end - x) * advance / width } else { x };
        for (bytes, before, after) in words {
            let word = PlacedWord { bytes, x0: at(before), x1: at(after), y, size };
            match self.words.last_mut() {
                // Drawn in pieces (`240.` then `00`), glued in the text: one word.
                Some(last) if last.bytes.end == word.bytes.start => {
                    last.bytes.end = word.bytes.end;
                    last.x1 = word.x1;
                }
                _ => self.words.push(word),
            }
        }
        self.pen = Some((end, y, size));
        Ok(())
    }

    /// The separator between the last piece of text and one starting at
    /// (`x`, `y`) with printed font size `size`.
    fn separate(&mut self, x: f64, y: f64, size: f64) {
        let Some((end, last_y, last_size)) = self.pen else { return };
        let size = size.max(last_size);
        if size <= 0.0 {
            return;
        }
        let last = self.text.chars().next_back();
        if (y - last_y).abs() > size / 2.0 {
            if last.is_some_and(|last| last != '\n') {
                self.text.push('\n');
            }
            return;
        }
        let gap = (x - end) / size;
        if gap > TAB_GAP {
            self.text.push('\t');
        } else if gap > SPACE_GAP && last.is_some_and(|last| !last.is_whitespace()) {
            self.text.push(' ');
        }
    }
}

/// Estimated advance of a character, in font sizes.
fn advance(character: char) -> f64 {
    let wide = matches!(character,
        '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..='\u{3FFFD}');
    if wide {
        1.0
    } else if character == ' ' {
        0.25
    } else {
        0.5
    }
}

#[cfg(test)]
#[path = "pdf_page_tests.rs"]
mod tests;
