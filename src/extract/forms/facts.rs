//! A copy of a form, read → its [`Facts`] and which cell became what.
//!
//! A cell becomes a mention of the kind its fact or field is declared with:
//! a bare amount takes the block's unit (`项目资金（万元）`), an indicator's
//! bare target and actual take the row's 度量单位 (or each other's unit), and
//! a target without a comparison takes the row's 指标性质. A 分值 or 得分 is
//! exact as written: a form's points are assigned, not measured. A cell that
//! is there but not filled in is [`Value::Empty`], never 0. A list of items from
//! a block that breaks off is marked incomplete.

use super::block::{BlockReading, CellReading};
use super::items::Part;
use super::tokens::Token;
use super::{CellUse, Reading, labels};
use crate::extract::{Facts, Item, Mention, Value, Via, fits};
use crate::report::{Number, Unit};
use crate::rules::form::{Block, ColumnKind, Form, RowInto};
use crate::rules::{Kind, Pack};
use crate::span::Span;

pub fn reading(pack: &Pack, form: &Form, table: usize, tokens: &[Token], copy: &[BlockReading]) -> Reading {
    let mut builder = Builder { pack, tokens, facts: Facts::default(), cells: Vec::new() };
    let mut notes = Vec::new();
    let mut grids = Vec::new();
    for reading in copy {
        let Some(block) = form.blocks.get(reading.block) else { continue };
        builder.block(block, reading);
        grids.push(super::grid::grid(block, reading, tokens));
        notes.extend(reading.notes.iter().cloned());
    }
    let span = span_of(tokens, copy);
    Reading {
        form: form.id.clone(),
        title: form.title.clone(),
        table,
        span,
        facts: builder.facts,
        cells: builder.cells,
        grids,
        notes,
    }
}

fn span_of(tokens: &[Token], copy: &[BlockReading]) -> Span {
    let first = copy.first().and_then(|reading| tokens.get(reading.tokens.start));
    let last = copy.last().and_then(|reading| tokens.get(reading.tokens.end.checked_sub(1)?));
    match (first, last) {
        (Some(first), Some(last)) => Span::new(first.span.start, last.span.end.max(first.span.start)),
        _ => Span::default(),
    }
}

struct Builder<'a> {
    pack: &'a Pack,
    tokens: &'a [Token],
    facts: Facts,
    cells: Vec<CellUse>,
}

