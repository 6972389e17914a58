//! Closed word lists (`cues.tsv`, `topics.tsv`): modality cues, speech verbs, titles, agents,
//! pronouns, group references, topics. Each line is `class<TAB>phrase`.

use super::segment::Token;
use super::DataError;
use rustc_hash::{FxHashMap, FxHashSet};

/// Phrases that start with one word, with their class, longest first.
type Entry = Vec<(String, Vec<String>)>;

/// A token's place in one [`Cues`]: which table (each `Cues` has its own id) and which entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueEntry {
    /// 0: not indexed.
    table: u32,
    entry: u32,
}

const NO_ENTRY: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct Cues {
    /// Phrases by class, each a list of lower-case words, longest first.
    classes: FxHashMap<String, Vec<Vec<String>>>,
    /// The same phrases by first word: every token asks several classes, so a lookup hashes
    /// the word once (or never, for tokens [`Cues::index`]ed) and compares class names.
    by_first_word: FxHashMap<String, u32>,
    entries: Vec<Entry>,
    id: u32,
}

impl Cues {
    pub fn parse(text: &str, origin: &str) -> Result<Self, DataError> {
        let mut classes: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (class, phrase) = line.split_once('\t').ok_or_else(|| DataError::Line {
                origin: origin.into(),
                line: n + 1,
                message: "expected `class<TAB>phrase`".into(),
            })?;
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                return Err(DataError::Line {
                    origin: origin.into(),
                    line: n + 1,
                    message: "empty phrase".into(),
                });
            }
            classes
                .entry(class.trim().to_owned())
                .or_default()
                .push(words);
        }
        let mut by_first_word: FxHashMap<String, u32> = FxHashMap::default();
        let mut entries: Vec<Entry> = Vec::new();
        for (class, phrases) in &mut classes {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            for phrase in phrases.iter() {
                let index = *by_first_word.entry(phrase[0].clone()).or_insert_with(|| {
                    entries.push(Vec::new());
                    (entries.len() - 1) as u32
                });
                entries[index as usize].push((class.clone(), phrase.clone()));
            }
        }
        for entry in &mut entries {
            entry.sort_by_key(|(_, phrase)| std::cmp::Reverse(phrase.len()));
        }
        static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        Ok(Self {
            classes,
            by_first_word,
            entries,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Notes in each token where its phrases are, so that lookups need not hash it again.
    pub fn index(&self, tokens: &mut [Token<'_>]) {
        for token in tokens {
            token.cue_entry = CueEntry {
                table: self.id,
                entry: self
                    .by_first_word
                    .get(token.lower.as_ref())
                    .copied()
                    .unwrap_or(NO_ENTRY),
            };
        }
    }

    fn entry(&self, token: &Token<'_>) -> Option<&Entry> {
        let index = if token.cue_entry.table == self.id {
            token.cue_entry.entry
        } else {
            *self.by_first_word.get(token.lower.as_ref())?
        };
        self.entries.get(index as usize)
    }

    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// Every phrase of a class, joined by spaces.
    pub fn set(&self, class: &str) -> FxHashSet<String> {
        self.classes
            .get(class)
            .map(|p| p.iter().map(|w| w.join(" ")).collect())
            .unwrap_or_default()
    }

    /// Length in tokens of the longest phrase of `class` starting at `tokens[at]`.
    pub fn match_at(&self, class: &str, tokens: &[Token<'_>], at: usize) -> Option<usize> {
        self.entry(tokens.get(at)?)?
            .iter()
            .find(|(c, words)| {
                c == class
                    && words.len() <= tokens.len() - at
                    && words.iter().zip(&tokens[at..]).all(|(w, t)| *w == t.lower)
            })
            .map(|(_, words)| words.len())
    }

    /// The classes of every phrase that starts at `tokens[at]`.
    fn classes_at<'s>(
        &'s self,
        tokens: &'s [Token<'_>],
        at: usize,
    ) -> impl Iterator<Item = &'s str> + 's {
        let rest = &tokens[at..];
        self.entry(&tokens[at])
            .into_iter()
            .flatten()
            .filter(move |(_, words)| {
                words.len() <= rest.len() && words.iter().zip(rest).all(|(w, t)| *w == t.lower)
            })
            .map(|(class, _)| class.as_str())
    }

    /// Whether the word alone is a phrase of `class` ("the" is an article).
    pub fn is(&self, class: &str, token: &Token<'_>) -> bool {
        self.match_at(class, std::slice::from_ref(token), 0)
            .is_some()
    }

    /// Where phrases of `class` start in `tokens[from..to]`, each wholly inside it.
    fn positions<'a>(
        &'a self,
        class: &'a str,
        tokens: &'a [Token<'_>],
        from: usize,
        to: usize,
    ) -> impl DoubleEndedIterator<Item = usize> + 'a {
        (from..to).filter(move |&i| self.match_at(class, &tokens[..to], i).is_some())
    }

    /// The first place in `tokens[from..to]` where a phrase of `class` starts.
    pub fn find_in(
        &self,
        class: &str,
        tokens: &[Token<'_>],
        from: usize,
        to: usize,
    ) -> Option<usize> {
        self.positions(class, tokens, from, to).next()
    }

    /// The last place in `tokens[from..to]` where a phrase of `class` starts.
    pub fn rfind_in(
        &self,
        class: &str,
        tokens: &[Token<'_>],
        from: usize,
        to: usize,
    ) -> Option<usize> {
        self.positions(class, tokens, from, to).next_back()
    }
}

/// Topic keywords, matched on a sentence's tokens.
#[derive(Debug, Default)]
pub struct Topics {
    cues: Cues,
}

impl Topics {
    pub fn parse(text: &str, origin: &str) -> Result<Self, DataError> {
        Ok(Self {
            cues: Cues::parse(text, origin)?,
        })
    }

    /// The topics whose keywords occur in `tokens`, in name order; one pass over the tokens.
    pub fn of(&self, tokens: &[Token<'_>]) -> Vec<String> {
        let mut found: Vec<&str> = (0..tokens.len())
            .flat_map(|at| self.cues.classes_at(tokens, at))
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(str::to_owned).collect()
    }
}
