//! [`Scratch`]: a fresh, empty folder for the files one test writes, shared
//! by the test suites that run the binary (`#[path]`-included).

use std::path::{Path, PathBuf};

/// A folder under cargo's test scratch space, named after the test suite
/// and the test so that parallel tests never share one. Removed when
/// dropped, so no big file outlives its test.
pub struct Scratch {
    root: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME")).join(name);
        // A previous run that failed may have left it behind.
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("scratch folder is created");
        Scratch { root }
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Writes `contents` at `relative` (creating folders) and returns the full path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch sub-folder is created");
        }
        std::fs::write(&path, contents).expect("scratch file is written");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
