//! Closed word lists (`cues.tsv`, `topics.tsv`): modality cues, speech verbs, titles, agents,
//! pronouns, group references, topics. Each line is `class<TAB>phrase`.

use super::segment::Token;
use super::DataError;
use rustc_hash::{FxHashMap, FxHashSet};

/// Cue classes of words that never start a name or stand as a noun.
const FUNCTION_CLASSES: [&str; 6] = [
    "auxiliary",
    "speech",
    "coordination",
    "preposition",
    "determiner",
    "subordinator",
];

/// Phrases that start with one word, with their class (an index into `Cues::class_names`),
/// longest first.
type Entry = Vec<(u32, Vec<String>)>;

/// A token's place in one [`Cues`]: which table (each `Cues` has its own id) and which entry.
/// The entry is the word's id in that table's vocabulary, which the lexicon and the gazetteer
/// share ([`Cues::add_words`]), so that a token is hashed once for all three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueEntry {
    /// 0: not indexed.
    table: u32,
    entry: u32,
}

impl CueEntry {
    /// The word's entry in table `table`: `Some(None)` for a word the table lacks, `None` when
    /// the token was not indexed by that table.
    pub fn in_table(&self, table: u32) -> Option<Option<u32>> {
        (self.table == table && table != 0).then_some(Some(self.entry).filter(|&e| e != NO_ENTRY))
    }
}

const NO_ENTRY: u32 = u32::MAX;

/// A class of phrases, looked up once by name ([`Cues::class`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class(u32);

