//! The extractor: from a document's text to statements. It knows nothing of RDF.
//!
//! Per sentence: tokens -> named mentions -> references resolved against the focus ->
//! triggers from the lexicon -> arguments by frame -> modality, speaker, time, place, topics.

pub mod arguments;
mod compose;
pub mod cues;
pub mod gazetteer;
pub mod lexicon;
pub mod mentions;
pub mod modality;
pub mod references;
pub mod segment;
mod statements;
pub mod time;

use crate::document::Document;
use crate::model::{MentionRecord, Statement};
use arguments::Sentence;
use chrono::NaiveDate;
use cues::{Cues, Topics};
use gazetteer::{Gazetteer, GazetteerError};
use lexicon::Lexicon;
use mentions::{Mention, Mentions};
use references::Focus;
use std::path::Path;

/// The version recorded with every statement's provenance.
pub const EXTRACTOR_VERSION: &str = concat!("geokg-extract/", env!("CARGO_PKG_VERSION"));

/// The data files of `ontology/` the extractor reads.
pub const DATA_FILES: [&str; 4] = ["actors.ttl", "lexicon.tsv", "cues.tsv", "topics.tsv"];

const BUNDLED: [&str; 4] = [
    include_str!("../../ontology/actors.ttl"),
    include_str!("../../ontology/lexicon.tsv"),
    include_str!("../../ontology/cues.tsv"),
    include_str!("../../ontology/topics.tsv"),
];

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{origin}:{line}: {message}")]
    Line {
        origin: String,
        line: usize,
        message: String,
    },
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub struct Extractor {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    cues: Cues,
    topics: Topics,
    segment_rules: segment::SegmentRules,
}

impl Extractor {
    /// The extractor with the data files built into the binary.
    pub fn bundled() -> Result<Self, DataError> {
        let [actors, lexicon, cues, topics] = BUNDLED;
        Self::from_sources([
            (actors, "actors.ttl"),
            (lexicon, "lexicon.tsv"),
            (cues, "cues.tsv"),
            (topics, "topics.tsv"),
        ])
    }

    /// The extractor with the data files of a directory laid out like `ontology/`; a file
    /// the directory lacks is taken from the bundled ones.
    pub fn from_dir(dir: &Path) -> Result<Self, DataError> {
        let mut texts = Vec::new();
        for (name, bundled) in DATA_FILES.iter().zip(BUNDLED) {
            let path = dir.join(name);
            let text = if path.exists() {
                std::fs::read_to_string(&path).map_err(|source| DataError::Io {
                    path: path.display().to_string(),
                    source,
                })?
            } else {
                bundled.to_owned()
            };
            texts.push((text, path.display().to_string()));
        }
        let [a, l, c, t] = [0, 1, 2, 3].map(|i| (texts[i].0.as_str(), texts[i].1.as_str()));
        Self::from_sources([a, l, c, t])
    }

