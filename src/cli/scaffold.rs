//! `reportlint rules new ID`: a region pack to start from.
//!
//! Input: the pack id, the folder to put it in, the packs it extends and the
//! text that identifies its reports. Output: a new folder `DIR/ID/` holding
//! `pack.yaml` (id, title, `extends`, `detect`), `facts.yaml` (one fact),
//! `checks.yaml` (one check with a passing and a failing example), a sample
//! report the pack is chosen for, and the JSON Schema of rule files; every
//! YAML file starts with the `# yaml-language-server: $schema=…` line that
//! points an editor at the schema beside it. An existing folder is never
//! written into.
//!
//! What it writes passes `rules test` and is chosen by `lint` for its
//! sample as it stands: the packs it extends are loaded first (embedded,
//! configuration, `--rules`, and the packs already in DIR), and a parent
//! that is missing or lacks the fact the sample check reads is refused
//! before anything is written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use reportlint::rules::{self, RuleSet};

use super::output::{emit, load_rules};
use super::{EXIT_CLEAN, EXIT_UNREADABLE, RuleSources};

/// The schema's file name beside the pack's YAML files.
pub const SCHEMA_FILE: &str = "reportlint-rules.schema.json";
/// The sample report's file name.
pub const SAMPLE_FILE: &str = "示例报告.txt";
/// The inherited fact the sample check compares the new one with.
const PARENT_FACT: &str = "budget.spent";

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// 新规则包的标识，也是它的文件夹名，如 hunan-changsha
    #[arg(value_name = "标识")]
    id: String,
    /// 在这个文件夹里新建规则包文件夹（默认：当前文件夹）
    #[arg(long, value_name = "文件夹", default_value = ".")]
    dir: PathBuf,
    /// 继承的规则包，可写多次
    #[arg(long, value_name = "规则包", default_value = "national")]
    extends: Vec<String>,
    /// 识别本地区报告的文字，写在报告开头的地区名称，如 长沙市（默认：规则包编号）
    #[arg(long, value_name = "文字")]
    detect: Option<String>,
    #[command(flatten)]
    sources: RuleSources,
}

pub fn run(args: NewArgs) -> u8 {
    match scaffold(args) {
        Ok(summary) => {
            emit(&summary);
            EXIT_CLEAN
        }
        Err(code) => code,
    }
}

fn scaffold(args: NewArgs) -> Result<String, u8> {
    let refuse = |message: String| {
        eprintln!("错误：{message}");
        EXIT_UNREADABLE
    };
    if !rules::is_valid_id(&args.id) || args.id.chars().all(|character| character == '.') {
        return Err(refuse(format!(
            "`{}` 不能作规则包编号：编号由字母、数字、-、_ 和 . 组成，最多 64 个字符，如 hunan-changsha",
            args.id.escape_debug()
        )));
    }
    let detect = args.detect.clone().unwrap_or_else(|| args.id.clone());
    if detect.trim().is_empty() || detect.chars().any(char::is_control) {
        return Err(refuse("识别文字不能为空，也不能含换行或控制字符".to_string()));
    }
    let folder = args.dir.join(&args.id);
    if folder.symlink_metadata().is_ok() {
        return Err(refuse(format!("{} 已存在，不会覆盖；请换一个编号，或用 --dir 放到别的文件夹", folder.display())));
    }
    let loaded = load_parents(&args)?;
    check_parents(&loaded, &args).map_err(refuse)?;

    let files = files(&args.id, &detect, &args.extends);
    std::fs::create_dir_all(&args.dir)
        .and_then(|()| std::fs::create_dir(&folder))
        .map_err(|error| refuse(format!("无法新建文件夹 {}：{error}", folder.display())))?;
    for (name, text, _) in &files {
        let path = folder.join(name);
        std::fs::write(&path, text).map_err(|error| refuse(format!("无法写入 {}：{error}", path.display())))?;
    }
    Ok(summary(&args, &folder, &detect, &files))
}

/// The rules the new pack will be loaded with: the command's own, and the
/// packs already in DIR (a province pack the new county pack extends).
fn load_parents(args: &NewArgs) -> Result<RuleSet, u8> {
    let mut sources = args.sources.clone();
    if holds_packs(&args.dir) {
        sources.rules.push(args.dir.clone());
    }
    load_rules(&sources)
}

fn holds_packs(dir: &Path) -> bool {
    dir.join("pack.yaml").is_file()
        || std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(Result::ok).any(|entry| entry.path().join("pack.yaml").is_file()))
            .unwrap_or(false)
}

fn check_parents(rules: &RuleSet, args: &NewArgs) -> Result<(), String> {
    if let Some(existing) = rules.pack(&args.id) {
        return Err(format!(
            "已有规则包 {}（{}）；新规则包请换一个编号。要修改它，请编辑它的文件",
            args.id, existing.title
        ));
    }
    let known = || rules.packs.keys().map(String::as_str).collect::<Vec<_>>().join("、");
    for parent in &args.extends {
        if rules.pack(parent).is_none() {
            return Err(format!(
                "--extends 写的规则包 {parent} 不存在；已有的规则包：{}。别的文件夹里的规则包用 --rules 文件夹 加入",
                known()
            ));
        }
    }
    let reads_parent_fact =
        args.extends.iter().filter_map(|parent| rules.pack(parent)).any(|pack| pack.facts.contains_key(PARENT_FACT));
    if !reads_parent_fact {
        return Err(format!(
            "示例检查要用继承来的事实 {PARENT_FACT}（全年实际支出），--extends 的规则包里都没有它；请继承 national 或继承它的规则包"
        ));
    }
    Ok(())
}