#[derive(Debug, Default)]
pub struct Cues {
    /// Phrases by class, each a list of lower-case words, longest first.
    classes: FxHashMap<String, Vec<Vec<String>>>,
    /// The same phrases by first word: every token asks several classes, so a lookup hashes
    /// the word once (or never, for tokens [`Cues::index`]ed) and compares class names.
    by_first_word: FxHashMap<String, u32>,
    entries: Vec<Entry>,
    /// Class names by their index in entries, and the reverse, so that a lookup compares
    /// numbers rather than names.
    class_names: Vec<String>,
    class_ids: FxHashMap<String, u32>,
    /// Per entry, a bit for each class it has phrases of.
    entry_classes: Vec<u128>,
    /// Per entry, a bit for each class that has its first word alone as a phrase: what
    /// [`Cues::is`] asks of every other token.
    word_classes: Vec<u128>,
    /// The bits of [`FUNCTION_CLASSES`].
    function_classes: u128,
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
        let class_names: Vec<String> = classes.keys().cloned().collect();
        let class_ids: FxHashMap<String, u32> = class_names
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i as u32))
            .collect();
        for (class, phrases) in &mut classes {
            let class_id = class_ids[class];
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            for phrase in phrases.iter() {
                let index = *by_first_word.entry(phrase[0].clone()).or_insert_with(|| {
                    entries.push(Vec::new());
                    (entries.len() - 1) as u32
                });
                entries[index as usize].push((class_id, phrase.clone()));
            }
        }
        for entry in &mut entries {
            entry.sort_by_key(|(_, phrase)| std::cmp::Reverse(phrase.len()));
        }
        if class_names.len() > 128 {
            return Err(DataError::Line {
                origin: origin.into(),
                line: text.lines().count(),
                message: format!("{} classes; at most 128", class_names.len()),
            });
        }
        let entry_classes = entries
            .iter()
            .map(|entry| {
                entry
                    .iter()
                    .fold(0u128, |bits, (class, _)| bits | 1 << class)
            })
            .collect();
        let word_classes = entries
            .iter()
            .map(|entry| {
                entry
                    .iter()
                    .filter(|(_, words)| words.len() == 1)
                    .fold(0u128, |bits, (class, _)| bits | 1 << class)
            })
            .collect();
        let function_classes = FUNCTION_CLASSES
            .iter()
            .filter_map(|name| class_ids.get(*name))
            .fold(0u128, |bits, class| bits | 1 << class);
        static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        Ok(Self {
            classes,
            by_first_word,
            entries,
            class_names,
            class_ids,
            entry_classes,
            word_classes,
            function_classes,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Adds words (lower-cased) to the vocabulary with no phrase of their own, so that
    /// [`Cues::index`] gives them an entry that other word tables can key on.
    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        for word in words {
            let word = word.to_lowercase();
            if !self.by_first_word.contains_key(&word) {
                self.by_first_word.insert(word, self.entries.len() as u32);
                self.entries.push(Vec::new());
                self.entry_classes.push(0);
                self.word_classes.push(0);
            }
        }
    }

    /// This table's id, which [`CueEntry::in_table`] checks.
    pub fn table(&self) -> u32 {
        self.id
    }

    /// How many words the vocabulary holds.
    pub fn vocabulary_len(&self) -> usize {
        self.entries.len()
    }

    /// The vocabulary entry of a lower-case word.
    pub fn word_entry(&self, word: &str) -> Option<u32> {
        self.by_first_word.get(word).copied()
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
        self.entries.get(self.entry_index(token)? as usize)
    }

    fn entry_index(&self, token: &Token<'_>) -> Option<u32> {
        if token.cue_entry.table == self.id {
            Some(token.cue_entry.entry).filter(|&e| e != NO_ENTRY)
        } else {
            self.by_first_word.get(token.lower.as_ref()).copied()
        }
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
        let index = self.entry_index(tokens.get(at)?)?;
        self.match_entry(index, self.class(class)?, tokens, at)
    }

    /// A class by name, for callers that ask it of every token.
    pub fn class(&self, name: &str) -> Option<Class> {
        self.class_ids.get(name).copied().map(Class)
    }

    /// [`Cues::match_at`] with a class looked up beforehand.
    pub fn match_class(&self, class: Class, tokens: &[Token<'_>], at: usize) -> Option<usize> {
        let index = self.entry_index(tokens.get(at)?)?;
        self.match_entry(index, class, tokens, at)
    }

    fn match_entry(
        &self,
        index: u32,
        Class(class): Class,
        tokens: &[Token<'_>],
        at: usize,
    ) -> Option<usize> {
        let index = index as usize;
        // Most lookups ask a class the word opens no phrase of: one bit says so.
        if self.entry_classes[index] & (1 << class) == 0 {
            return None;
        }
        self.entries[index]
            .iter()
            .find(|(c, words)| {
                // The entry is the first word's: only the words after it need comparing.
                *c == class
                    && words.len() <= tokens.len() - at
                    && words[1..]
                        .iter()
                        .zip(&tokens[at + 1..])
                        .all(|(w, t)| *w == t.lower)
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
                words.len() <= rest.len()
                    && words[1..]
                        .iter()
                        .zip(&rest[1..])
                        .all(|(w, t)| *w == t.lower)
            })
            .map(|(class, _)| self.class_names[*class as usize].as_str())
    }

    /// Whether the word is a function word (an auxiliary, a preposition, a determiner …),
    /// which never starts a name or stands as a noun.
    pub fn is_function_word(&self, token: &Token<'_>) -> bool {
        self.word_classes_of(token) & self.function_classes != 0
    }

    /// The classes that have the word alone as a phrase.
    fn word_classes_of(&self, token: &Token<'_>) -> u128 {
        self.entry_index(token)
            .map_or(0, |entry| self.word_classes[entry as usize])
    }

    /// "still", "never", "immediately", "strongly": an adverb of the `adverb` class, or a word
    /// in -ly unless a noun such as "ally" or "supply" (class `ly-noun`).
    pub fn is_adverb(&self, token: &Token<'_>) -> bool {
        self.is("adverb", token)
            || token.lower.len() > 3 && token.lower.ends_with("ly") && !self.is("ly-noun", token)
    }

    /// Whether the word alone is a phrase of `class` ("the" is an article).
    pub fn is(&self, class: &str, token: &Token<'_>) -> bool {
        let bits = self.word_classes_of(token);
        bits != 0 && self.class(class).is_some_and(|Class(c)| bits & 1 << c != 0)
    }

    /// Where phrases of `class` start in `tokens[from..to]`, each wholly inside it.
    pub fn positions<'a>(
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
