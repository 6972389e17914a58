//! Documents and the readers that turn input files into them.
//!
//! An input is a text file, a directory of `.txt` files, a JSONL file whose lines carry `id`
//! and `text`, or `-` for standard input. Every error names the file, and the line for JSONL.

use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One article: its text and the metadata that provenance and relative dates need.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    /// The caller's id (a JSONL `id`).
    source_id: Option<String>,
    /// Computed on first use, so that readers hand documents over quickly and the hashing
    /// happens on the extraction threads.
    hash: OnceLock<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where the document came from, for messages (`path`, `path:line`, `<stdin>`).
    pub origin: String,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            source_id: None,
            hash: OnceLock::new(),
            url: None,
            title: None,
            published: None,
            origin: String::new(),
        }
    }

    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.source_id = Some(id.into());
        self
    }

    /// `sha256:` of the normalised text: the document's identity, which names its graph.
    pub fn hash(&self) -> &str {
        self.hash
            .get_or_init(|| content_hash(&normalise(&self.text)))
    }

    /// The caller's id, or the hash when there is none.
    pub fn id(&self) -> &str {
        self.source_id.as_deref().unwrap_or_else(|| self.hash())
    }

    pub fn source_id(&self) -> Option<&str> {
        self.source_id.as_deref()
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

/// The text a document's identity is computed from: Unicode NFC, one kind of line break, no
/// trailing spaces, no-break spaces as spaces, runs of blank lines as one, no blank lines at
/// either end. The same article saved by two tools gets one id, so it is stored once.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut normal = String::with_capacity(text.len());
    let mut blank_lines = 0;
    let mut composed = String::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        // ASCII is already in NFC and has no no-break space: most news needs no rewriting.
        let line = if line.is_ascii() {
            line
        } else {
            composed.clear();
            composed.extend(line.nfc().map(|c| if c == '\u{a0}' { ' ' } else { c }));
            &composed
        };
        let line = line.trim_end();
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !normal.is_empty() {
            normal.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        normal.push_str(line);
    }
    normal
}

/// `sha256:` and the hex digest of `text`.
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
    #[error(transparent)]
    Web(#[from] crate::web::WebError),
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

/// The documents of one input argument, read lazily in a stable order so that memory stays
/// bounded whatever the input's size. A bad file or JSONL line is an error of its own and does
/// not stop the ones after it.
pub fn read_input(arg: &str) -> InputDocuments {
    let mut documents = InputDocuments {
        files: Vec::new(),
        current: None,
        pending_error: None,
    };
    if arg == "-" {
        documents.current = Some(Source::open_stdin());
        return documents;
    }
    let path = Path::new(arg);
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => match text_files_under(path) {
            Ok(mut files) => {
                files.reverse();
                documents.files = files;
            }
            Err(error) => documents.pending_error = Some(error),
        },
        Ok(_) => documents.files.push(path.to_path_buf()),
        Err(source) => {
            documents.pending_error = Some(match source.kind() {
                io::ErrorKind::NotFound => InputError::NotFound { path: arg.into() },
                _ => InputError::Io {
                    path: arg.into(),
                    source,
                },
            })
        }
    }
    documents
}

/// Bytes of input under `arg` (files and directories), for progress; `None` for stdin.
pub fn input_size(arg: &str) -> Option<u64> {
    if arg == "-" {
        return None;
    }
    let path = Path::new(arg);
    if path.is_dir() {
        let files = text_files_under(path).ok()?;
        Some(
            files
                .iter()
                .filter_map(|f| fs::metadata(f).ok())
                .map(|m| m.len())
                .sum(),
        )
    } else {
        fs::metadata(path).ok().map(|m| m.len())
    }
}

impl InputDocuments {
    /// The documents of JSONL read from `reader`; `name` names it in errors.
    pub fn from_jsonl_reader(name: &str, reader: impl BufRead + Send + 'static) -> Self {
        Self {
            files: Vec::new(),
            current: Some(Source::jsonl(name.to_owned(), Box::new(reader))),
            pending_error: None,
        }
    }
}

/// Iterator over the documents of one input argument; see [`read_input`].
pub struct InputDocuments {
    /// Files still to read, last first.
    files: Vec<PathBuf>,
    current: Option<Source>,
    pending_error: Option<InputError>,
}

/// What is being read now: a JSONL stream, line by line, or one text document.
enum Source {
    Jsonl {
        name: String,
        lines: io::Lines<Box<dyn BufRead + Send>>,
        line_no: usize,
    },
    Text(Option<Result<Document, InputError>>),
}

