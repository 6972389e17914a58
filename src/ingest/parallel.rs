//! Work on several threads, results in input order, memory bounded.
//!
//! The calling thread is one of the workers and the only one that hands results to the sink,
//! between items of its own. There is no consumer thread to wake for every result: on a
//! machine with as many cores as workers it would take a core away from the work.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// What the workers share, under one lock.
struct Shared<I, R> {
    items: I,
    exhausted: bool,
    /// Items taken so far, and results handed to the sink so far.
    taken: usize,
    sunk: usize,
    /// Finished results, until the sink has had the ones before them.
    waiting: BTreeMap<usize, R>,
    /// The sink failed: take nothing more.
    stopped: bool,
}

impl<T, I: Iterator<Item = (usize, T)>, R> Shared<I, R> {
    /// The next item, when the window has room for it.
    fn take(&mut self, window: usize) -> Option<(usize, T)> {
        if self.stopped || self.exhausted || self.taken - self.sunk >= window {
            return None;
        }
        let next = self.items.next();
        match next {
            Some(_) => self.taken += 1,
            None => self.exhausted = true,
        }
        next
    }

    /// Every result that is next in order.
    fn ready(&mut self) -> Vec<R> {
        let mut ready = Vec::new();
        while let Some(result) = self.waiting.remove(&(self.sunk + ready.len())) {
            ready.push(result);
        }
        self.sunk += ready.len();
        ready
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Stops everyone when its thread unwinds from a panic in `work` or `sink`, so that no thread
/// waits for a result that will never come; the scope then re-raises the panic.
struct StopOnPanic<'a, I, R> {
    shared: &'a Mutex<Shared<I, R>>,
    changed: &'a Condvar,
}

impl<I, R> Drop for StopOnPanic<'_, I, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.shared).stopped = true;
            self.changed.notify_all();
        }
    }
}

/// Maps `items` through `work` on `threads` threads and hands the results to `sink` in input
/// order. At most `window` items are taken and not yet sunk, so a slow item holds the others
/// back instead of letting finished results pile up. The first error from `sink` stops the
/// work and is returned.
pub fn map_ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    threads: usize,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = window.max(threads);
    let shared = Mutex::new(Shared {
        items: items.enumerate(),
        exhausted: false,
        taken: 0,
        sunk: 0,
        waiting: BTreeMap::new(),
        stopped: false,
    });
    // Signalled when a result lands or the window moves.
    let changed = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let (shared, changed, work) = (&shared, &changed, &work);
            scope.spawn(move || {
                let _stop = StopOnPanic { shared, changed };
                loop {
                    let mut state = lock(shared);
                    let (index, item) = loop {
                        if let Some(next) = state.take(window) {
                            break next;
                        }
                        if state.stopped || state.exhausted {
                            return;
                        }
                        state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                    };
                    drop(state);
                    let result = work(item);
                    lock(shared).waiting.insert(index, result);
                    changed.notify_all();
                }
            });
        }
        let _stop = StopOnPanic {
            shared: &shared,
            changed: &changed,
        };
        let result = loop {
            let mut state = lock(&shared);
            let ready = state.ready();
            let own = if ready.is_empty() {
                state.take(window)
            } else {
                None
            };
            let finished = state.exhausted && state.sunk == state.taken;
            if ready.is_empty() && own.is_none() {
                // Stopped here means a helper panicked; leaving lets the scope re-raise it.
                if finished || state.stopped {
                    break Ok(());
                }
                drop(changed.wait(state).unwrap_or_else(|e| e.into_inner()));
                continue;
            }
            drop(state);
            if !ready.is_empty() {
                changed.notify_all();
            }
            if let Some(error) = ready.into_iter().map(&mut sink).find_map(Result::err) {
                break Err(error);
            }
            if let Some((index, item)) = own {
                let result = work(item);
                lock(&shared).waiting.insert(index, result);
            }
        };
        if result.is_err() {
            lock(&shared).stopped = true;
            changed.notify_all();
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            map_ordered(
                0..200u64,
                threads,
                8,
                |n| {
                    // Uneven work, so that threads finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((n * 37) % 300));
                    n * 2
                },
                |r| {
                    seen.push(r);
                    Ok::<_, ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..200).map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_instead_of_hanging() {
        for panicking_item in [0, 1, 5] {
            let outcome = std::panic::catch_unwind(|| {
                map_ordered(
                    0..50u64,
                    2,
                    4,
                    |n| {
                        assert!(n != panicking_item, "item {n} is broken");
                        n
                    },
                    |_| Ok::<_, ()>(()),
                )
            });
            assert!(
                outcome.is_err(),
                "the panic of item {panicking_item} is raised"
            );
        }
    }

    #[test]
    fn an_error_from_the_sink_stops_the_work() {
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let result = map_ordered(
            0..10_000,
            2,
            4,
            |n| {
                taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                n
            },
            |n| if n == 10 { Err(n) } else { Ok(()) },
        );
        assert_eq!(result, Err(10));
        assert!(
            taken.into_inner() < 100,
            "work stopped soon after the error"
        );
    }
}
