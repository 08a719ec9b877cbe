//! The command itself: what it prints when it starts or cannot, and the
//! configuration it honours as `lint` does.

use std::process::{Command, Stdio};

use super::server::Server;

fn serve(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["serve", "--no-config"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_busy_port_is_exit_2_with_the_reason_in_chinese() {
    let server = Server::start(&[]);
    let output = serve(&["--bind", &server.address]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "错误：无法监听 {}：端口已被占用：另一个程序（或另一个 reportlint serve）正在使用它；换一个端口，或先停止那个程序\n",
            server.address
        )
    );
    server.assert_healthy();
}

#[test]
fn flags_with_bad_values_are_told_in_chinese() {
    for (args, reason) in [
        (&["--bind", "127.0.0.1"][..], "须为 IP 地址和端口"),
        (&["--timeout", "0"][..], "须为 1 或更大的整数（秒）"),
        (&["--max-upload", "很多"][..], "须为 1 或更大的整数（字节数）"),
        (&["--workers", "0"][..], "须为 1 或更大的整数"),
    ] {
        let output = serve(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with("错误：") && stderr.contains(reason), "{args:?}: {stderr}");
    }
}

#[test]
fn an_address_beyond_this_machine_is_warned_about() {
    // Bound on every interface for a moment; no request is sent.
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["serve", "--no-config", "--bind", "0.0.0.0:0"])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
    let warning = lines.next().unwrap().unwrap();
    let listening = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(warning.starts_with("警告：正在监听 0.0.0.0:") && warning.contains("其他计算机也能访问"), "{warning}");
    assert!(listening.starts_with("正在监听 http://0.0.0.0:"), "{listening}");
}

#[test]
fn the_configuration_names_the_default_pack() {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-config");
    std::fs::create_dir_all(&folder).unwrap();
    let config = folder.join("reportlint.toml");
    std::fs::write(&config, "[rules]\npack = \"hebei-shijiazhuang\"\n").unwrap();
    let server = Server::start(&["--config", config.to_str().unwrap()]);
    assert_eq!(server.get("/api/packs").json()["default"], "hebei-shijiazhuang");
}