/// `(file name, text, what it holds)` of every file of the new pack.
fn files(id: &str, detect: &str, extends: &[String]) -> Vec<(&'static str, String, String)> {
    let modeline = format!("# yaml-language-server: $schema=./{SCHEMA_FILE}\n");
    let title = format!("{detect} 绩效自评报告");
    let parents = extends.join(", ");
    let pack = format!(
        "{modeline}# {detect}的规则包。只写与所继承的包（{parents}）不同的地方：没写的事实和检查都从那里继承。\n\
         pack:\n  id: {id}\n  title: {}\n  extends: [{parents}]\n  # 报告开头出现这些文字时，lint 选用本规则包。\n  detect: [{}]\n",
        yaml_text(&title),
        yaml_text(detect),
    );
    let facts = format!(
        "{modeline}# 本地区报告里的数字：每个事实一个名称，模式是报告里的原句，{{事实名}} 处是数字。\n\
         facts:\n  training.spent:\n    label: 培训费支出\n    kind: money\n    patterns:\n      - 培训费支出{{training.spent}}\n"
    );
    let checks = format!(
        "{modeline}# 数字之间应有的关系。examples 中 pass 的每一句必须通过、fail 的每一句必须报错：\n\
         # reportlint rules test 逐条运行它们。\n\
         checks:\n\
         \x20 - id: training-within-spending\n\
         \x20   title: 培训费支出 ≤ 全年实际支出\n\
         \x20   severity: error\n\
         \x20   check: training.spent <= {PARENT_FACT}\n\
         \x20   message: 培训费支出超过了全年实际支出\n\
         \x20   rationale: 培训费是全年支出的一部分，不会超过全年实际支出；超过了，多半是单位或数字写错。\n\
         \x20   examples:\n\
         \x20     pass:\n\
         \x20       - 全年实际支出资金 300.00 万元，预算执行率 93.75%。培训费支出 12.00 万元。\n\
         \x20     fail:\n\
         \x20       - 全年实际支出资金 300.00 万元，预算执行率 93.75%。培训费支出 320.00 万元。\n"
    );
    let sample = format!(
        "{detect}示范单位\n2023 年度部门整体支出绩效自评报告\n\n\
         一、基本情况\n本报告由 reportlint rules new 生成，单位和数字都是虚构的，用来试用新规则包。\n\n\
         二、预算执行情况\n年初批复预算数 300.00 万元，年中追加数 20.00 万元，调整后全年预算数 320.00 万元。\
         全年实际支出资金 300.00 万元，预算执行率 93.75%。培训费支出 12.00 万元。\n"
    );
    let schema = format!("{:#}\n", rules::schema());
    vec![
        ("pack.yaml", pack, format!("包头：继承 {}，识别文字“{detect}”", extends.join("、"))),
        ("facts.yaml", facts, "一个事实：training.spent（培训费支出）".to_string()),
        ("checks.yaml", checks, "一条检查：training-within-spending，带应通过和应报错的示例".to_string()),
        (SAMPLE_FILE, sample, "示例报告：开头写着识别文字，lint 会选用本规则包".to_string()),
        (SCHEMA_FILE, schema, "规则文件的 JSON Schema：编辑器据此补全和校验 YAML".to_string()),
    ]
}

/// A YAML scalar for `text`: as written when it is letters, digits and
/// spaces inside, else double-quoted (a JSON string is a YAML one).
fn yaml_text(text: &str) -> String {
    let plain = text.chars().all(|character| character.is_alphanumeric() || character == ' ')
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if plain { text.to_string() } else { serde_json::to_string(text).unwrap_or_default() }
}

fn summary(args: &NewArgs, folder: &Path, detect: &str, files: &[(&'static str, String, String)]) -> String {
    let mut out = format!("已新建规则包 {}（识别文字“{detect}”）：\n", args.id);
    for (name, _, what) in files {
        let _ = writeln!(out, "  {}  {what}", folder.join(name).display());
    }
    let dir = args.dir.display();
    let sample = folder.join(SAMPLE_FILE);
    let _ = write!(
        out,
        "\n接下来：\n  reportlint rules test --rules {dir}    运行各检查的示例\n  reportlint lint --rules {dir} {}    检查示例报告\n",
        sample.display()
    );
    if args.detect.is_none() {
        let _ = writeln!(
            out,
            "识别文字暂用规则包编号；请把 pack.yaml 的 detect 改成报告开头的地区名称（或用 --detect 重新生成）。"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_text_quotes_only_what_yaml_would_misread() {
        assert_eq!(yaml_text("长沙市"), "长沙市");
        assert_eq!(yaml_text("长沙市 绩效自评报告"), "长沙市 绩效自评报告");
        assert_eq!(yaml_text("a: b"), "\"a: b\"");
        assert_eq!(yaml_text("[x]"), "\"[x]\"");
        assert_eq!(yaml_text("#1"), "\"#1\"");
    }

    #[test]
    fn every_yaml_file_points_at_the_schema_beside_it() {
        for (name, text, _) in files("p", "示范县", &["national".to_string()]) {
            if name.ends_with(".yaml") {
                assert!(text.starts_with("# yaml-language-server: $schema=./reportlint-rules.schema.json\n"), "{name}");
            }
        }
    }
}