impl Builder<'_> {
    fn block(&mut self, block: &Block, reading: &BlockReading) {
        let unit = reading.header.unit.clone().or_else(|| block.unit.clone());
        for row in &reading.rows {
            let Some(definition) = block.rows.get(row.row) else { continue };
            let label_end = self.tokens.get(row.label).map_or(0, |token| token.span.end);
            match &definition.into {
                RowInto::Facts(facts) => {
                    for (column, name) in facts {
                        let Some(cell) = row.cells.iter().find(|cell| cell.column == *column) else { continue };
                        let (kind, exact) =
                            self.pack.facts.get(name).map_or((Kind::Number, false), |f| (f.kind, f.exact));
                        if let Some(mention) = self.mention(cell, kind, exact, unit.as_ref(), label_end) {
                            self.cells.push(CellUse { span: mention.span, target: name.clone() });
                            self.facts.values.entry(name.clone()).or_default().push(mention);
                        }
                    }
                }
                RowInto::Item(collection) => {
                    let label = self.tokens.get(row.label).map(|token| token.key.clone()).unwrap_or_default();
                    let span = self.tokens.get(row.label).map_or(Span::default(), |token| token.span);
                    let mut item = Item::new(span);
                    item.fields.insert(
                        "name".into(),
                        Mention { value: Value::Text(label), span, via: Via::Table, exact: false },
                    );
                    self.fill(&mut item, block, collection, &row.cells, unit.as_ref(), label_end);
                    self.push_item(collection, item);
                }
            }
        }
        if let Some(items) = &block.items {
            let first_item = self.facts.collections.get(&items.collection).map_or(0, Vec::len);
            for reading_item in &reading.items {
                let name = self.tokens.get(reading_item.name);
                let span = name.map_or(Span::default(), |token| token.span);
                let last = reading_item.tokens.end.checked_sub(1).and_then(|last| self.tokens.get(last));
                let mut item =
                    Item::new(last.map_or(span, |last| Span::new(span.start, last.span.end.max(span.start))));
                if let Some(name) = name {
                    let mention =
                        Mention { value: Value::Text(name.text.clone()), span, via: Via::Table, exact: false };
                    item.fields.insert("name".into(), mention);
                }
                for ((column, _), label) in items.groups.iter().zip(&reading_item.groups) {
                    let Some((at, text)) = label else { continue };
                    let (Some(field), Some(token)) = (block.columns.get(*column), self.tokens.get(*at)) else {
                        continue;
                    };
                    let text = labels::share(text).map_or_else(|| text.clone(), |(key, _)| key);
                    let mention = Mention { value: Value::Text(text), span: token.span, via: Via::Table, exact: false };
                    item.fields.insert(field.field.clone(), mention);
                }
                let end = name.map_or(0, |token| token.span.end);
                self.fill(&mut item, block, &items.collection, &reading_item.cells, None, end);
                relate(&mut item, block);
                // A name that states its share (`相关性(5分)`) where no 分值 is read.
                let filled = |mention: Option<&Mention>| mention.is_some_and(|mention| mention.value != Value::Empty);
                if let (false, Some((_, share)), Some(token)) =
                    (filled(item.fields.get("weight")), name.and_then(|token| labels::share(&token.text)), name)
                {
                    item.fields.insert("weight".into(), points(share, token.span));
                }
                self.push_item(&items.collection, item);
            }
            if !reading.items_complete {
                self.facts.incomplete.insert(items.collection.clone());
            }
            if let Some(shares) = &items.shares {
                self.shares(shares, &items.collection, first_item, reading);
            }
        }
        if !reading.complete {
            for row in &block.rows {
                if let RowInto::Item(collection) = &row.into {
                    self.facts.incomplete.insert(collection.clone());
                }
            }
        }
    }

    /// The groups that state a share, each with its parts' points.
    fn shares(&mut self, shares: &str, items: &str, first_item: usize, reading: &BlockReading) {
        let collection_items = self.facts.collections.get(items).cloned().unwrap_or_default();
        let mut built = Vec::new();
        for group in &reading.groups {
            let Some(token) = self.tokens.get(group.label) else { continue };
            let key = labels::share(&token.text).map_or_else(|| token.key.clone(), |(key, _)| key);
            let mut item = Item::new(token.span);
            item.fields.insert("name".into(), text(key, token.span));
            item.fields.insert("share".into(), points(group.share, token.span));
            item.parts_complete = group.complete;
            for part in &group.parts {
                let part_item = match part {
                    Part::Item(index) => {
                        let Some(source) = collection_items.get(first_item.saturating_add(*index)) else { continue };
                        let mut part_item = Item::new(source.span);
                        if let Some(name) = source.fields.get("name") {
                            part_item.fields.insert("name".into(), name.clone());
                        }
                        if let Some(weight) = source.fields.get("weight") {
                            part_item.fields.insert("points".into(), weight.clone());
                        }
                        part_item
                    }
                    Part::Group(index) => {
                        let Some(sub) = reading.groups.get(*index) else { continue };
                        let Some(sub_token) = self.tokens.get(sub.label) else { continue };
                        let key = labels::share(&sub_token.text).map_or_else(|| sub_token.key.clone(), |(key, _)| key);
                        let mut part_item = Item::new(sub_token.span);
                        part_item.fields.insert("name".into(), text(key, sub_token.span));
                        part_item.fields.insert("points".into(), points(sub.share, sub_token.span));
                        part_item
                    }
                };
                item.parts.push(part_item);
            }
            built.push(item);
        }
        for item in built {
            self.push_item(shares, item);
        }
        if !reading.groups_complete {
            self.facts.incomplete.insert(shares.to_string());
        }
    }

    fn push_item(&mut self, collection: &str, item: Item) {
        let items = self.facts.collections.entry(collection.to_string()).or_default();
        let index = items.len();
        for (field, mention) in &item.fields {
            if field != "name" {
                self.cells.push(CellUse {
                    span: mention.span,
                    target: format!("{collection}[{}].{field}", index.saturating_add(1)),
                });
            }
        }
        items.push(item);
    }

    /// Sets an item's fields from a row's cells.
    fn fill(
        &self,
        item: &mut Item,
        block: &Block,
        collection: &str,
        cells: &[CellReading],
        unit: Option<&Unit>,
        end: usize,
    ) {
        let Some(declared) = self.pack.collections.get(collection) else { return };
        for cell in cells {
            let Some(column) = block.columns.get(cell.column) else { continue };
            let Some(kind) = declared.fields.get(&column.field).copied() else { continue };
            // A form's 分值 and 得分 are assigned, not measured: 9 means 9.00.
            let exact = declared.exact.contains(&column.field) || column.kind == ColumnKind::Value(Kind::Score);
            if let Some(mention) = self.mention(cell, kind, exact, unit, end) {
                item.fields.insert(column.field.clone(), mention);
            }
        }
    }

    /// A cell as a mention of `kind`; an empty cell is [`Value::Empty`] at
    /// its place (or, for a cell a flattening dropped, just after `end`).
    fn mention(&self, cell: &CellReading, kind: Kind, exact: bool, unit: Option<&Unit>, end: usize) -> Option<Mention> {
        let Some(token) = cell.token.and_then(|index| self.tokens.get(index)) else {
            return Some(Mention { value: Value::Empty, span: Span::new(end, end), via: Via::Table, exact });
        };
        if token.blank {
            return Some(Mention { value: Value::Empty, span: token.span, via: Via::Table, exact });
        }
        // The block's unit is that of its amounts, not of its scores or rates.
        let unit = unit.filter(|_| kind == Kind::Money);
        let value = match (&token.number, kind) {
            (_, Kind::Text) => Value::Text(token.text.clone()),
            // A rate column's bare 0 is 0%.
            (Some(number), Kind::Ratio) if number.unit == Unit::None && number.value.is_zero() => {
                Value::Figure(Number { unit: Unit::Percent, ..number.clone() })
            }
            (Some(number), kind) => Value::Figure(fits(kind, number.clone(), unit)?),
            (None, Kind::Number) => Value::Text(token.text.clone()),
            (None, _) => return None,
        };
        Some(Mention { value, span: token.span, via: Via::Table, exact })
    }
}

