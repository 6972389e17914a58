//! A persistent cache of Wikidata API answers, so that nothing is asked twice: one JSON
//! object per line, `{"url": ..., "body": ...}`, appended as answers arrive.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Cache {
    answers: HashMap<String, String>,
    file: Option<(PathBuf, File)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    url: String,
    body: String,
}

impl Cache {
    /// A cache that lives as long as the process.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// Opens (creating) the cache file; lines that do not parse are skipped, so a file cut
    /// short by a crash loses one answer, not the cache.
    pub fn open(path: &Path) -> io::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let mut answers = HashMap::new();
        if path.exists() {
            for line in BufReader::new(File::open(path)?).lines() {
                if let Ok(entry) = serde_json::from_str::<Entry>(&line?) {
                    answers.insert(entry.url, entry.body);
                }
            }
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Self {
            answers,
            file: Some((path.to_owned(), file)),
        })
    }

    pub fn get(&self, url: &str) -> Option<&str> {
        self.answers.get(url).map(String::as_str)
    }

    pub fn put(&mut self, url: &str, body: &str) -> io::Result<()> {
        if let Some((_, file)) = &mut self.file {
            let line = serde_json::to_string(&Entry {
                url: url.to_owned(),
                body: body.to_owned(),
            })?;
            writeln!(file, "{line}")?;
        }
        self.answers.insert(url.to_owned(), body.to_owned());
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}
