use super::*;
use crate::source::docx::grid::VerticalMerge;
use crate::source::docx::nested::NestedTable;

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

fn read_body(body: &str) -> Result<Vec<Item>, SourceError> {
    read(&format!("<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"), 256)
}

/// Paragraphs as `¶ text`, tables as one `a | b` line per row, cell
/// paragraphs joined by `/`.
fn shown(body: &str) -> Vec<String> {
    let items = read_body(body).unwrap();
    let mut lines = Vec::new();
    for item in items {
        match item {
            Item::Paragraph(text) => lines.push(format!("¶ {text}")),
            Item::Table(rows) => lines.extend(
                rows.iter()
                    .map(|cells| cells.iter().map(|cell| cell.paragraphs.join("/")).collect::<Vec<_>>().join(" | ")),
            ),
        }
    }
    lines
}

/// Every text position of a table's rows: `column:width` for a cell (`+`
/// a restart, `^` a continuation), `·` for padding.
fn places(body: &str) -> Vec<String> {
    let items = read_body(body).unwrap();
    let [Item::Table(rows)] = items.as_slice() else { panic!("{items:?}") };
    rows.iter()
        .map(|cells| {
            let places: Vec<String> = cells
                .iter()
                .map(|cell| match cell.place {
                    None => "·".to_string(),
                    Some(place) => {
                        let merge = match place.merge {
                            VerticalMerge::None => "",
                            VerticalMerge::Restart => "+",
                            VerticalMerge::Continue => "^",
                        };
                        format!("{}:{}{merge}", place.column, place.width)
                    }
                })
                .collect();
            places.join(" ")
        })
        .collect()
}

/// The nested tables of the body's only table, cell by cell, each row as
/// its cells' text (sliced from the paragraph their ranges point into) with
/// `@column` when not at the expected place.
fn nested_tables(body: &str) -> Vec<Vec<String>> {
    let items = read_body(body).unwrap();
    let [Item::Table(rows)] = items.as_slice() else { panic!("{items:?}") };
    let mut tables = Vec::new();
    for cell in rows.iter().flatten() {
        for NestedTable { paragraph, rows } in &cell.nested {
            let text = &cell.paragraphs[*paragraph];
            tables.push(
                rows.iter()
                    .map(|cells| {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|cell| format!("{}@{}", text.get(cell.range.clone()).unwrap(), cell.place.column))
                            .collect();
                        cells.join(" | ")
                    })
                    .collect(),
            );
        }
    }
    tables
}

