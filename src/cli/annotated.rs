//! `lint --format docx`: each linted report → its commented copy on disk,
//! and one line on the terminal saying where (`已写出 报告-审核.docx：3 条批注`).
//!
//! With one report named, `--output` is the file to write (or, when it is
//! a folder already, the folder to write it in). With several, or a
//! folder, it is a folder (made if missing) and each copy is named
//! after its report (`报告-审核.docx`) in the sub-folder the report had
//! under the folder named on the command line, so that two `报告.docx` in
//! different folders cannot land on one name; two reports named directly
//! with one stem get `-2`, `-3` … in input order.
//!
//! The copy is made on the worker thread ([`comment`]): a .docx's or a
//! workbook's bytes are read again there (the reader does not keep them;
//! a .docx copy checks that it reads the same text); text, Markdown, CSV
//! and PDF copies are made from the text read, so they are not. Writing goes
//! through [`sink::replace`], whole or not at all, and never over a file
//! that is being linted ([`overlap::overwrites`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use reportlint::annotate::{self, Annotated, Options};
use reportlint::lint::LintedFile;
use reportlint::source::{self, io_message};

use super::overlap::{self, Identity};
use super::sink;

/// The commented copy of a linted file, or why it could not be made.
pub fn comment(file: &LintedFile, options: &Options) -> Result<Annotated, String> {
    let bytes = if annotate::needs_original(file.document.format) {
        source::read_regular(Path::new(&file.path), source::MAX_FILE_BYTES)
            .map_err(|error| format!("无法重新读取：{error}"))?
    } else {
        Vec::new()
    };
    annotate::annotate(&bytes, file, options).map_err(|error| error.to_string())
}

/// Where the copies go.
pub struct Destination {
    output: PathBuf,
    /// The folders named on the command line; `None` when `output` is the
    /// one file to write.
    roots: Option<Vec<PathBuf>>,
    /// The files being linted, never written over.
    inputs: Vec<Identity>,
    used: BTreeSet<PathBuf>,
}

impl Destination {
    /// The destination of a run over `paths` (as named) expanded to
    /// `files`; an error when the output folder cannot be made.
    pub fn new(output: &Path, paths: &[PathBuf], files: &[PathBuf]) -> Result<Destination, String> {
        let inputs = files.iter().filter_map(|file| Identity::of(file)).collect();
        let single = matches!(paths, [path] if !path.is_dir()) && !output.is_dir();
        if single {
            return Ok(Destination { output: output.to_path_buf(), roots: None, inputs, used: BTreeSet::new() });
        }
        if output.exists() && !output.is_dir() {
            return Err(format!("检查多份报告时 --output 须是文件夹，{} 却是一个文件", output.display()));
        }
        std::fs::create_dir_all(output)
            .map_err(|error| format!("无法创建输出文件夹 {}：{}", output.display(), io_message(&error)))?;
        let roots = paths.iter().filter(|path| path.is_dir()).cloned().collect();
        Ok(Destination { output: output.to_path_buf(), roots: Some(roots), inputs, used: BTreeSet::new() })
    }

    /// Writes the copy of the report at `input`; returns where.
    pub fn write(&mut self, input: &str, annotated: &Annotated) -> Result<PathBuf, String> {
        let target = self.target(input, &annotated.file_name);
        // A workbook's copy is a workbook: saved as .docx, nothing opens it.
        let wanted = Path::new(&annotated.file_name).extension();
        if let (Some(wanted), Some(named)) = (wanted, target.extension())
            && !named.eq_ignore_ascii_case(wanted)
        {
            return Err(format!(
                "副本是 .{} 文件，不能存为 {}；请把 --output 写成以 .{} 结尾的文件名",
                wanted.to_string_lossy(),
                target.display(),
                wanted.to_string_lossy()
            ));
        }
        if overlap::overwrites(&target, &self.inputs) {
            return Err(format!("{} 是要检查的报告，写入会覆盖它；请换一个输出文件夹", target.display()));
        }
        if let Some(folder) = target.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|error| format!("无法创建文件夹 {}：{}", folder.display(), io_message(&error)))?;
        }
        sink::replace(&target, &annotated.bytes)
            .map_err(|error| format!("无法写入 {}：{}", target.display(), io_message(&error)))?;
        Ok(target)
    }

    fn target(&mut self, input: &str, file_name: &str) -> PathBuf {
        let Some(roots) = &self.roots else {
            return self.output.clone();
        };
        let input = Path::new(input);
        let folder = roots
            .iter()
            .find_map(|root| input.parent()?.strip_prefix(root).ok())
            .map_or_else(|| self.output.clone(), |relative| self.output.join(relative));
        let mut target = folder.join(file_name);
        let mut number = 1_usize;
        while self.used.contains(&target) {
            number = number.saturating_add(1);
            let (stem, extension) = file_name.rsplit_once('.').unwrap_or((file_name, ""));
            target = folder.join(format!("{stem}-{number}.{extension}"));
        }
        self.used.insert(target.clone());
        target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn destination(roots: &[&str]) -> Destination {
        Destination {
            output: PathBuf::from("审核"),
            roots: Some(roots.iter().map(PathBuf::from).collect()),
            inputs: Vec::new(),
            used: BTreeSet::new(),
        }
    }

    #[test]
    fn copies_keep_their_sub_folder_and_never_share_a_name() {
        let mut destination = destination(&["材料"]);
        assert_eq!(destination.target("材料/2024/报告.txt", "报告-审核.docx"), Path::new("审核/2024/报告-审核.docx"));
        assert_eq!(destination.target("材料/报告.txt", "报告-审核.docx"), Path::new("审核/报告-审核.docx"));
        // Named directly, from two folders: the second is numbered.
        assert_eq!(destination.target("甲/报告.md", "报告-审核.docx"), Path::new("审核/报告-审核-2.docx"));
        assert_eq!(destination.target("乙/报告.md", "报告-审核.docx"), Path::new("审核/报告-审核-3.docx"));
    }
}
