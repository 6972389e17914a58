//! The `geokg` command line. Everything it does lives in the library; this is the edge.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    geokg::memory::fix_mmap_threshold();
    cli::main()
}
