//! Running the binary as the outside probe did: in a fresh child process
//! under a memory cap, with a watchdog, measuring its peak memory.
//!
//! The cap is on the data segment (`prlimit --data`), not the address
//! space: malloc's arenas reserve address space they never touch, and an
//! address-space cap trips on them. The peak resident size comes from
//! `/usr/bin/time -f %M`. A run is never timed: machines are noisy, and the
//! watchdog only turns a hang into a failure.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The memory every probe case must stay under (issue 11: 1 GB).
pub const CAP_BYTES: u64 = 1 << 30;

/// Generous: a debug build is several times slower than the release one.
pub const WATCHDOG: Duration = Duration::from_secs(120);

/// What one capped run printed, returned and used.
#[derive(Debug)]
pub struct Capped {
    pub stdout: String,
    pub stderr: String,
    /// `None` when the process was killed by a signal.
    pub code: Option<i32>,
    /// Peak resident memory, in bytes.
    pub peak: u64,
}

impl Capped {
    pub fn brief(&self) -> String {
        format!(
            "exit {:?}, peak {} MB\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            self.peak >> 20,
            shorten(&self.stdout),
            shorten(&self.stderr)
        )
    }

    /// The exit code is `code`, nothing panicked, and the peak stayed
    /// under `limit` bytes.
    pub fn assert_ends(&self, code: i32, limit: u64) {
        assert!(!self.stderr.contains("panicked"), "the binary panicked:\n{}", self.brief());
        assert_eq!(self.code, Some(code), "{}", self.brief());
        assert!(self.peak < limit, "peak {} MB ≥ {} MB:\n{}", self.peak >> 20, limit >> 20, self.brief());
    }

    pub fn prints(&self, needle: &str) -> bool {
        self.stdout.contains(needle) || self.stderr.contains(needle)
    }
}

fn shorten(text: &str) -> String {
    const KEEP: usize = 3000;
    match text.char_indices().nth(KEEP) {
        Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
        None => text.to_string(),
    }
}

/// `reportlint ARGS…` in `folder` under [`CAP_BYTES`], killed after
/// [`WATCHDOG`]; stdin is empty.
pub fn run(folder: &Path, args: &[&str]) -> Capped {
    run_to(folder, args, Stdio::piped())
}

/// [`run`] with standard output going to `stdout` (`/dev/full`, a closed
/// pipe) instead of being captured; [`Capped::stdout`] is then empty.
pub fn run_to(folder: &Path, args: &[&str], stdout: Stdio) -> Capped {
    let binary = env!("CARGO_BIN_EXE_reportlint");
    let peak_file = folder.join(format!(".peak-{}", std::process::id()));
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--data={CAP_BYTES}"))
        .arg("--")
        .arg("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&peak_file)
        .arg(binary)
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("prlimit and /usr/bin/time are installed (util-linux, time)");
    // Read both pipes on threads so that a chatty child never blocks.
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("reportlint {args:?} ran past the {} s watchdog", WATCHDOG.as_secs());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = stdout.map(|handle| handle.join().unwrap_or_default()).unwrap_or_default();
    let stderr = stderr.map(|handle| handle.join().unwrap_or_default()).unwrap_or_default();
    let written = std::fs::read_to_string(&peak_file).unwrap_or_default();
    let _ = std::fs::remove_file(&peak_file);
    // `time` writes "Command exited with non-zero status N" before the figure.
    let kilobytes: u64 = written.lines().filter_map(|line| line.trim().parse().ok()).next_back().unwrap_or(0);
    // `time` passes the child's exit code on as its own.
    Capped { stdout, stderr, code: status.code(), peak: kilobytes.saturating_mul(1024) }
}

fn drain(mut pipe: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
