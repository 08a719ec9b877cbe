//! key: a report's path as given on a command line → its key in a
//! baseline, the path relative to the baseline file's folder.
//!
//! The same report can be named `reports/a.txt`, `./reports/a.txt` or
//! `/home/x/reports/a.txt`, and a baseline is committed and read from
//! other working directories: a key that is the path as given would tell
//! them apart. So both the report and the baseline's folder are made
//! absolute against the working directory and normalised lexically (`.`
//! dropped, `..` taking its parent; links are not followed, so the key
//! does not depend on where a checkout's links point), and the key is the
//! report relative to the folder, with `/` between its parts:
//! `reports/a.txt` beside the baseline, `../reports/a.txt` from `ci/`. A
//! report on another drive than the baseline (Windows) has no relative
//! path and keeps its absolute one.

use std::path::{Component, Path, PathBuf};

/// Where a baseline's keys are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The working directory, absolute and normalised.
    cwd: PathBuf,
    /// The baseline file's folder, absolute and normalised.
    folder: PathBuf,
}

impl Anchor {
    /// The anchor of the baseline at `file` (as given), for a run in `cwd`
    /// (an absolute path).
    pub fn new(file: &Path, cwd: &Path) -> Self {
        let cwd = normalise(cwd);
        let folder = normalise(&cwd.join(file)).parent().map(Path::to_path_buf).unwrap_or_else(|| cwd.clone());
        Anchor { cwd, folder }
    }

    /// The key of the report at `path` (as given on the command line).
    pub fn key(&self, path: &str) -> String {
        let absolute = normalise(&self.cwd.join(path));
        match relative(&absolute, &self.folder) {
            Some(relative) => slashed(&relative),
            None => slashed(&absolute),
        }
    }

    /// A key as a baseline file holds it, normalised (`./a.txt` and
    /// `b/../a.txt` are `a.txt`): version 2 keys are relative to the
    /// baseline's folder already, but may have been edited by hand.
    pub fn rekey(&self, key: &str) -> String {
        self.key(&self.folder.join(key).display().to_string())
    }
}

/// `path` without `.` and with each `..` taking its parent.
fn normalise(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    normal.push("..");
                }
            }
            component => normal.push(component),
        }
    }
    normal
}

/// `path` relative to `folder`, both absolute and normalised; `None` when
/// they share no root.
fn relative(path: &Path, folder: &Path) -> Option<PathBuf> {
    let mut path_parts = path.components().peekable();
    let mut folder_parts = folder.components().peekable();
    if path_parts.peek() != folder_parts.peek() {
        return None;
    }
    while path_parts.peek().is_some() && path_parts.peek() == folder_parts.peek() {
        path_parts.next();
        folder_parts.next();
    }
    let mut relative: PathBuf = folder_parts.map(|_| Component::ParentDir).collect();
    relative.extend(path_parts);
    Some(relative)
}

/// The parts of `path` joined by `/`, whatever the platform.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter(|component| !matches!(component, Component::RootDir))
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    if path.has_root() && !joined.starts_with('/') { format!("/{joined}") } else { joined }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn anchor(file: &str) -> Anchor {
        Anchor::new(Path::new(file), Path::new("/home/审计/项目"))
    }

    #[test]
    fn absolute_relative_and_dotted_forms_agree() {
        let beside = anchor("基线.json");
        for path in ["报告/甲.txt", "./报告/甲.txt", "/home/审计/项目/报告/甲.txt", "报告/./乙/../甲.txt"]
        {
            assert_eq!(beside.key(path), "报告/甲.txt", "{path}");
        }
    }

    #[test]
    fn keys_are_relative_to_the_baseline_folder() {
        assert_eq!(anchor("ci/基线.json").key("报告/甲.txt"), "../报告/甲.txt");
        assert_eq!(anchor("/home/审计/项目/报告/基线.json").key("报告/甲.txt"), "甲.txt");
        assert_eq!(anchor("../基线.json").key("甲.txt"), "项目/甲.txt");
        assert_eq!(anchor("/基线.json").key("甲.txt"), "home/审计/项目/甲.txt");
    }

    #[test]
    fn stored_keys_are_normalised() {
        let beside = anchor("基线.json");
        assert_eq!(beside.rekey("./报告/甲.txt"), "报告/甲.txt");
        assert_eq!(beside.rekey("报告/甲.txt"), "报告/甲.txt");
        assert_eq!(anchor("ci/基线.json").key("./报告/甲.txt"), "../报告/甲.txt");
    }
}
