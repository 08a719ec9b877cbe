//! `reportlint serve`: the rules loaded once (as for `lint`: the embedded
//! packs, reportlint.toml, `--rules`, `--pack`), a tokio runtime, and the
//! service of [`reportlint::serve`] on `--bind` until Ctrl-C or SIGTERM.
//! Requests are logged to stderr, one line each, by tracing-subscriber.

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::time::Duration;

use reportlint::serve::{self, Config, DEFAULT_MAX_UPLOAD};
use reportlint::source::io_message;

use super::output::{linter, use_color_stderr};
use super::{EXIT_CLEAN, EXIT_UNREADABLE, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// 监听的地址和端口（默认 127.0.0.1:8080，只有本机能访问；端口写 0 由系统选一个空闲端口）
    #[arg(long, value_name = "地址", default_value = "127.0.0.1:8080", value_parser = address)]
    bind: SocketAddr,
    #[command(flatten)]
    rules: RuleArgs,
    /// 一个请求上传内容的上限，字节（默认 20971520，即 20 兆字节），超出时回复 413
    #[arg(long, value_name = "字节", default_value_t = DEFAULT_MAX_UPLOAD, value_parser = bytes)]
    max_upload: usize,
    /// 一个请求排队和检查合计的时限，秒（默认 30），超出时回复 504
    #[arg(long, value_name = "秒", default_value = "30", value_parser = seconds)]
    timeout: Duration,
    /// 读取请求头的时限，秒（默认 10），超出时断开连接
    #[arg(long, value_name = "秒", default_value = "10", value_parser = seconds)]
    header_timeout: Duration,
    /// 读取上传内容的时限，秒（默认 60），超出时回复 408 并断开连接
    #[arg(long, value_name = "秒", default_value = "60", value_parser = seconds)]
    body_timeout: Duration,
    /// 同时进行的检查数（默认每个处理器一个）
    #[arg(long, value_name = "数量", value_parser = count)]
    workers: Option<NonZeroUsize>,
    /// 最多排队等候的请求数（默认 64），队列已满时回复 503
    #[arg(long, value_name = "数量", default_value = "64", value_parser = queue)]
    queue: usize,
}

pub fn run(args: ServeArgs) -> u8 {
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    let defaults = Config::default();
    let config = Config {
        max_upload: args.max_upload,
        timeout: args.timeout,
        header_timeout: args.header_timeout,
        body_timeout: args.body_timeout,
        workers: args.workers.map_or(defaults.workers, NonZeroUsize::get),
        queue: args.queue,
    };
    // Another subscriber cannot have been installed: this is the only one.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(use_color_stderr())
        .with_target(false)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("错误：无法启动服务：{}", io_message(&error));
            return EXIT_UNREADABLE;
        }
    };
    let code = runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.bind).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!("错误：无法监听 {}：{}", args.bind, bind_message(&error));
                return EXIT_UNREADABLE;
            }
        };
        let address = listener.local_addr().unwrap_or(args.bind);
        if !address.ip().is_loopback() {
            eprintln!(
                "警告：正在监听 {address}，其他计算机也能访问本服务；上传的报告以明文经网络传输，请只在可信的内部网络中这样使用"
            );
        }
        eprintln!("正在监听 http://{address}/");
        serve::serve(listener, linter, config, stopped()).await;
        EXIT_CLEAN
    });
    // A lint still running after its request was answered is not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    if code == EXIT_CLEAN {
        eprintln!("服务已停止。");
    }
    code
}

/// Why an address cannot be listened on, in words a user can act on.
fn bind_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => {
            "端口已被占用：另一个程序（或另一个 reportlint serve）正在使用它；换一个端口，或先停止那个程序".to_owned()
        }
        std::io::ErrorKind::AddrNotAvailable => "本机没有这个地址".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有权限：1024 以下的端口需要管理员权限".to_owned(),
        _ => io_message(error),
    }
}

/// Ctrl-C, or SIGTERM (a service manager stopping the service).
async fn stopped() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// `--bind`: an IP address and a port; `localhost` is 127.0.0.1.
fn address(text: &str) -> Result<SocketAddr, String> {
    let text = text.strip_prefix("localhost:").map_or_else(|| text.to_owned(), |port| format!("127.0.0.1:{port}"));
    text.parse().map_err(|_| "须为 IP 地址和端口，如 127.0.0.1:8080、0.0.0.0:8080 或 [::1]:8080".to_owned())
}

fn bytes(text: &str) -> Result<usize, String> {
    text.parse::<NonZeroUsize>().map(NonZeroUsize::get).map_err(|_| "须为 1 或更大的整数（字节数）".to_owned())
}

/// Whole seconds, at least one.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<NonZeroUsize>()
        .ok()
        .and_then(|seconds| u64::try_from(seconds.get()).ok())
        .map(Duration::from_secs)
        .ok_or_else(|| "须为 1 或更大的整数（秒）".to_owned())
}

fn count(text: &str) -> Result<NonZeroUsize, String> {
    text.parse::<NonZeroUsize>().map_err(|_| "须为 1 或更大的整数".to_owned())
}

fn queue(text: &str) -> Result<usize, String> {
    text.parse::<usize>().map_err(|_| "须为 0 或更大的整数".to_owned())
}
