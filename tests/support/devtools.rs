//! Debian's headless Chromium, driven over its DevTools protocol: enough to
//! use a page as a person does — open it, choose files in a file input,
//! press a button, read what is shown, and download what it offers.
//!
//! The browser runs with a profile and a download folder of its own, and is
//! killed when dropped. Calls are synchronous: a command is sent and the
//! socket read until its answer arrives; events in between are dropped,
//! since the tests ask the page for its state instead of waiting for them.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long a page may take to reach a state a test waits for.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Chromium {
    child: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
}

/// One tab, attached to the browser's connection by its session.
pub struct Page<'a> {
    browser: &'a mut Chromium,
    session: String,
}

impl Chromium {
    /// Starts `executable` headless with `profile` as its user data folder
    /// (empty, the test's own) and files it downloads saved in `downloads`.
    pub fn launch(executable: &Path, profile: &Path, downloads: &Path) -> Chromium {
        let child = Command::new(executable)
            .args([
                "--headless",
                // CI runs as root in a container, where the sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        // The browser writes its port and socket path once it listens.
        let port_file = profile.join("DevToolsActivePort");
        let deadline = Instant::now() + PATIENCE;
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file)
                && let [port, path] = text.lines().collect::<Vec<_>>()[..]
            {
                break (port.to_string(), path.to_string());
            }
            assert!(Instant::now() < deadline, "chromium did not open its DevTools port");
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).expect("DevTools port accepts");
        stream.set_read_timeout(Some(PATIENCE)).expect("read timeout is set");
        let (socket, _) =
            tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream).expect("DevTools handshake");
        let mut browser = Chromium { child, socket, next_id: 0 };
        browser.call(
            None,
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
        );
        browser
    }

    /// Opens `url` in a new tab.
    pub fn open(&mut self, url: &str) -> Page<'_> {
        let target = self.call(None, "Target.createTarget", json!({ "url": url }));
        let target_id = target["targetId"].as_str().expect("a target id").to_string();
        let attached = self.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }));
        let session = attached["sessionId"].as_str().expect("a session id").to_string();
        let mut page = Page { browser: self, session };
        page.call("Page.enable", json!({}));
        page.call("Runtime.enable", json!({}));
        page
    }

    /// Sends one command and waits for its answer; panics on a protocol error.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(command.to_string())).expect("DevTools command is sent");
        loop {
            let message = self.socket.read().expect("DevTools answers");
            let Message::Text(text) = message else { continue };
            let answer: Value = serde_json::from_str(text.as_str()).expect("DevTools sends JSON");
            if answer["id"] != json!(id) {
                continue;
            }
            if let Some(error) = answer.get("error") {
                panic!("{method} failed: {error}");
            }
            return answer["result"].clone();
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Page<'_> {
    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.browser.call(Some(&session), method, params)
    }

    /// The value of a JavaScript expression (awaited if it is a promise).
    pub fn evaluate(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }));
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("`{expression}` threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is truthy and returns its value. Navigation
    /// in between (a form posted) is expected: an evaluation that fails
    /// while the next page loads is retried.
    pub fn wait_for(&mut self, expression: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        let guarded = format!("(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()");
        loop {
            let session = self.session.clone();
            let result = self.browser.call(
                Some(&session),
                "Runtime.evaluate",
                json!({ "expression": guarded, "returnByValue": true }),
            );
            let value = result["result"]["value"].clone();
            if !matches!(value, Value::Null | Value::Bool(false)) && value != json!(0) && value != json!("") {
                return value;
            }
            assert!(Instant::now() < deadline, "the page never showed `{expression}`");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Chooses `files` in the file input `selector`, as a person does in the
    /// file dialog (the page sees a `change` event).
    pub fn choose_files(&mut self, selector: &str, files: &[&Path]) {
        let document = self.call("DOM.getDocument", json!({}));
        let root = document["root"]["nodeId"].clone();
        let found = self.call("DOM.querySelector", json!({ "nodeId": root, "selector": selector }));
        let node = found["nodeId"].clone();
        assert_ne!(node, json!(0), "no element matches {selector}");
        let files: Vec<String> = files.iter().map(|file| file.display().to_string()).collect();
        self.call("DOM.setFileInputFiles", json!({ "nodeId": node, "files": files }));
    }

    /// Clicks the element `selector` (a button, a link).
    pub fn click(&mut self, selector: &str) {
        let selector = serde_json::to_string(selector).expect("a selector is a string");
        self.evaluate(&format!("document.querySelector({selector}).click()"));
    }

    /// A PNG of the whole page, for a person to look at.
    pub fn screenshot(&mut self) -> Vec<u8> {
        use base64::Engine as _;
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let size = &metrics["cssContentSize"];
        let clip = json!({ "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1 });
        let shot = self
            .call("Page.captureScreenshot", json!({ "format": "png", "clip": clip, "captureBeyondViewport": true }));
        let data = shot["data"].as_str().expect("screenshot data");
        base64::engine::general_purpose::STANDARD.decode(data).expect("DevTools sends base64")
    }
}

/// Waits until `folder` holds a finished download and returns its path.
pub fn downloaded(folder: &Path) -> PathBuf {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let finished = std::fs::read_dir(folder).ok().and_then(|entries| {
            let names: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
            let pending = names.iter().any(|path| path.extension().is_some_and(|extension| extension == "crdownload"));
            names.into_iter().find(|path| !pending && path.is_file())
        });
        if let Some(path) = finished {
            return path;
        }
        assert!(Instant::now() < deadline, "nothing was downloaded into {}", folder.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}
