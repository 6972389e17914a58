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

/// One request as the test server saw it.
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header lines, lower-cased names.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the test server answers: status, headers, body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 that answers every request with `handler` (JSON, as
/// the Wikidata API does); returns its base URL and a count of the requests served. It stops
/// with the test process.
pub fn http_server(
    mut handler: impl FnMut(&Request) -> (u16, String) + Send + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    http_server_with(move |request| {
        let (status, body) = handler(request);
        Reply::new(status, "application/json", body).with_header("Retry-After", "0")
    })
}

/// As [`http_server`], with full control of the reply.
pub fn http_server_with(
    mut handler: impl FnMut(&Request) -> Reply + Send + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let served = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    headers.push((name.trim().to_lowercase(), value.trim().to_owned()));
                }
            }
            let length = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut parts = request_line.split_whitespace();
            let request = Request {
                method: parts.next().unwrap_or_default().to_owned(),
                path: parts.next().unwrap_or("/").to_owned(),
                headers,
                body: String::from_utf8_lossy(&body).into_owned(),
            };
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let reply = handler(&request);
            let mut head = format!(
                "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reply.status,
                if reply.status < 400 { "OK" } else { "Error" },
                reply.body.len()
            );
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            // A client that stops reading (a size cap) closes the connection: fine.
            let _ = stream
                .write_all(head.as_bytes())
                .and_then(|_| stream.write_all(&reply.body));
        }
    });
    (base, served)
}

/// A `geokg serve` child process on a free loopback port; killed when dropped.
pub struct Served {
    pub url: String,
    child: std::process::Child,
}

impl Served {
    /// Serves `store` with the extra `args`, once the server says where it listens.
    pub fn start(store: &Path, args: &[&str]) -> Self {
        use std::io::{BufRead, BufReader};
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_geokg"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("GEOKG_WRITE_TOKEN")
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(["--bind", "127.0.0.1:0"])
            .args(args)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("geokg serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines
            .next()
            .expect("geokg serve says where it listens")
            .unwrap();
        let url = first
            .split(" at ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no URL in {first:?}"))
            .trim_end_matches('/')
            .to_owned();
        // Keep draining stderr so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { url, child }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
