//! Closed word lists (`cues.tsv`, `topics.tsv`): modality cues, speech verbs, titles, agents,
//! pronouns, group references, topics. Each line is `class<TAB>phrase`.

use super::segment::Token;
use super::DataError;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Default)]
pub struct Cues {
    /// Phrases by class, each a list of lower-case words, longest first.
    classes: HashMap<String, Vec<Vec<String>>>,
    /// The same phrases by first word, with their class: every token asks several classes,
    /// so a lookup hashes the word once and compares class names.
    by_first_word: FxHashMap<String, Vec<(String, Vec<String>)>>,
}

impl Cues {
    pub fn parse(text: &str, origin: &str) -> Result<Self, DataError> {
        let mut classes: HashMap<String, Vec<Vec<String>>> = HashMap::new();
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
        let mut by_first_word: FxHashMap<String, Vec<(String, Vec<String>)>> = FxHashMap::default();
        for (class, phrases) in &mut classes {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            for phrase in phrases.iter() {
                by_first_word
                    .entry(phrase[0].clone())
                    .or_default()
                    .push((class.clone(), phrase.clone()));
            }
        }
        for entries in by_first_word.values_mut() {
            entries.sort_by_key(|(_, phrase)| std::cmp::Reverse(phrase.len()));
        }
        Ok(Self {
            classes,
            by_first_word,
        })
    }

    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// Every phrase of a class, joined by spaces.
    pub fn set(&self, class: &str) -> HashSet<String> {
        self.classes
            .get(class)
            .map(|p| p.iter().map(|w| w.join(" ")).collect())
            .unwrap_or_default()
    }

    /// Length in tokens of the longest phrase of `class` starting at `tokens[at]`.
    pub fn match_at(&self, class: &str, tokens: &[Token<'_>], at: usize) -> Option<usize> {
        let first = tokens.get(at)?;
        self.by_first_word
            .get(&first.lower)?
            .iter()
            .find(|(c, words)| {
                c == class
                    && words.len() <= tokens.len() - at
                    && words.iter().zip(&tokens[at..]).all(|(w, t)| *w == t.lower)
            })
            .map(|(_, words)| words.len())
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
    names: Vec<String>,
}

impl Topics {
    pub fn parse(text: &str, origin: &str) -> Result<Self, DataError> {
        let cues = Cues::parse(text, origin)?;
        let mut names: Vec<String> = cues.classes().map(str::to_owned).collect();
        names.sort();
        Ok(Self { cues, names })
    }

    pub fn of(&self, tokens: &[Token<'_>]) -> Vec<String> {
        self.names
            .iter()
            .filter(|topic| self.cues.find_in(topic, tokens, 0, tokens.len()).is_some())
            .cloned()
            .collect()
    }
}
