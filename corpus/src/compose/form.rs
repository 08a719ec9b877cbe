//! compose::form: the 项目支出绩效自评表 in a report, as its appendix or as
//! the report itself.
//!
//! Input: an attached form (figures, rendering) and the report's layout.
//! Output: as an appendix, `附件：项目支出绩效自评表`, the year and the table
//! after the report's last section; alone, the form's title, the table, then
//! 评价结论, 存在的问题 and 改进措施 in numbered prose that grows to the
//! requested size, and the 填报单位 and 填报日期 lines. The prose after the
//! table holds no figure: what the form says is said by the form.

use std::collections::BTreeMap;

use super::{Layout, Writer};
use crate::figures::Figures;
use crate::form::{self, Attached};
use crate::page::{Page, Place};
use crate::prose;
use crate::random::Random;

/// The narrative regions of a form report and their share of
/// [`Layout::narrative`], in ‰ (streams apart from the department report's).
const CONCLUSION: (u64, i64) = (11, 300);
const PROBLEMS: (u64, i64) = (12, 350);
const MEASURES: (u64, i64) = (13, 350);

impl Writer<'_> {
    pub(super) fn appendix(&mut self, attached: &Attached) {
        self.page.blank();
        self.page.paragraph("附件：项目支出绩效自评表");
        form::write(&mut self.page, attached, &[format!("（{}年度）", attached.form.year)]);
    }
}

/// A report that is the form and a short narrative.
pub fn form_report(figures: &Figures, layout: &Layout, attached: &Attached) -> (String, BTreeMap<Place, usize>) {
    let mut writer = Writer { page: Page::new(), figures, layout, random: Random::fork(layout.prose_seed, 10) };
    let title = ["项目支出绩效自评表".to_string(), format!("（{}年度）", attached.form.year)];
    form::write(&mut writer.page, attached, &title);
    writer.page.blank();
    writer.page.paragraph("一、评价结论");
    writer.paragraphs(CONCLUSION);
    writer.page.blank();
    writer.page.paragraph("二、存在的问题");
    writer.items(PROBLEMS, 1, prose::problem);
    writer.page.blank();
    writer.page.paragraph("三、改进措施");
    writer.items(MEASURES, 1, prose::measure);
    writer.page.blank();
    writer.page.paragraph(&format!("填报单位：{}", attached.form.implementer));
    writer.page.paragraph(&format!("填报日期：{}年{}月{}日", figures.fill_year, layout.filled.0, layout.filled.1));
    writer.page.finish()
}
