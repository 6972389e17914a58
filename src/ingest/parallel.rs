//! Work on several threads, results in input order, memory bounded.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

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
    let source = Mutex::new(items.enumerate());
    // Items taken and not yet sunk, and whether the consumer gave up.
    let flight = Mutex::new((0usize, false));
    let landed = Condvar::new();
    let (results, received) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let results = results.clone();
            let (source, flight, landed, work) = (&source, &flight, &landed, &work);
            scope.spawn(move || loop {
                {
                    let mut state = flight.lock().unwrap_or_else(|e| e.into_inner());
                    while state.0 >= window && !state.1 {
                        state = landed.wait(state).unwrap_or_else(|e| e.into_inner());
                    }
                    if state.1 {
                        return;
                    }
                    state.0 += 1;
                }
                let next = source.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((index, item)) = next else { return };
                if results.send((index, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(results);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let stop = |flight: &Mutex<(usize, bool)>| {
            flight.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
            landed.notify_all();
        };
        for (index, result) in received {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                next += 1;
                if let Err(error) = sink(result) {
                    stop(&flight);
                    return Err(error);
                }
                flight.lock().unwrap_or_else(|e| e.into_inner()).0 -= 1;
                landed.notify_one();
            }
        }
        Ok(())
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
