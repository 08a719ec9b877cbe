//! A page → its DOM after load, from Debian's headless Chromium.
//!
//! The browser runs with a fresh profile, no network services and a virtual
//! time budget, so the page's own script has run when the DOM is dumped.
//! A missing browser fails the test (CI installs it), unless
//! REPORTLINT_SKIP_BROWSER=1 says to skip ([`chromium`]).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../support/chromium.rs"]
mod chromium;
use chromium::chromium;

const TIME_LIMIT: Duration = Duration::from_secs(30);

/// `None` when the browser is missing and skipping was asked for.
pub fn dump_dom(page: &Path, profile: &Path) -> Option<String> {
    let browser = chromium()?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--virtual-time-budget=2000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {}: {error}", browser.display()));
    // Read both pipes while the browser runs: a full pipe would stall it.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the browser can be waited for") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {TIME_LIMIT:?}; stderr:\n{}", err.join().unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let dom = out.join().unwrap_or_default();
    let log = err.join().unwrap_or_default();
    assert!(status.success() && !dom.is_empty(), "chromium failed ({status}); stderr:\n{log}");
    Some(dom)
}
