//! connection: accepting connections and serving HTTP/1.1 on each with
//! hyper-util, which (unlike `axum::serve`) lets us set a header read
//! timeout: a client that has not sent a request's headers within
//! `header_timeout` of connecting, or of its previous response on a
//! kept-alive connection, is disconnected without an answer.
//!
//! On shutdown the listener is closed, the connections under way are told
//! to finish their current request and close, and they get at most the
//! request time limit (plus the body time limit) to do so.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use super::Config;

pub async fn accept(listener: TcpListener, router: Router, config: &Config, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(config.header_timeout).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match stream {
            Ok((stream, _peer)) => stream,
            Err(error) => {
                // Out of file descriptors, say: wait for some to be freed
                // rather than spin.
                tracing::warn!(%error, "无法接受连接");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let connection = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out ends its connection;
            // nothing else is to be done about it.
            let _ = connection.await;
        });
    }
    drop(listener);
    let grace = config.timeout.saturating_add(config.body_timeout);
    if tokio::time::timeout(grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("部分连接在 {} 秒内没有结束，已强行关闭", grace.as_secs());
    }
}
