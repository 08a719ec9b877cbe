//! Report-like texts for the span property: template vocabulary, figures in
//! every spelling the seeds use, numbering, tables, Markdown and OCR
//! leftovers, page-break artefacts and Unicode that is hard on byte
//! offsets (combining marks, emoji sequences, four-byte characters).
//!
//! Output: a [`Case`] — the text, the format it is read as and the encoding
//! its bytes are written in. Pieces are concatenated, so a figure may be cut
//! by a line break, a bold marker may open inside a number, and a table row
//! may follow a heading without a line break.

use proptest::prelude::*;
use proptest::sample::select;
use reportlint::source::Format;

/// How the text's bytes are written.
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Utf16WithBom,
    Gb18030,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub text: String,
    pub format: Format,
    pub encoding: Encoding,
}

impl Case {
    pub fn bytes(&self) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 => self.text.as_bytes().to_vec(),
            Encoding::Utf8WithBom => ["\u{FEFF}".as_bytes(), self.text.as_bytes()].concat(),
            Encoding::Utf16WithBom => {
                let units = self.text.encode_utf16().flat_map(u16::to_le_bytes);
                [0xFF, 0xFE].into_iter().chain(units).collect()
            }
            Encoding::Gb18030 => encoding_rs::GB18030.encode(&self.text).0.into_owned(),
        }
    }
}

pub fn case() -> impl Strategy<Value = Case> {
    let encoding = prop_oneof![
        6 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8WithBom),
        1 => Just(Encoding::Utf16WithBom),
        1 => Just(Encoding::Gb18030),
    ];
    let format = prop_oneof![Just(Format::Text), Just(Format::Markdown)];
    (text(), format, encoding).prop_map(|(text, format, encoding)| Case { text, format, encoding })
}

pub fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn piece() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(listed(WORDS)).prop_map(String::from),
        1 => select(SPACES).prop_map(String::from),
        4 => figure(),
        3 => labelled_figures(),
        2 => select(listed(NUMBERINGS)).prop_map(String::from),
        3 => select(BREAKS).prop_map(String::from),
        1 => select(PAGE_BREAKS).prop_map(String::from),
        1 => table_row(),
        2 => select(listed(MARKUP)).prop_map(String::from),
        1 => select(LINE_MARKERS).prop_map(String::from),
        2 => select(listed(ODD_UNICODE)).prop_map(String::from),
        1 => any::<char>().prop_filter("NUL makes the file binary", |&c| c != '\0').prop_map(String::from),
    ]
    .boxed()
}

/// The items of a list written one space apart.
fn listed(items: &'static str) -> Vec<&'static str> {
    items.split(' ').collect()
}

/// Template labels and their fillers, units, punctuation, relations and
/// region names (so that every regional pack gets picked).
const WORDS: &str = "年初预算数 年初批复预算数 年初安排预算数 年中调整数 年中追加数 调整后全年预算数 全年预算数 \
    全年实际支出资金 全年实际支出 预算执行率 预算调整率 资金执行率 占总支出的 其中 上级安排 本级安排 其他资金 \
    基本支出 专项项目 全年预算总额 政府采购预算数 固定资产原值 累计折旧 “三公”经费预算数 综合得分 评价结果为 \
    分值权重 权重分值 自评得分 自评完成值 指标完成率 指标值 三级指标 合计 为 共计 约 调减 下降 增长 万元 元 亿元 \
    % ％ 分 个 次 项 人 优 良 ， 。 ： : ； 、 （ ） ( ) 《 》 克拉玛依区 乌鲁木齐 石家庄 临泽县 张掖 ≥ ≤ ＞ \
    大于等于 不低于 - − — ~ ～ 至 × ÷ =";

const SPACES: &[&str] = &[" ", "\t", "\u{3000}", "  "];

const NUMBERINGS: &str =
    "一、 二、 三、 十一、 （一） （二） (三) （十二） 1. 2. 3、 12. 1.2. （1） （4） (5) ① ⑤ ⑳ ①② 第一部分";

/// Line breaks, and what a PDF or Word export leaves at a page break.
const BREAKS: &[&str] = &["\n", "\n", "\r\n", "\r", "\n\n", "\n \n", "\u{c}", "\u{2028}", "\u{85}", "\r\n\r\n"];
const PAGE_BREAKS: &[&str] = &["\n- 3 -\n", "\n— 12 —\n", "\n第 2 页 共 9 页\n", "\n7\n"];

/// Markdown, HTML and OCR LaTeX leftovers.
const MARKUP: &str = "** ** | |---|---|\n <br> &nbsp; &lt; &gt; <p> </p> [bookmark:_Toc1] ` $ $\\geq90\\%$ $\\leq$ \
    \\geq \\% \\text{ } \\times";
const LINE_MARKERS: &[&str] = &["## ", "# ", "> ", "- ", "* "];

/// Combining marks, emoji sequences, four-byte and private-use characters,
/// zero-width and bidi controls, a BOM in the middle.
const ODD_UNICODE: &str = "\u{301} e\u{301} 年\u{301} \u{20DD} 5\u{20E3} 👍 👍🏽 👨\u{200D}👩\u{200D}👧 🇨🇳 \u{200B} \
    \u{200D} \u{FEFF} \u{FFFD} 𠀀 𝟙 \u{10FFFF} Ａ ｱ ﾞ \u{E000} \u{202E}";

/// A figure as reports write it: sign or relation, digits (half- or
/// full-width, with or without decimals), bold, a unit, breaks inside.
fn figure() -> impl Strategy<Value = String> {
    let relation = select(&["", "", "", "≥", "≤", ">", "<=", "大于等于", "不低于", "$\\geq ", "-", "−"][..]);
    let digits = (0u64..100_000_000, prop::option::of("[0-9]{1,4}"), 0u64..5).prop_map(|(whole, fraction, leading)| {
        let whole = if leading == 0 { whole % 100 } else { whole };
        fraction.map_or_else(|| whole.to_string(), |fraction| format!("{whole}.{fraction}"))
    });
    let unit = select(
        &["万元", "元", "亿元", "%", "％", "\\%$", "分", "个", "次", "项", "", "", " 万元", "万\n\n元", "\n%"][..],
    );
    (relation, digits, any::<bool>(), any::<bool>(), unit).prop_map(|(relation, digits, wide, bold, unit)| {
        let digits = if wide { full_width(&digits) } else { digits };
        let digits = if bold { format!("**{digits}**") } else { digits };
        format!("{relation}{digits}{unit}")
    })
}

/// `label 为 figure，label figure，…。`: the sentences patterns look for.
fn labelled_figures() -> impl Strategy<Value = String> {
    let pair = (select(listed(WORDS)), select(&["", "为", "：", " ", "共计"][..]), figure());
    prop::collection::vec(pair, 1..5).prop_map(|pairs| {
        let parts: Vec<String> =
            pairs.iter().map(|(label, filler, figure)| format!("{label}{filler}{figure}")).collect();
        format!("{}。", parts.join("，"))
    })
}

/// A table row: tab-separated (Word export) or between pipes (Markdown).
fn table_row() -> impl Strategy<Value = String> {
    let cell = prop_oneof![select(listed(WORDS)).prop_map(String::from), figure(), Just(String::new())];
    (prop::collection::vec(cell, 1..6), any::<bool>()).prop_map(|(cells, piped)| {
        if piped { format!("\n| {} |\n", cells.join(" | ")) } else { format!("\n{}\n", cells.join("\t")) }
    })
}

fn full_width(digits: &str) -> String {
    digits
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap_or(c),
            '.' => '．',
            other => other,
        })
        .collect()
}
