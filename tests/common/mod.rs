//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const SEED: &str = "tests/fixtures/seed/article-us-china-2025.txt";

pub fn geokg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("GEOKG_STORE").env_remove("GEOKG_ONTOLOGY");
    cmd
}

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs `geokg` and returns its standard output, failing the test on a non-zero exit.
pub fn stdout_of(args: &[&str]) -> String {
    let output = geokg()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("geokg writes UTF-8")
}

pub fn ingest_seed(store: &Path) {
    geokg()
        .args(["ingest", SEED, "--date", "2025-11-26", "--store"])
        .arg(store)
        .assert()
        .success();
}