impl Source {
    fn open_stdin() -> Self {
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(io::stdin()));
        // JSONL when the first thing on stdin is `{`, text otherwise.
        let starts_with_brace = loop {
            match reader.fill_buf() {
                Ok(buffer) => match buffer.iter().find(|b| !b.is_ascii_whitespace()) {
                    Some(first) => break *first == b'{',
                    None if buffer.is_empty() => break false,
                    None => {
                        let n = buffer.len();
                        reader.consume(n);
                    }
                },
                Err(_) => break false,
            }
        };
        if starts_with_brace {
            Self::jsonl("<stdin>".into(), reader)
        } else {
            let mut bytes = Vec::new();
            Self::Text(Some(
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|source| InputError::Io {
                        path: "<stdin>".into(),
                        source,
                    })
                    .and_then(|_| decode("<stdin>", bytes))
                    .map(|text| Document::new(text).with_origin("<stdin>")),
            ))
        }
    }

    fn open_file(path: &Path) -> Self {
        let name = path.display().to_string();
        let is_jsonl = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("jsonl" | "ndjson")
        );
        let io_error = |source| InputError::Io {
            path: name.clone(),
            source,
        };
        if is_jsonl {
            return match fs::File::open(path) {
                Ok(file) => Self::jsonl(name.clone(), Box::new(BufReader::new(file))),
                Err(source) => Self::Text(Some(Err(io_error(source)))),
            };
        }
        Self::Text(Some(
            fs::read(path)
                .map_err(io_error)
                .and_then(|bytes| decode(&name, bytes))
                .map(|text| Document::new(text).with_origin(name.clone())),
        ))
    }

    fn jsonl(name: String, reader: Box<dyn BufRead + Send>) -> Self {
        Self::Jsonl {
            name,
            lines: reader.lines(),
            line_no: 0,
        }
    }

    fn next_unparsed(&mut self) -> Option<Unparsed> {
        match self {
            Self::Text(document) => document.take().map(Unparsed::Parsed),
            Self::Jsonl {
                name,
                lines,
                line_no,
            } => loop {
                *line_no += 1;
                let line = match lines.next()? {
                    Ok(line) => line,
                    Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                        return Some(Unparsed::Parsed(Err(InputError::Jsonl {
                            path: name.clone(),
                            line: *line_no,
                            message: "not valid UTF-8".into(),
                        })))
                    }
                    Err(source) => {
                        // A read error ends the stream: there is no next line to go on with.
                        let error = InputError::Io {
                            path: format!("{name}:{line_no}"),
                            source,
                        };
                        *self = Self::Text(None);
                        return Some(Unparsed::Parsed(Err(error)));
                    }
                };
                if !line.trim().is_empty() {
                    return Some(Unparsed::JsonLine {
                        origin: name.clone(),
                        line_no: *line_no,
                        line,
                    });
                }
            },
        }
    }
}

/// A document as read, before the work of making it one: a JSONL line is parsed by whoever
/// calls [`Unparsed::parse`], so that a reader hands lines to the extraction threads quickly
/// and parsing runs on them.
pub enum Unparsed {
    Parsed(Result<Document, InputError>),
    JsonLine {
        origin: String,
        line_no: usize,
        line: String,
    },
}

impl Unparsed {
    pub fn parse(self) -> Result<Document, InputError> {
        match self {
            Self::Parsed(document) => document,
            Self::JsonLine {
                origin,
                line_no,
                line,
            } => parse_jsonl_line(
                &origin,
                line_no,
                line.strip_prefix('\u{feff}').unwrap_or(&line),
            ),
        }
    }
}

impl From<Result<Document, InputError>> for Unparsed {
    fn from(document: Result<Document, InputError>) -> Self {
        Self::Parsed(document)
    }
}

impl InputDocuments {
    /// The documents unparsed, for readers that parse on other threads.
    pub fn unparsed(mut self) -> impl Iterator<Item = Unparsed> + Send {
        std::iter::from_fn(move || self.next_unparsed())
    }

    fn next_unparsed(&mut self) -> Option<Unparsed> {
        if let Some(error) = self.pending_error.take() {
            return Some(Unparsed::Parsed(Err(error)));
        }
        loop {
            if let Some(document) = self.current.as_mut().and_then(Source::next_unparsed) {
                return Some(document);
            }
            let file = self.files.pop()?;
            self.current = Some(Source::open_file(&file));
        }
    }
}

impl Iterator for InputDocuments {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_unparsed().map(Unparsed::parse)
    }
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
        assert_eq!(docs[0].id(), "a1");
        assert_eq!(docs[0].published, NaiveDate::from_ymd_opt(2025, 11, 26));
        assert!(docs[0].hash().starts_with("sha256:"));
    }

    #[test]
    fn the_same_article_saved_differently_has_one_id() {
        let original = Document::new("Seoul protested.\n\nTokyo said it regretted the visit.\n");
        for variant in [
            "\u{feff}Seoul protested.\r\n\r\n\r\nTokyo said it regretted the visit.  \r\n\r\n",
            "\nSeoul protested.\n  \nTokyo said it regretted the visit.",
            "Seoul protested.\n\nTokyo said it regretted the\u{a0}visit.",
        ] {
            assert_eq!(
                Document::new(variant).hash(),
                original.hash(),
                "{variant:?}"
            );
        }
        assert_ne!(
            Document::new("Seoul protested.\nTokyo said it regretted the visit.").hash(),
            original.hash(),
            "a paragraph break is part of the text"
        );
        assert_ne!(
            Document::new("Seoul protested. Tokyo regretted the visit.").hash(),
            original.hash()
        );
        // Composed and decomposed "é" are one text.
        assert_eq!(
            Document::new("Macron a visit\u{e9} Kyiv.").hash(),
            Document::new("Macron a visite\u{301} Kyiv.").hash()
        );
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