fn paragraph(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn cell(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

#[test]
fn runs_join_into_one_paragraph() {
    let body = paragraph(
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t>合计</w:t></w:r><w:r><w:t>775.</w:t></w:r><w:r><w:t xml:space="preserve">45 万元</w:t></w:r>"#,
    );
    assert_eq!(shown(&body), ["¶ 合计775.45 万元"]);
}

#[test]
fn content_inside_properties_is_read_as_nothing() {
    // A damaged file's row inside run properties: repeating the run (as a
    // commented copy does when it cuts it) must not change the text.
    let properties = "<w:rPr><w:tr/><w:p><w:r><w:t>隐</w:t></w:r></w:p></w:rPr>";
    let once = paragraph(&format!("<w:r>{properties}<w:t>（2024年度）</w:t></w:r>"));
    let cut = paragraph(&format!(
        "<w:r>{properties}<w:t>（</w:t></w:r><w:r>{properties}<w:t>2024年</w:t></w:r><w:r>{properties}<w:t>度）</w:t></w:r>"
    ));
    assert_eq!(shown(&once), ["¶ （2024年度）"]);
    assert_eq!(shown(&cut), shown(&once));
}

#[test]
fn tabs_and_breaks_inside_a_paragraph() {
    let body =
        paragraph("<w:r><w:t>项目</w:t><w:tab/><w:t>金额</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r>");
    assert_eq!(shown(&body), ["¶ 项目\t金额\n第二行\n第三行"]);
}

#[test]
fn tab_stops_are_not_tabs() {
    let body = paragraph(
        r#"<w:pPr><w:tabs><w:tab w:val="left" w:pos="2160"/></w:tabs></w:pPr><w:r><w:t>一、概况</w:t></w:r>"#,
    );
    assert_eq!(shown(&body), ["¶ 一、概况"]);
}

#[test]
fn tracked_deletions_are_dropped_and_insertions_kept() {
    let body = paragraph(concat!(
        "<w:r><w:t>预算数</w:t></w:r>",
        "<w:del w:id=\"1\" w:author=\"审核\"><w:r><w:delText>120.00</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\" w:author=\"审核\"><w:r><w:t>130.00</w:t></w:r></w:ins>",
        "<w:moveFrom w:id=\"3\"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>",
        "<w:r><w:t>万元</w:t></w:r>",
    ));
    assert_eq!(shown(&body), ["¶ 预算数130.00万元"]);
}

#[test]
fn a_deleted_paragraph_mark_joins_the_next_paragraph() {
    let body = [
        paragraph(r#"<w:pPr><w:rPr><w:del w:id="4" w:author="审核"/></w:rPr></w:pPr><w:r><w:t>全年支出</w:t></w:r>"#),
        paragraph("<w:r><w:t>88.10万元。</w:t></w:r>"),
        paragraph("<w:r><w:t>下一段。</w:t></w:r>"),
    ]
    .concat();
    assert_eq!(shown(&body), ["¶ 全年支出88.10万元。", "¶ 下一段。"]);
}

#[test]
fn fields_and_hyperlinks_keep_their_shown_text() {
    let body = paragraph(concat!(
        "<w:hyperlink w:anchor=\"x\"><w:r><w:t>见附表</w:t></w:r></w:hyperlink>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
        "<w:r><w:t>3</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>/9</w:t></w:r></w:fldSimple>",
        "<w:sdt><w:sdtContent><w:r><w:t>页</w:t></w:r></w:sdtContent></w:sdt>",
    ));
    assert_eq!(shown(&body), ["¶ 见附表3/9页"]);
}

#[test]
fn hidden_runs_are_dropped() {
    let body = paragraph(concat!(
        "<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t><w:tab/></w:r>",
        "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>可见</w:t></w:r>",
    ));
    assert_eq!(shown(&body), ["¶ 可见"]);
}

#[test]
fn text_boxes_flatten_into_their_paragraph_once() {
    let text_box =
        "<w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p><w:p><w:r><w:t>两段</w:t></w:r></w:p></w:txbxContent>";
    let body = paragraph(&format!(
        "<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">{text_box}</mc:Choice><mc:Fallback>{text_box}</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>之后</w:t></w:r>"
    ));
    assert_eq!(shown(&body), ["¶ 正文 框内 两段 之后"]);
}

#[test]
fn merged_cells_keep_the_columns_aligned() {
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let text = |text: &str| paragraph(&format!("<w:r><w:t>{text}</w:t></w:r>"));
    let short_row = format!("<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr>", cell(&text("小计")));
    let body = format!(
        "<w:tbl><w:tblGrid/>{}{}{}{}</w:tbl>",
        row(&[cell(&text("指标")), cell(&text("分值")), cell(&text("得分")), cell(&text("备注"))]),
        row(&[
            cell(&format!("<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}", text("产出"))),
            cell(&format!("<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}", text("20"))),
            cell(&text("合并"))
        ]),
        row(&[
            cell(&format!("<w:tcPr><w:vMerge/></w:tcPr>{}", text("残留"))),
            cell(&text("10")),
            cell(&text("9.5")),
            cell("")
        ]),
        short_row,
    );
    assert_eq!(shown(&body), ["指标 | 分值 | 得分 | 备注", "产出 | 20 |  | 合并", " | 10 | 9.5 | ", " | 小计"]);
    assert_eq!(places(&body), ["0:1 1:1 2:1 3:1", "0:1+ 1:2 · 3:1", "0:1^ 1:1 2:1 3:1", "· 1:1"]);
}

#[test]
fn places_count_skipped_and_spanned_columns() {
    let wide = cell(r#"<w:tcPr><w:gridSpan w:val="70"/></w:tcPr>"#);
    let row = format!(r#"<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>{wide}{}</w:tr>"#, cell(""));
    assert_eq!(places(&format!("<w:tbl>{row}</w:tbl>")), [format!("· · 2:64 {}66:1", "· ".repeat(63))]);
    let nonsense = cell(r#"<w:tcPr><w:gridSpan w:val="-3"/><w:vMerge w:val="maybe"/></w:tcPr>"#);
    assert_eq!(places(&format!("<w:tbl><w:tr>{nonsense}</w:tr></w:tbl>")), ["0:1"]);
}

#[test]
fn deleted_rows_are_dropped_and_nested_tables_flattened() {
    let text = |text: &str| paragraph(&format!("<w:r><w:t>{text}</w:t></w:r>"));
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        cell(&text("甲")),
        cell(&text("乙")),
        cell(&text("丙"))
    );
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:del w:id=\"5\"/></w:trPr>{}</w:tr></w:tbl>",
        cell(&format!("{}{}", text("说明"), nested)),
        cell(&paragraph("<w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t></w:r>")),
        cell(&text("删除的行")),
    );
    assert_eq!(shown(&body), ["说明/甲 乙 丙 | 一 二 三"]);
    assert_eq!(nested_tables(&body), [["甲@0 | 乙@1", "丙@0"]]);
}

#[test]
fn nested_tables_are_recorded_with_their_merges_at_any_depth() {
    let text = |text: &str| paragraph(&format!("<w:r><w:t>{text}</w:t></w:r>"));
    let with = |properties: &str, content: &str| cell(&format!("<w:tcPr>{properties}</w:tcPr>{content}"));
    let deepest = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(&text("子1")), cell(&text("子2")));
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:del w:id=\"6\"/></w:trPr>{}</w:tr></w:tbl>",
        with(r#"<w:gridSpan w:val="2"/>"#, &text("合并表头")),
        with(r#"<w:vMerge w:val="restart"/>"#, &text("纵向")),
        cell(&format!("{}{deepest}", text("外"))),
        cell(&text("左")),
        cell(&text("中")),
        with("<w:vMerge/>", ""),
        cell(&text("已删除")),
    );
    let body = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(&text("附表")), cell(&nested));
    assert_eq!(shown(&body), ["附表 | 合并表头 纵向 外 子1 子2 左 中 已删除"]);
    assert_eq!(
        nested_tables(&body),
        [vec!["合并表头@0 | 纵向@2", "外 子1 子2@1", "左@0 | 中@1 | @2"], vec!["子1@0 | 子2@1"]]
    );
    let items = read_body(&body).unwrap();
    let [Item::Table(rows)] = items.as_slice() else { panic!("{items:?}") };
    let first = &rows[0][1].nested[0];
    let merges: Vec<(usize, VerticalMerge)> =
        first.rows.iter().flatten().map(|cell| (cell.place.width, cell.place.merge)).collect();
    assert_eq!(merges[0], (2, VerticalMerge::None));
    assert_eq!(merges[1], (1, VerticalMerge::Restart));
    assert_eq!(merges[5], (1, VerticalMerge::Continue));
}

#[test]
fn a_continuation_drops_its_nested_tables_with_its_text() {
    let nested = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>藏</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>上</w:t></w:r></w:p>"#),
        cell("<w:p><w:r><w:t>右</w:t></w:r></w:p>"),
        cell(&format!("<w:tcPr><w:vMerge/></w:tcPr>{nested}")),
        cell("<w:p><w:r><w:t>下</w:t></w:r></w:p>"),
    );
    assert_eq!(shown(&body), ["上 | 右", " | 下"]);
    assert!(nested_tables(&body).is_empty());
}

#[test]
fn nested_tables_in_a_body_text_box_stay_flattened_text() {
    let text_box = "<w:txbxContent><w:tbl><w:tr><w:tc><w:p><w:r><w:t>框</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:txbxContent>";
    let body = paragraph(&format!("<w:r><w:t>正文</w:t></w:r><w:r>{text_box}</w:r>"));
    assert_eq!(read_body(&body).unwrap(), [Item::Paragraph("正文 框 表".into())]);
}

#[test]
fn entities_are_never_expanded() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE w:document [
  <!ENTITY outside SYSTEM "file:///etc/passwd">
  <!ENTITY inside "展开了">
]>
<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&lt;前&outside;中&inside;后&#x4E00;&#20108;&amp;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let items = read(&xml, 256).unwrap();
    assert_eq!(items, [Item::Paragraph("<前中后一二&".into())]);
}

#[test]
fn malformed_xml_is_an_error() {
    let deep = format!("{}{}", "<w:sdt>".repeat(300), "</w:sdt>".repeat(300));
    let error = read_body(&deep).unwrap_err();
    assert!(error.to_string().contains("嵌套超过 256 层"), "{error}");
    assert!(read_body(&format!("{}{}", "<w:sdt>".repeat(200), "</w:sdt>".repeat(200))).is_ok());
    assert!(matches!(read_body("<w:p><w:r></w:p>"), Err(SourceError::Docx { .. })));
    let unclosed = format!("<w:document {NAMESPACES}><w:body><w:p>");
    assert!(read(&unclosed, 256).unwrap_err().to_string().contains("不完整"));
}

#[test]
fn merged_columns_cannot_multiply_without_bound() {
    let wide_cell = cell(r#"<w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p>"#);
    let body = format!("<w:tbl>{}</w:tbl>", format!("<w:tr>{wide_cell}</w:tr>").repeat(2_000));
    let items = read_body(&body).unwrap();
    let [Item::Table(rows)] = items.as_slice() else { panic!("{items:?}") };
    assert_eq!(rows[0].len(), 64);
    let cells: usize = rows.iter().map(Vec::len).sum();
    assert_eq!(cells, 2_000 + 100_000);
    // Past the padding budget the text is short, but the grid keeps its shape.
    let last = rows.last().unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].place.map(|place| (place.column, place.width)), Some((0, 64)));
}

#[test]
fn nested_cells_cannot_multiply_without_bound() {
    let nested = format!("<w:tbl>{}</w:tbl>", format!("<w:tr>{}</w:tr>", "<w:tc/>".repeat(1_000)).repeat(300));
    let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell(&nested));
    let items = read_body(&body).unwrap();
    let [Item::Table(rows)] = items.as_slice() else { panic!("{items:?}") };
    let recorded: usize = rows[0][0].nested.iter().flat_map(|table| &table.rows).map(|row| row.len() + 1).sum();
    assert_eq!(recorded + 1, crate::source::docx::nested::MAX_NESTED_PARTS);
}
