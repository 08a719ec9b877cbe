//! overlap: the files a run writes against the files it reads, so that an
//! output never destroys an input.
//!
//! Two paths are the same file when they name the same device and inode
//! (a hard link, a symbolic link or `./a.txt` against `a.txt` included);
//! a path that does not exist yet is known by its folder's canonical path
//! and its name. [`check`] runs before any report or baseline is read: an
//! output that is a report named on the command line or the `--baseline`
//! file is refused, as is one file for both `--output` and
//! `--write-baseline`. `--write-baseline` may be the `--baseline` file: the
//! baseline is read whole first and the new one replaces it when complete.
//! The outputs and the baseline that sit in a linted folder are left out
//! of the walk ([`Identity`] is what the walk compares). The commented
//! copies `--format docx` writes into a folder are named only as each
//! report is done; [`overwrites`] refuses each one that is a linted file.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// What makes two paths one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    #[cfg(unix)]
    Inode { device: u64, inode: u64 },
    /// Where inodes are unknown, or for a file not written yet.
    Path(PathBuf),
}

impl Identity {
    /// The identity of the file at `path`, whose metadata (symbolic links
    /// followed) is `metadata`.
    pub fn of_existing(path: &Path, metadata: &Metadata) -> Option<Identity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let _ = path;
            Some(Identity::Inode { device: metadata.dev(), inode: metadata.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            std::fs::canonicalize(path).ok().map(Identity::Path)
        }
    }

    /// The identity of `path`, whether the file exists or not; `None` when
    /// neither it nor its folder can be found.
    pub fn of(path: &Path) -> Option<Identity> {
        if let Ok(metadata) = std::fs::metadata(path) {
            return Identity::of_existing(path, &metadata);
        }
        let name = path.file_name()?;
        let folder = path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::canonicalize(folder).ok().map(|folder| Identity::Path(folder.join(name)))
    }
}

/// The files one run reads and writes, as the command line names them.
pub struct Files<'a> {
    /// Reports and folders to lint.
    pub inputs: &'a [PathBuf],
    pub baseline: Option<&'a Path>,
    pub output: Option<&'a Path>,
    pub write_baseline: Option<&'a Path>,
}

/// The identities of the run's own files (outputs and baseline), for the
/// walk to leave out; or, when an output would overwrite an input, the
/// message saying so.
pub fn check(files: &Files) -> Result<Vec<Identity>, String> {
    // A device or a FIFO (`/dev/null`, `>(gzip)`) is written as it is and
    // holds no file that could be lost. A folder is kept: `--format docx`
    // writes its copies into one, which a walk must pass over.
    let written = |path: &'_ Path| {
        let special = std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file() && !metadata.is_dir());
        if special { None } else { Identity::of(path) }
    };
    let output = files.output.and_then(|path| Some((path, written(path)?)));
    let write_baseline = files.write_baseline.and_then(|path| Some((path, written(path)?)));
    let baseline = files.baseline.and_then(|path| Some((path, Identity::of(path)?)));
    let outputs = [("--output", &output), ("--write-baseline", &write_baseline)];
    for (option, written) in outputs {
        let Some((written, identity)) = written else { continue };
        let same = |path: &Path| Identity::of(path).as_ref() == Some(identity);
        if let Some(input) = files.inputs.iter().find(|input| !input.is_dir() && same(input)) {
            return Err(format!(
                "{option} {} 就是要检查的报告 {}，写入会覆盖它；请换一个输出路径",
                written.display(),
                input.display()
            ));
        }
        if let Some((read, _)) = baseline.as_ref().filter(|_| option == "--output").filter(|(read, _)| same(read)) {
            return Err(format!(
                "--output {} 就是基线文件 {}，写入会覆盖它；请换一个输出路径",
                written.display(),
                read.display()
            ));
        }
    }
    if let (Some((output, first)), Some((_, second))) = (&output, &write_baseline) {
        if first == second {
            return Err(format!("--output 和 --write-baseline 是同一个文件 {}；请分开写", output.display()));
        }
    }
    Ok([output, write_baseline, baseline].into_iter().flatten().map(|(_, identity)| identity).collect())
}

/// Whether writing `target` would overwrite one of the files linted
/// (`inputs`): for the copies `--format docx` names after each report,
/// checked as each is written.
pub fn overwrites(target: &Path, inputs: &[Identity]) -> bool {
    Identity::of(target).is_some_and(|identity| inputs.contains(&identity))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_spellings_of_one_file_are_one_identity() {
        let folder = std::env::temp_dir().join(format!("reportlint-overlap-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let report = folder.join("报告.txt");
        std::fs::write(&report, "一、概况").unwrap();
        std::fs::hard_link(&report, folder.join("硬链接.txt")).unwrap();
        std::os::unix::fs::symlink(&report, folder.join("软链接.txt")).unwrap();
        let of = |name: &str| Identity::of(&folder.join(name));
        let same = [of("报告.txt"), of("硬链接.txt"), of("软链接.txt"), of("./报告.txt")];
        let missing = (of("新.txt"), Identity::of(&folder.join(".").join("新.txt")));
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(same[0].is_some());
        assert!(same.iter().all(|identity| *identity == same[0]), "{same:?}");
        assert!(matches!(missing.0, Some(Identity::Path(_))));
        assert_eq!(missing.0, missing.1);
    }
}
