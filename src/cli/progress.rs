//! A progress bar for long runs on a terminal: documents/s, MB/s and ETA. Nothing in pipes
//! or CI, where it would only fill logs.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

pub struct Progress {
    bar: ProgressBar,
    documents: u64,
    started: Instant,
}

impl Progress {
    /// `total_bytes` is the size of the inputs when known (files), for the ETA.
    pub fn new(total_bytes: Option<u64>) -> Self {
        let visible = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = match total_bytes {
            Some(total) => ProgressBar::with_draw_target(Some(total), target).with_style(
                ProgressStyle::with_template(
                    "{wide_bar} {decimal_bytes}/{decimal_total_bytes} {msg} ETA {eta}",
                )
                .expect("a valid template"),
            ),
            None => ProgressBar::with_draw_target(None, target).with_style(
                ProgressStyle::with_template("{spinner} {decimal_bytes} {msg}")
                    .expect("a valid template"),
            ),
        };
        Self {
            bar,
            documents: 0,
            started: Instant::now(),
        }
    }

    pub fn document_done(&mut self, bytes: usize) {
        self.documents += 1;
        self.bar.inc(bytes as u64);
        if self.documents.is_multiple_of(64) {
            let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
            self.bar.set_message(format!(
                "{} documents, {:.0} documents/s, {:.1} MB/s",
                self.documents,
                self.documents as f64 / seconds,
                self.bar.position() as f64 / 1e6 / seconds
            ));
        }
    }

    /// Prints a line above the bar (or plainly when there is none).
    pub fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.suspend(|| eprintln!("{line}"));
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
