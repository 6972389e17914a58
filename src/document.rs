//! Documents and the readers that turn input files into them.
//!
//! An input is a text file, a directory of `.txt` files, a JSONL file whose lines carry `id`
//! and `text`, or `-` for standard input. Every error names the file, and the line for JSONL.

use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One article: its text and the metadata that provenance and relative dates need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The caller's id (a JSONL `id`), or the content hash when there is none.
    pub id: String,
    /// `sha256:` of the text; names the document's graph, so re-ingesting replaces it.
    pub hash: String,
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where the document came from, for messages (`path`, `path:line`, `<stdin>`).
    pub origin: String,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let hash = content_hash(&text);
        Self {
            id: hash.clone(),
            hash,
            text,
            url: None,
            title: None,
            published: None,
            origin: String::new(),
        }
    }

    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    pub fn with_published(mut self, date: Option<NaiveDate>) -> Self {
        self.published = date;
        self
    }

    pub fn with_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = origin.into();
        self
    }
}

pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}:{line}: {message}")]
    Jsonl {
        path: String,
        line: usize,
        message: String,
    },
}

/// A line of a JSONL input.
#[derive(Debug, Deserialize)]
struct JsonlArticle {
    id: Option<serde_json::Value>,
    text: String,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

/// Parses the date part of `2025-11-26` or `2025-11-26T10:00:00Z`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let day = value.get(..10).unwrap_or(value);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Reads every document of one input argument, in a stable order. A bad JSONL line is an
/// error of its own and does not stop the lines after it.
pub fn read_input(arg: &str) -> Vec<Result<Document, InputError>> {
    match read_input_documents(arg) {
        Ok(documents) => documents,
        Err(error) => vec![Err(error)],
    }
}

fn read_input_documents(arg: &str) -> Result<Vec<Result<Document, InputError>>, InputError> {
    if arg == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| InputError::Io {
                path: "<stdin>".into(),
                source,
            })?;
        let text = decode("<stdin>", bytes)?;
        return Ok(if text.trim_start().starts_with('{') {
            parse_jsonl("<stdin>", &text)
        } else {
            text_document("<stdin>", text)
        });
    }
    let path = Path::new(arg);
    let metadata = fs::metadata(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path: arg.into() },
        _ => InputError::Io {
            path: arg.into(),
            source,
        },
    })?;
    if metadata.is_dir() {
        let mut documents = Vec::new();
        for file in text_files_under(path)? {
            match read_file(&file) {
                Ok(more) => documents.extend(more),
                Err(error) => documents.push(Err(error)),
            }
        }
        return Ok(documents);
    }
    read_file(path)
}

fn read_file(path: &Path) -> Result<Vec<Result<Document, InputError>>, InputError> {
    let name = path.display().to_string();
    let bytes = fs::read(path).map_err(|source| InputError::Io {
        path: name.clone(),
        source,
    })?;
    let text = decode(&name, bytes)?;
    let is_jsonl = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    );
    Ok(if is_jsonl {
        parse_jsonl(&name, &text)
    } else {
        text_document(&name, text)
    })
}

fn text_document(origin: &str, text: String) -> Vec<Result<Document, InputError>> {
    vec![Ok(Document::new(text).with_origin(origin))]
}

fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Documents of JSONL text, one per non-blank line; `path` names it in errors.
pub fn parse_jsonl(path: &str, text: &str) -> Vec<Result<Document, InputError>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| parse_jsonl_line(path, index + 1, line))
        .collect()
}

/// The document of one JSON article object, `{"text"}` with optional `id`, `url`, `title`
/// and `published`.
pub fn parse_jsonl_line(path: &str, line_no: usize, line: &str) -> Result<Document, InputError> {
    let error = |message: String| InputError::Jsonl {
        path: path.into(),
        line: line_no,
        message,
    };
    let article: JsonlArticle = serde_json::from_str(line).map_err(|e| error(e.to_string()))?;
    let published = match &article.published {
        Some(value) => Some(
            parse_date(value)
                .ok_or_else(|| error(format!("`published` is not a date: {value:?}")))?,
        ),
        None => None,
    };
    let mut document = Document::new(article.text)
        .with_published(published)
        .with_origin(format!("{path}:{line_no}"));
    match article.id {
        Some(serde_json::Value::String(id)) => document = document.with_id(id),
        Some(serde_json::Value::Number(id)) => document = document.with_id(id.to_string()),
        Some(serde_json::Value::Null) | None => {}
        Some(other) => return Err(error(format!("`id` must be a string, not {other}"))),
    }
    document.url = article.url;
    document.title = article.title;
    Ok(document)
}

fn text_files_under(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|source| InputError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        for entry in entries {
            let path = entry
                .map_err(|source| InputError::Io {
                    path: dir.display().to_string(),
                    source,
                })?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_jsonl_line_names_its_line_and_spares_the_others() {
        let docs = parse_jsonl(
            "in.jsonl",
            "{\"id\":\"a\",\"text\":\"x\"}\n{broken\n{\"text\":\"y\"}\n",
        );
        assert_eq!(docs.len(), 3);
        let err = docs[1].as_ref().unwrap_err();
        assert!(err.to_string().starts_with("in.jsonl:2: "), "{err}");
        assert_eq!(docs[2].as_ref().unwrap().text, "y");
    }

    #[test]
    fn jsonl_keeps_id_and_date() {
        let docs = parse_jsonl(
            "in.jsonl",
            "{\"id\":\"a1\",\"text\":\"Hello.\",\"published\":\"2025-11-26T08:00:00Z\"}\n\n",
        );
        let docs: Vec<Document> = docs.into_iter().map(Result::unwrap).collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "a1");
        assert_eq!(docs[0].published, NaiveDate::from_ymd_opt(2025, 11, 26));
        assert!(docs[0].hash.starts_with("sha256:"));
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode("bad.txt", vec![b'a', b'b', 0xff]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.txt: not valid UTF-8 (first bad byte at offset 2)"
        );
    }
}
