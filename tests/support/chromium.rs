//! Where Debian's Chromium is, for the tests that use a real browser.
//!
//! A missing browser fails the test (CI installs it), unless
//! REPORTLINT_SKIP_BROWSER=1 says to skip.

use std::path::{Path, PathBuf};

/// `/usr/bin/chromium`, else `chromium` on PATH; `None` when it is missing
/// and skipping was asked for.
pub fn chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    let found = if debian.is_file() {
        Some(debian.to_path_buf())
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path).map(|folder| folder.join("chromium")).find(|candidate| candidate.is_file())
        })
    };
    if found.is_none() {
        if std::env::var("REPORTLINT_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("skipped: no chromium, and REPORTLINT_SKIP_BROWSER=1");
            return None;
        }
        panic!(
            "this test needs Debian's chromium (/usr/bin/chromium or `chromium` on PATH): \
             install it with `apt-get install -y chromium`, or set REPORTLINT_SKIP_BROWSER=1 to skip it"
        );
    }
    found
}
