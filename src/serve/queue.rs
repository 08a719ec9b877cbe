//! queue: a bound on concurrent lints with a bounded queue in front.
//!
//! `workers` permits of a semaphore; a lint runs on tokio's blocking pool
//! holding one, and the permit is moved into that task, so it is given back
//! when the lint ends, not when its request does: a lint still running
//! after its request timed out still counts. In front of them at most
//! `capacity` requests wait, counted by a [`Place`]; a request that finds
//! every worker busy and every place taken is refused at once
//! ([`Full`]) rather than queued without end.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug)]
pub struct Queue {
    permits: Arc<Semaphore>,
    workers: usize,
    /// Requests admitted and not yet holding a permit.
    waiting: Arc<AtomicUsize>,
    capacity: usize,
}

/// What `/healthz` reports of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct QueueState {
    pub workers: usize,
    pub running: usize,
    pub queue: usize,
    pub waiting: usize,
}

/// Every worker busy and every place in the queue taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// The lint could not be run or did not finish: a panic in it, or a
/// runtime shutting down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crashed(pub String);

/// A request's claim on the queue, from admission until its lint starts;
/// dropping it (the request timed out or the client went away) frees the
/// place.
#[derive(Debug)]
pub struct Place {
    waiting: Arc<AtomicUsize>,
    permits: Arc<Semaphore>,
    /// Whether this place counts in `waiting` (a request admitted straight
    /// to a free worker holds its permit instead).
    counted: bool,
    permit: Option<OwnedSemaphorePermit>,
}

impl Queue {
    pub fn new(workers: usize, capacity: usize) -> Queue {
        let workers = workers.clamp(1, Semaphore::MAX_PERMITS);
        Queue { permits: Arc::new(Semaphore::new(workers)), workers, waiting: Arc::default(), capacity }
    }

    /// Admits a request: a free worker's permit if there is one, else a
    /// place in the queue if one is left.
    pub fn admit(&self) -> Result<Place, Full> {
        let place = |counted, permit| Place {
            waiting: Arc::clone(&self.waiting),
            permits: Arc::clone(&self.permits),
            counted,
            permit,
        };
        if let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() {
            return Ok(place(false, Some(permit)));
        }
        self.waiting
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |waiting| {
                (waiting < self.capacity).then(|| waiting.saturating_add(1))
            })
            .map(|_| place(true, None))
            .map_err(|_| Full)
    }

    pub fn state(&self) -> QueueState {
        QueueState {
            workers: self.workers,
            running: self.workers.saturating_sub(self.permits.available_permits()),
            queue: self.capacity,
            waiting: self.waiting.load(Ordering::Acquire),
        }
    }
}

impl Place {
    /// Waits for a worker, then runs `work` on the blocking pool holding
    /// its permit until `work` returns, whatever becomes of this future.
    pub async fn run<T: Send + 'static>(mut self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Crashed> {
        let permit = match self.permit.take() {
            Some(permit) => permit,
            None => {
                Arc::clone(&self.permits).acquire_owned().await.map_err(|_| Crashed("检查队列已关闭".to_owned()))?
            }
        };
        // Holding a permit, the request no longer waits.
        drop(self);
        let task = tokio::task::spawn_blocking(move || {
            let _held = permit;
            work()
        });
        task.await.map_err(|error| Crashed(error.to_string()))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        if self.counted {
            self.counted = false;
            self.waiting.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
    }

    #[test]
    fn refuses_only_when_every_worker_and_place_is_taken() {
        let queue = Queue::new(1, 2);
        let running = queue.admit().unwrap();
        let first = queue.admit().unwrap();
        let second = queue.admit().unwrap();
        assert_eq!(queue.admit().unwrap_err(), Full);
        assert_eq!(queue.state(), QueueState { workers: 1, running: 1, queue: 2, waiting: 2 });
        drop(first);
        assert_eq!(queue.state().waiting, 1);
        let third = queue.admit().unwrap();
        drop((running, second, third));
        assert_eq!(queue.state(), QueueState { workers: 1, running: 0, queue: 2, waiting: 0 });
    }

    #[test]
    fn a_lint_still_running_after_its_request_gave_up_holds_its_worker() {
        let runtime = runtime();
        let queue = Queue::new(1, 1);
        let (release, hold) = mpsc::channel::<()>();
        let place = queue.admit().unwrap();
        runtime.block_on(async {
            // The request waits 50 ms for a lint that waits for the test.
            let run = place.run(move || hold.recv().is_ok());
            assert!(tokio::time::timeout(Duration::from_millis(50), run).await.is_err());
        });
        assert_eq!(queue.state().running, 1, "the abandoned lint still holds the worker");
        let waiting = queue.admit().unwrap();
        assert_eq!(queue.admit().unwrap_err(), Full);
        release.send(()).unwrap();
        let done = runtime.block_on(waiting.run(|| 7));
        assert_eq!(done, Ok(7));
        assert_eq!(queue.state().running, 0);
    }
}
