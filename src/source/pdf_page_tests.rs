use lopdf::{Document, Object, ObjectId, Stream, dictionary};

use super::{Budget, Fonts, PageText};

/// A page's text under a fresh budget; an error as its debug form.
fn text(pdf: &Document, id: ObjectId) -> Result<PageText, String> {
    super::text(pdf, id, &mut Budget::default(), &mut Fonts::new()).map_err(|error| format!("{error:?}"))
}

/// A one-page PDF whose content stream is `content`, with Courier as `/F1`
/// and `/F9` a font without any usable encoding.
fn page(content: &str) -> (Document, ObjectId) {
    let mut pdf = Document::with_version("1.7");
    let pages = pdf.new_object_id();
    let courier = pdf.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let broken = pdf.add_object(dictionary! { "Subtype" => "Type0", "BaseFont" => "Missing" });
    let resources = pdf.add_object(dictionary! { "Font" => dictionary! { "F1" => courier, "F9" => broken } });
    let contents = pdf.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let page = pdf.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents, "Resources" => resources,
    });
    let kids = dictionary! { "Type" => "Pages", "Kids" => vec![Object::from(page)], "Count" => 1 };
    pdf.objects.insert(pages, Object::Dictionary(kids));
    (pdf, page)
}

fn page_text(content: &str) -> String {
    let (pdf, id) = page(content);
    text(&pdf, id).map(|page| page.text).unwrap_or_else(|error| format!("error: {error}"))
}

#[test]
fn lines_follow_the_vertical_position() {
    let content = "BT /F1 12 Tf 72 700 Td (2023 budget) Tj 0 -14 Td (775.45) Tj ET";
    assert_eq!(page_text(content), "2023 budget\n775.45");
    // `T*` with a leading set by `TL`, and `'`, move down as well.
    assert_eq!(page_text("BT /F1 10 Tf 12 TL 72 700 Td (a) Tj T* (b) Tj (c) ' ET"), "a\nb\nc");
}

#[test]
fn pieces_on_one_line_are_joined_spaced_or_tabbed_by_their_gap() {
    // Courier 10: "total" ends near x = 97; 353.21 starts 83 points later.
    let row = "BT /F1 10 Tf 72 700 Td (total) Tj 1 0 0 1 180 700 Tm (353.21) Tj 1 0 0 1 260 700 Tm (595.07) Tj ET";
    assert_eq!(page_text(row), "total\t353.21\t595.07");
    let words = "BT /F1 10 Tf 72 700 Td (budget) Tj 1 0 0 1 107 700 Tm (775.45) Tj ET";
    assert_eq!(page_text(words), "budget 775.45");
    let kerned = "BT /F1 10 Tf 72 700 Td [(77) -20 (5.45) -400 (yuan)] TJ ET";
    assert_eq!(page_text(kerned), "775.45 yuan");
}

#[test]
fn positions_set_by_the_transformation_matrix_count() {
    // Each line drawn at the text origin, moved there by `cm` inside q … Q.
    let content = "q 1 0 0 1 72 700 cm BT /F1 10 Tf (first) Tj ET Q q 1 0 0 1 72 680 cm BT /F1 10 Tf (second) Tj ET Q";
    assert_eq!(page_text(content), "first\nsecond");
}

#[test]
fn text_in_an_unusable_font_is_counted_not_guessed() {
    let (pdf, id) = page("BT /F9 10 Tf 72 700 Td <0102> Tj ET BT /F1 10 Tf 72 680 Td (ok) Tj ET");
    let page = text(&pdf, id);
    let page = page.as_ref().map(|page| (page.text.as_str(), page.undecoded));
    assert_eq!(page, Ok(("ok", 1)));
}

#[test]
fn a_page_without_text_is_empty() {
    assert_eq!(page_text("0 0 m 100 100 l S"), "");
    assert_eq!(page_text(""), "");
}

/// Word and WPS write Chinese with a Type0 font (two-byte glyph ids) and a
/// `/ToUnicode` map from glyph ids back to characters.
#[test]
fn chinese_through_a_to_unicode_map() {
    let (mut pdf, id) = page("BT /F2 10.5 Tf 72 700 Td <000100020003> Tj 1 0 0 1 110 700 Tm <0004> Tj ET");
    let map = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def \
               1 begincodespacerange <0000> <FFFF> endcodespacerange \
               4 beginbfchar <0001> <9884> <0002> <7B97> <0003> <6570> <0004> <0035> endbfchar \
               endcmap CMapName currentdict /CMap defineresource pop end end";
    let to_unicode = pdf.add_object(Stream::new(dictionary! {}, map.as_bytes().to_vec()));
    let font = pdf.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
        "ToUnicode" => to_unicode,
    });
    let resources = dictionary! { "Font" => dictionary! { "F2" => font } };
    pdf.get_object_mut(id).and_then(Object::as_dict_mut).map(|page| page.set("Resources", resources)).unwrap();
    assert_eq!(text(&pdf, id).map(|page| page.text), Ok("预算数 5".to_string()));
}

/// Without `/ToUnicode`, two-byte glyph ids mean nothing: counted as
/// undecoded, so the reader is told, not given control characters.
#[test]
fn glyph_ids_without_a_map_are_undecoded() {
    let (mut pdf, id) = page("BT /F2 10.5 Tf 72 700 Td <000100020003> Tj ET");
    let font = pdf.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
    });
    let resources = dictionary! { "Font" => dictionary! { "F2" => font } };
    pdf.get_object_mut(id).and_then(Object::as_dict_mut).map(|page| page.set("Resources", resources)).unwrap();
    let page = text(&pdf, id).map(|page| (page.text, page.undecoded));
    assert_eq!(page, Ok((String::new(), 1)));
}

#[test]
fn words_are_kept_with_their_place_on_the_page() {
    let (pdf, id) = page("BT /F1 10 Tf 72 700 Td (total 353.21) Tj 1 0 0 1 180 690 Tm (595.07) Tj ET");
    let page = text(&pdf, id).unwrap();
    let words: Vec<(&str, f64, f64)> = page
        .words
        .iter()
        .map(|word| (page.text.get(word.bytes.clone()).unwrap_or_default(), word.x0.round(), word.y))
        .collect();
    assert_eq!(words, [("total", 72.0, 700.0), ("353.21", 100.0, 700.0), ("595.07", 180.0, 690.0)]);
    assert!(page.words.iter().all(|word| word.x1 > word.x0 && word.size == 10.0));
}

#[test]
fn q_nested_past_the_limit_is_refused() {
    let (pdf, id) = page(&"q ".repeat(super::MAX_NESTING + 1));
    assert_eq!(text(&pdf, id).err(), Some("Over(Nesting)".to_string()));
    let (pdf, id) = page(&"q Q ".repeat(super::MAX_NESTING + 1));
    assert!(text(&pdf, id).is_ok());
}