/// An indicator's target and actual: the 度量单位 column's unit for bare
/// figures (else each other's), the 指标性质 column's comparison for a target
/// that writes none.
fn relate(item: &mut Item, block: &Block) {
    let field_of =
        |kind: ColumnKind| block.columns.iter().find(|column| column.kind == kind).map(|column| column.field.clone());
    let figures: Vec<String> = block
        .columns
        .iter()
        .filter(|column| column.kind == ColumnKind::Value(Kind::Number))
        .map(|column| column.field.clone())
        .collect();
    let text_of = |item: &Item, field: &Option<String>| match field.as_ref().and_then(|field| item.fields.get(field)) {
        Some(Mention { value: Value::Text(text), .. }) => Some(text.clone()),
        _ => None,
    };
    let written_unit = text_of(item, &field_of(ColumnKind::Unit)).and_then(|text| labels::unit_word(&text));
    let shared_unit = written_unit.or_else(|| {
        figures.iter().find_map(|field| match item.fields.get(field) {
            Some(Mention { value: Value::Figure(number), .. }) if number.unit != Unit::None => {
                Some(number.unit.clone())
            }
            _ => None,
        })
    });
    let relation = text_of(item, &field_of(ColumnKind::Relation)).and_then(|text| labels::relation(&text));
    for (position, field) in figures.iter().enumerate() {
        if let Some(Mention { value: Value::Figure(number), .. }) = item.fields.get_mut(field) {
            if number.unit == Unit::None {
                if let Some(unit) = &shared_unit {
                    number.unit = unit.clone();
                }
            }
            if position == 0 && number.relation.is_none() {
                number.relation = relation;
            }
        }
    }
}

fn text(value: String, span: Span) -> Mention {
    Mention { value: Value::Text(value), span, via: Via::Table, exact: false }
}

/// A share stated in a label: exact points.
fn points(share: rust_decimal::Decimal, span: Span) -> Mention {
    let number = Number { value: share, decimals: share.scale(), unit: Unit::Points, relation: None, span };
    Mention { value: Value::Figure(number), span, via: Via::Table, exact: true }
}