    fn from_sources(sources: [(&str, &str); 4]) -> Result<Self, DataError> {
        let [(actors, a), (lexicon, l), (cues, c), (topics, t)] = sources;
        let mut cues = Cues::parse(cues, c)?;
        let mut gazetteer = Gazetteer::from_turtle(actors, a)?;
        let mut lexicon = Lexicon::parse(lexicon, l)?;
        if let Some((line, class)) = lexicon.unknown_cue_class(&cues) {
            return Err(DataError::Line {
                origin: l.into(),
                line,
                message: format!("flag needs:{class} names no cue class of {c}"),
            });
        }
        // One vocabulary for the three word tables: each token is hashed once.
        cues.add_words(lexicon.first_words().chain(gazetteer.first_words()));
        lexicon.index_words(&cues);
        gazetteer.index_words(&cues);
        Ok(Self {
            gazetteer,
            lexicon,
            segment_rules: segment::SegmentRules {
                abbreviations: cues.set("abbreviation"),
                speech_verbs: cues.set("speech"),
            },
            cues,
            topics: Topics::parse(topics, t)?,
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Statements of a document. `default_date` anchors relative dates when the document
    /// has no publication date of its own.
    pub fn extract(&self, document: &Document, default_date: Option<NaiveDate>) -> Vec<Statement> {
        let offsets = CharOffsets::new(&document.text);
        let mut statements: Vec<Statement> = Vec::new();
        let aside = self.cues.class("aside");
        self.analyse(&document.text, |sentence, focus| {
            let context = statements::Context {
                document,
                anchor: document.published.or(default_date),
                offsets: &offsets,
                focus,
                cues: &self.cues,
            };
            // Most sentences hold no statement: their topics are never looked up.
            let topics = std::cell::OnceCell::new();
            let spans = SentenceSpans {
                sentence: &sentence,
                cues: &self.cues,
                aside,
            };
            for trigger in self.lexicon.triggers(sentence.tokens, &spans) {
                let topics = topics.get_or_init(|| self.topics.of(sentence.tokens));
                let Some(statement) = context.statement(&sentence, &trigger, topics) else {
                    continue;
                };
                if !statements
                    .iter()
                    .any(|s| statements::same_statement(s, &statement))
                {
                    statements.push(statement);
                }
            }
        });
        statements
    }

    /// Every actor and place mention of a document, references resolved.
    pub fn mentions(&self, document: &Document) -> Vec<MentionRecord> {
        let offsets = CharOffsets::new(&document.text);
        let mut records = Vec::new();
        self.analyse(&document.text, |sentence, _| {
            for mention in &sentence.mentions.0 {
                records.extend(mention.records(document.id(), &|b| offsets.get(b)));
            }
        });
        records
    }

    /// Runs the sentence-level analysis that statements and mentions share, in order, with
    /// the focus as it stands after each sentence.
    fn analyse<'t>(&self, text: &'t str, mut each: impl FnMut(AnalysedSentence<'_, 't>, &Focus)) {
        let mut focus = Focus::default();
        let mut memory = mentions::DocumentMemory::default();
        let opens_event =
            |tokens: &[segment::Token<'_>], at| self.lexicon.opens_phrase_at(tokens, at);
        for span in segment::sentences(text, &self.segment_rules) {
            let mut tokens = segment::tokens(text, span.start, span.end);
            self.cues.index(&mut tokens);
            let mut mentions = mentions::find(
                text,
                &tokens,
                &self.gazetteer,
                &self.cues,
                &mut memory,
                &opens_event,
            );
            references::resolve(&tokens, &mut mentions, &mut focus, &self.cues, span.index);
            let speech = modality::speech(&Sentence {
                tokens: &tokens,
                mentions: &mentions,
                cues: &self.cues,
            });
            // The speaker's own words: "we" and "our" in a quotation are the speaker's side.
            // Resolving them adds mentions, so the speaker is kept by value.
            let speaker: Option<Mention> = speech.map(|s| mentions.0[s.speaker].clone());
            if let Some(speaker) = &speaker {
                references::resolve_speaker_pronouns(&tokens, &mut mentions, &self.cues, speaker);
            }
            let speech = speech.map(|s| modality::Speech {
                speaker: speaker
                    .as_ref()
                    .and_then(|sp| mentions.0.iter().position(|m| m.tok_start == sp.tok_start))
                    .unwrap_or(s.speaker),
                ..s
            });
            each(
                AnalysedSentence {
                    text,
                    span,
                    tokens: &tokens,
                    mentions: &mentions,
                    speech,
                },
                &focus,
            );
        }
    }
}

/// One sentence with its mentions resolved and its speaker found.
pub(crate) struct AnalysedSentence<'a, 't> {
    pub text: &'t str,
    pub span: segment::SentenceSpan,
    pub tokens: &'a [segment::Token<'t>],
    pub mentions: &'a Mentions,
    pub speech: Option<modality::Speech>,
}

impl<'a, 't> AnalysedSentence<'a, 't> {
    pub fn view(&self, cues: &'a Cues) -> Sentence<'a, 't> {
        Sentence {
            tokens: self.tokens,
            mentions: self.mentions,
            cues,
        }
    }

    pub fn speaker(&self) -> Option<&'a Mention> {
        self.speech.map(|s| &self.mentions.0[s.speaker])
    }
}

/// Byte offsets to character offsets, which the JSONL contract uses.
pub(crate) struct CharOffsets {
    /// Character index of every byte that starts a character; empty for ASCII text.
    table: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { table: Vec::new() };
        }
        let mut table = vec![0; text.len() + 1];
        let mut chars = 0;
        for (byte, c) in text.char_indices() {
            for slot in &mut table[byte..byte + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        table[text.len()] = chars;
        Self { table }
    }

    pub fn get(&self, byte: usize) -> usize {
        self.table.get(byte).copied().unwrap_or(byte)
    }
}

/// A sentence's mentions and asides, as phrase matching sees them.
struct SentenceSpans<'s> {
    sentence: &'s AnalysedSentence<'s, 's>,
    cues: &'s Cues,
    /// The cue class `aside`, looked up once per document.
    aside: Option<cues::Class>,
}

impl lexicon::PhraseSpans for SentenceSpans<'_> {
    fn mentions_at(&self, at: usize) -> Vec<(usize, usize)> {
        self.sentence.mentions.starting_at(at)
    }

    fn mention_starts_at(&self, at: usize) -> bool {
        self.sentence.mentions.starts_at(at)
    }

    /// "Russia deployed troops to Belarus while UN peacekeepers left Mali": a contrast opens
    /// another part.
    fn speaks_of(&self, class: &str, from: usize) -> bool {
        let tokens = self.sentence.tokens;
        (from..tokens.len())
            .take_while(|&i| !self.cues.is("contrast", &tokens[i]))
            .any(|i| self.cues.match_at(class, tokens, i).is_some())
    }

    fn aside_at(&self, at: usize) -> Option<usize> {
        self.cues
            .match_class(self.aside?, self.sentence.tokens, at)
            .map(|len| at + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_flag_that_names_no_cue_class_is_an_error_at_its_line() {
        let [actors, _, cues, topics] = BUNDLED;
        let lexicon = "# phrases\nAID\t-\tgive,needs:no-such-class\tsent\n";
        let err = match Extractor::from_sources([
            (actors, "actors.ttl"),
            (lexicon, "lexicon.tsv"),
            (cues, "cues.tsv"),
            (topics, "topics.tsv"),
        ]) {
            Err(err) => err.to_string(),
            Ok(_) => panic!("an unknown cue class was accepted"),
        };
        assert_eq!(
            err,
            "lexicon.tsv:2: flag needs:no-such-class names no cue class of cues.tsv"
        );
    }
}
