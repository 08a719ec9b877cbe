//! The budgets of the .xlsx and text readers (issue 11, items 2, 3, 5 and
//! the formula-only sheet of 12): a hostile input is refused with a
//! Chinese message naming the limit, exit 2, under a small peak; a large
//! legitimate one is linted normally.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::capped::{self, CAP_BYTES};
use super::scratch::Scratch;

const MB: u64 = 1 << 20;

const NAMESPACE: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A one-sheet workbook: its `<sheetData>` rows and, when given, its shared
/// strings part; `stored` writes the parts uncompressed.
fn workbook(rows: &str, shared_strings: Option<&str>, stored: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let options = SimpleFileOptions::default().compression_method(method).large_file(true);
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NAMESPACE}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    if let Some(strings) = shared_strings {
        part("xl/sharedStrings.xml", strings);
    }
    part(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NAMESPACE}"><sheetData>{rows}</sheetData></worksheet>"#
        ),
    );
    zip.finish().unwrap().into_inner()
}

fn shared_strings(unique_count: &str, strings: &[&str]) -> String {
    let items: String = strings.iter().map(|text| format!("<si><t>{text}</t></si>")).collect();
    format!(r#"<sst xmlns="{NAMESPACE}" count="{unique_count}" uniqueCount="{unique_count}">{items}</sst>"#)
}

/// Lints `file` (written into a fresh folder with an ordinary report beside
/// it, so the batch is seen to go on) and expects it refused with `message`.
fn refused(name: &str, file: &str, bytes: &[u8], message: &str, peak: u64) {
    let scratch = Scratch::new(name);
    scratch.write(file, bytes);
    scratch.write("普通报告.txt", "一、基本情况\n年初预算数为 100.00 万元，全年预算数为 120.00 万元。\n");
    let run = capped::run(scratch.path(), &["lint", file, "普通报告.txt"]);
    run.assert_ends(2, peak);
    assert!(run.prints(message), "{}", run.brief());
    assert!(run.prints("共检查 2 个文件"), "the batch went on: {}", run.brief());
}

#[test]
fn a_shared_string_count_no_memory_can_hold_is_refused_not_reserved() {
    let one_row = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
    for count in ["1000000000000000000", "10000000000"] {
        let bytes = workbook(one_row, Some(&shared_strings(count, &["一、基本情况"])), false);
        refused(&format!("unique-{count}"), "自评表.xlsx", &bytes, "共享字符串表声明了", 200 * MB);
    }
}

#[test]
fn one_long_shared_string_in_a_thousand_cells_is_measured_before_it_is_copied() {
    let long = "哈".repeat(3_500_000 / 3);
    let rows: String =
        (1..=1000).map(|row| format!(r#"<row r="{row}"><c r="A{row}" t="s"><v>0</v></c></row>"#)).collect();
    let bytes = workbook(&rows, Some(&shared_strings("1", &[&long])), false);
    assert!(bytes.len() < 100_000, "the file is small: {} bytes", bytes.len());
    refused("shared-long", "自评表.xlsx", &bytes, "超过 16 MiB 的上限", 300 * MB);
}

#[test]
fn a_sheet_over_the_inflation_budget_is_refused_before_it_is_inflated() {
    // Stored, not deflated, to keep the test quick: the budget is on the
    // size a part inflates to, whatever its compression.
    let padding = " ".repeat(65 << 20);
    let rows = format!(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>一、概况</t></is></c></row>{padding}"#);
    let bytes = workbook(&rows, None, true);
    refused("inflation", "自评表.xlsx", &bytes, "解压后超过 67108864 字节的上限", 200 * MB);
}

#[test]
fn a_formula_only_sheet_is_read_from_its_cached_values() {
    let rows = r#"<row r="1"><c r="A1" t="str"><f>"一、基本情况"</f><v>一、基本情况</v></c></row>
        <row r="2"><c r="A2" t="str"><f>"年初预算数"</f><v>年初预算数</v></c><c r="B2"><f>50+50</f><v>100</v></c></row>"#;
    let scratch = Scratch::new("formulas");
    scratch.write("公式.xlsx", workbook(rows, None, false));
    let run = capped::run(scratch.path(), &["facts", "公式.xlsx"]);
    assert!(!run.prints("文件为空"), "{}", run.brief());
    assert!(!run.prints("无法读取"), "{}", run.brief());
}

#[test]
fn formulas_never_calculated_are_named_not_called_empty() {
    let rows = r#"<row r="1"><c r="A1"><f>SUM(B1:B3)</f></c><c r="B1" t="str"><f>"x"</f><v></v></c></row>"#;
    let bytes = workbook(rows, None, false);
    refused("uncalculated", "公式.xlsx", &bytes, "2 个单元格只有公式，没有保存计算结果", 200 * MB);
}

#[test]
fn sixteen_megabytes_of_headings_or_figures_are_refused_by_their_parts() {
    let heads = "一、1\n".repeat(2_000_000);
    refused("text-heads", "标题.txt", heads.as_bytes(), "文件内容过于零碎", 200 * MB);
    let ones = "1 ".repeat(8_000_000);
    refused("text-ones", "数字.txt", ones.as_bytes(), "超过 400000 个的上限", 200 * MB);
}

#[test]
fn text_just_under_the_part_budget_is_linted_under_the_cap() {
    let scratch = Scratch::new("text-under");
    scratch.write("标题.txt", "一、1\n".repeat(399_000));
    scratch.write("数字.txt", "1 ".repeat(399_000));
    for file in ["标题.txt", "数字.txt"] {
        let run = capped::run(scratch.path(), &["lint", file]);
        assert!(matches!(run.code, Some(0 | 1)), "{}", run.brief());
        assert!(run.peak < 700 * MB, "peak {} MB: {}", run.peak >> 20, run.brief());
    }
}

/// A budget that refuses a real report is a defect too: a 50,000-cell
/// workbook (2,500 rows of 20 columns: names, amounts, rates) is linted.
#[test]
fn a_fifty_thousand_cell_workbook_is_linted_normally() {
    let mut rows = String::from(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c></row>"#);
    for row in 2..=2501u32 {
        rows.push_str(&format!(r#"<row r="{row}">"#));
        for column in 0..20u8 {
            let reference = format!("{}{row}", char::from(b'A' + column));
            if column % 4 == 0 {
                rows.push_str(&format!(r#"<c r="{reference}" t="s"><v>{}</v></c>"#, row % 50));
            } else {
                rows.push_str(&format!(r#"<c r="{reference}"><v>{}.{}</v></c>"#, row * 3 + u32::from(column), column));
            }
        }
        rows.push_str("</row>");
    }
    let names: Vec<String> = (0..50).map(|index| format!("项目{index}资金")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let scratch = Scratch::new("xlsx-large");
    scratch.write("大表.xlsx", workbook(&rows, Some(&shared_strings("50", &names)), false));
    let run = capped::run(scratch.path(), &["lint", "大表.xlsx"]);
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.brief());
    assert!(!run.prints("无法读取"), "{}", run.brief());
    assert!(run.peak < CAP_BYTES / 2, "peak {} MB: {}", run.peak >> 20, run.brief());
}
