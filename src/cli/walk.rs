//! walk: the paths of the command line → the report files to lint, in
//! order, and what the walk had to pass over.
//!
//! A path that is not a folder is linted as given. A folder is walked in
//! sorted order (so output never depends on the file system), down to
//! [`MAX_FOLDER_DEPTH`] levels below it; a folder reached twice (a symbolic
//! link to a parent makes an endless tree) is read once. Files with a
//! report extension are linted; FIFOs and devices among them too, which
//! `source::load` refuses without blocking. Nothing is passed over in
//! silence: an entry that cannot be read (a folder that cannot be listed,
//! a link that cannot be followed) and a folder past the depth limit each
//! become a [`FailedFile`] at its place in the walk, so the batch reports
//! it and exits 2. Old binary Word, Excel and WPS files (`.doc`, `.wps`,
//! `.xls`, `.et`) are linted too, which fails each with the format to save
//! it as ([`source::legacy`]): counting them with the photos would hide a
//! report. Files of other types are only counted, by extension, for the
//! summary and for [`nothing_found`], which says what a walk that found no
//! report found instead. The run's own output and baseline files are left
//! out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use reportlint::lint::FailedFile;
use reportlint::source::{self, LEGACY_FORMATS, SourceError};

use super::overlap::Identity;

/// Deepest folder level searched under a folder argument. Report trees are
/// a few levels deep; the cap bounds the recursion whatever the file system
/// holds. A folder below it is reported, not read.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// Extensions of the files a folder walk lints.
const REPORT_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "csv", "docx", "xlsx", "pdf"];

/// What a walk found.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The files to lint, in order.
    pub files: Vec<PathBuf>,
    /// What could not be walked, each with the number of `files` before it.
    pub passed_over: Vec<(usize, FailedFile)>,
    /// Files in the folders whose type is no report format, by extension
    /// (`.jpg`; `（无扩展名）` for none).
    pub unsupported: BTreeMap<String, usize>,
}

impl Inputs {
    /// How many files of other types the folders held.
    pub fn unsupported_count(&self) -> usize {
        self.unsupported.values().fold(0, |total, count| total.saturating_add(*count))
    }
}

/// The files `paths` name, folders walked; `own` are the run's own output
/// and baseline files, never linted from a folder.
pub fn expand(paths: &[PathBuf], own: &[Identity]) -> Inputs {
    let mut walk = Walk { inputs: Inputs::default(), seen: BTreeSet::new(), own };
    for path in paths {
        if path.is_dir() {
            walk.folder(path, 0);
        } else {
            walk.inputs.files.push(path.clone());
        }
    }
    walk.inputs
}

struct Walk<'a> {
    inputs: Inputs,
    /// Canonical paths of the folders read.
    seen: BTreeSet<PathBuf>,
    own: &'a [Identity],
}

impl Walk<'_> {
    fn folder(&mut self, folder: &Path, depth: usize) {
        if depth > MAX_FOLDER_DEPTH {
            return self.pass_over(folder, SourceError::TooDeep { limit: MAX_FOLDER_DEPTH });
        }
        if let Ok(canonical) = fs::canonicalize(folder) {
            if !self.seen.insert(canonical) {
                return;
            }
        }
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(source) => return self.pass_over(folder, SourceError::Folder { source }),
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(source) => self.pass_over(folder, SourceError::Folder { source }),
            }
        }
        paths.sort();
        for path in paths {
            // Symbolic links followed: a link to a folder is walked, a link
            // to a report is linted, a link to nothing is reported.
            let metadata = match fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(source) => {
                    self.pass_over(&path, SourceError::Io { path: path.clone(), source });
                    continue;
                }
            };
            // The run's own output is passed over, a file or (`--format
            // docx` over several reports) the folder of the copies.
            if Identity::of_existing(&path, &metadata).is_some_and(|identity| self.own.contains(&identity)) {
                continue;
            } else if metadata.is_dir() {
                self.folder(&path, depth.saturating_add(1));
            } else if is_report(&path) || source::legacy(&path).is_some() {
                self.inputs.files.push(path);
            } else {
                let count = self.inputs.unsupported.entry(extension(&path)).or_default();
                *count = count.saturating_add(1);
            }
        }
    }

    fn pass_over(&mut self, path: &Path, error: SourceError) {
        let failed = FailedFile { path: path.display().to_string(), error };
        self.inputs.passed_over.push((self.inputs.files.len(), failed));
    }
}

/// `.jpg`, lower-cased, or `（无扩展名）`.
fn extension(path: &Path) -> String {
    path.extension()
        .map(|extension| format!(".{}", extension.to_string_lossy().to_lowercase()))
        .unwrap_or_else(|| "（无扩展名）".to_owned())
}

/// Why a run whose folders held no report has nothing to lint: what they
/// held, and the formats that are read.
pub fn nothing_found(folders: &[PathBuf], inputs: &Inputs) -> String {
    let place = match folders {
        [folder] => format!("文件夹 {} ", folder.display()),
        _ => format!("这 {} 个文件夹", folders.len()),
    };
    let found = if inputs.unsupported.is_empty() {
        format!("{place}中没有文件")
    } else {
        let kinds: Vec<String> =
            inputs.unsupported.iter().map(|(extension, count)| format!("{count} 个 {extension}")).collect();
        format!("{place}中只有 {} 个其他格式的文件（{}）", inputs.unsupported_count(), kinds.join("、"))
    };
    let supported: Vec<String> = REPORT_EXTENSIONS.iter().map(|extension| format!(".{extension}")).collect();
    let legacy: Vec<String> = LEGACY_FORMATS.iter().map(|(extension, ..)| format!(".{extension}")).collect();
    format!(
        "没有可检查的报告：{found}。能检查的格式：{}；{} 文件请先另存为 .docx 或 .xlsx。",
        supported.join("、"),
        legacy.join("、")
    )
}

fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| REPORT_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[allow(clippy::unwrap_used, reason = "a helper of tests, which may panic by design")]
    fn scratch(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("reportlint-walk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        root
    }

    #[test]
    fn a_link_back_to_a_parent_folder_is_read_once() {
        let root = scratch("parent");
        let inner = root.join("二级");
        fs::create_dir_all(&inner).unwrap();
        fs::write(inner.join("报告.txt"), "一、概况").unwrap();
        std::os::unix::fs::symlink(&root, inner.join("回到上级")).unwrap();
        let inputs = expand(std::slice::from_ref(&root), &[]);
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(inputs.files, vec![inner.join("报告.txt")]);
        assert!(inputs.passed_over.is_empty(), "{:?}", inputs.passed_over);
    }

    #[test]
    fn what_cannot_be_read_is_reported_in_place_and_other_files_counted() {
        let root = scratch("passed-over");
        fs::write(root.join("a.txt"), "一、概况").unwrap();
        std::os::unix::fs::symlink("b-循环", root.join("b-循环")).unwrap();
        fs::write(root.join("c.txt"), "一、概况").unwrap();
        fs::write(root.join("d.jpg"), "").unwrap();
        fs::write(root.join("e.json"), "").unwrap();
        let inputs = expand(std::slice::from_ref(&root), &[Identity::of(&root.join("e.json")).unwrap()]);
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(inputs.files, vec![root.join("a.txt"), root.join("c.txt")]);
        let [(before, failed)] = &inputs.passed_over[..] else { panic!("{:?}", inputs.passed_over) };
        assert_eq!((*before, failed.path.as_str()), (1, root.join("b-循环").to_str().unwrap()));
        assert_eq!(failed.error.to_string(), "符号链接形成了循环");
        assert_eq!(inputs.unsupported_count(), 1, "d.jpg is counted, the run's own e.json is not");
    }

    #[test]
    fn a_folder_past_the_depth_limit_is_reported_not_read() {
        let root = scratch("deep");
        let mut deepest = root.clone();
        for level in 1..=MAX_FOLDER_DEPTH + 1 {
            deepest.push(format!("{level}"));
            if level == MAX_FOLDER_DEPTH {
                fs::create_dir_all(&deepest).unwrap();
                fs::write(deepest.join("最深.txt"), "一、概况").unwrap();
            }
        }
        fs::create_dir_all(&deepest).unwrap();
        fs::write(deepest.join("太深.txt"), "一、概况").unwrap();
        let inputs = expand(std::slice::from_ref(&root), &[]);
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(inputs.files.len(), 1);
        assert!(inputs.files[0].ends_with("最深.txt"));
        let [(_, failed)] = &inputs.passed_over[..] else { panic!("{:?}", inputs.passed_over) };
        assert_eq!(Path::new(&failed.path), deepest);
        assert_eq!(failed.error.to_string(), "文件夹层级超过 32 层，其中的文件没有检查");
    }

    #[test]
    fn old_office_files_are_linted_to_fail_and_the_rest_counted_by_kind() {
        let root = scratch("kinds");
        for name in ["旧报告.doc", "表.ET", "照片1.jpg", "照片2.JPG", "说明"] {
            fs::write(root.join(name), "").unwrap();
        }
        let inputs = expand(std::slice::from_ref(&root), &[]);
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(inputs.files, vec![root.join("旧报告.doc"), root.join("表.ET")]);
        let kinds: Vec<(&str, usize)> =
            inputs.unsupported.iter().map(|(kind, count)| (kind.as_str(), *count)).collect();
        assert_eq!(kinds, [(".jpg", 2), ("（无扩展名）", 1)]);
    }

    #[test]
    fn a_walk_that_found_nothing_says_what_it_found() {
        let folder = vec![PathBuf::from("材料")];
        let mut inputs = Inputs::default();
        insta::assert_snapshot!(nothing_found(&folder, &inputs), @"没有可检查的报告：文件夹 材料 中没有文件。能检查的格式：.txt、.md、.markdown、.csv、.docx、.xlsx、.pdf；.doc、.wps、.xls、.et 文件请先另存为 .docx 或 .xlsx。");
        inputs.unsupported = BTreeMap::from([(".jpg".to_owned(), 2), (".zip".to_owned(), 1)]);
        let folders = vec![PathBuf::from("材料"), PathBuf::from("附件")];
        insta::assert_snapshot!(nothing_found(&folders, &inputs), @"没有可检查的报告：这 2 个文件夹中只有 3 个其他格式的文件（2 个 .jpg、1 个 .zip）。能检查的格式：.txt、.md、.markdown、.csv、.docx、.xlsx、.pdf；.doc、.wps、.xls、.et 文件请先另存为 .docx 或 .xlsx。");
    }
}
