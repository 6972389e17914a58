//! The extractor: from a document's text to statements. It knows nothing of RDF.
//!
//! Per sentence: tokens -> named mentions -> references resolved against the focus ->
//! triggers from the lexicon -> arguments by frame -> modality, speaker, time, place, topics.

pub mod arguments;
pub mod cues;
pub mod gazetteer;
pub mod lexicon;
pub mod mentions;
pub mod modality;
pub mod references;
pub mod segment;
pub mod time;

use crate::document::Document;
use crate::model::{ActorRef, Modality, Statement};
use arguments::{Arguments, Sentence};
use chrono::NaiveDate;
use cues::{Cues, Topics};
use gazetteer::{Gazetteer, GazetteerError};
use lexicon::{Frame, Lexicon, Trigger};
use mentions::{Member, Mention, Mentions, Role};
use references::Focus;
use std::collections::HashSet;
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
        let cues = Cues::parse(cues, c)?;
        Ok(Self {
            gazetteer: Gazetteer::from_turtle(actors, a)?,
            lexicon: Lexicon::parse(lexicon, l)?,
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
        let anchor = document.published.or(default_date);
        let text = &document.text;
        let offsets = CharOffsets::new(text);
        let mut focus = Focus::default();
        let mut memory = mentions::DocumentMemory::default();
        let starts_event = |word: &str| self.lexicon.starts_phrase(word);
        let mut statements: Vec<Statement> = Vec::new();
        for span in segment::sentences(text, &self.segment_rules) {
            let tokens = segment::tokens(text, span.start, span.end);
            let mut mentions = mentions::find(
                text,
                &tokens,
                &self.gazetteer,
                &self.cues,
                &mut memory,
                &starts_event,
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
            let speaker_index = speaker
                .as_ref()
                .and_then(|sp| mentions.0.iter().position(|m| m.tok_start == sp.tok_start));
            let sentence = Sentence {
                tokens: &tokens,
                mentions: &mentions,
                cues: &self.cues,
            };
            let times = time::find(&tokens);
            let topics = self.topics.of(&tokens);
            for trigger in self.lexicon.triggers(&tokens, &mentions) {
                if used_as_noun(&sentence, &trigger) {
                    continue;
                }
                let arguments = arguments::find(&sentence, &trigger, speaker_index);
                let Some((source, target)) = self.sides(
                    &mentions, &arguments, &trigger, &focus, span.index, &offsets,
                ) else {
                    continue;
                };
                let mut modality = modality::modality(&sentence, &trigger);
                if let (Some(s), Some(speaker)) = (&speech, &speaker) {
                    let source_codes: HashSet<_> =
                        source.iter().filter_map(|a| a.country.clone()).collect();
                    let speaker_codes: HashSet<_> = speaker.codes().into_iter().collect();
                    if modality == Modality::Asserted
                        && modality::attributed(&sentence, &trigger, s)
                        && source_codes.is_disjoint(&speaker_codes)
                    {
                        modality = Modality::Reported;
                    }
                }
                let future = modality == Modality::Planned;
                // A time adverbial belongs to the verb of its clause, and usually follows it.
                let (clause_start, clause_end) = (
                    sentence.clause_start(trigger.start, true),
                    sentence.clause_end(trigger.end, true),
                );
                let time = times
                    .iter()
                    .filter(|(at, _)| (clause_start..clause_end).contains(at))
                    .min_by_key(|(at, _)| (*at < trigger.start, at.abs_diff(trigger.start)))
                    .and_then(|(_, expr)| time::resolve(*expr, anchor, future));
                let (evidence_start, evidence_end) =
                    evidence_span(&tokens, &mentions, &trigger, &arguments);
                let via_reference = arguments
                    .source
                    .iter()
                    .chain(&arguments.target)
                    .any(|&i| mentions.0[i].role == Role::Reference);
                let implicit = arguments.target.is_empty() && !arguments.symmetric;
                let statement = Statement {
                    doc: document.id.clone(),
                    sentence: span.index,
                    start: offsets.get(span.start),
                    end: offsets.get(span.end),
                    kind: trigger.entry.statement_type.kind(),
                    statement_type: trigger.entry.statement_type,
                    mode: trigger.entry.mode.clone(),
                    source,
                    target,
                    symmetric: arguments.symmetric,
                    modality,
                    speaker: speaker.as_ref().and_then(|s| speaker_ref(s, &offsets)),
                    time,
                    place: arguments.place.and_then(|p| mentions.0[p].place_ref()),
                    topics: topics.clone(),
                    confidence: confidence(trigger.entry.frame, via_reference, implicit),
                    evidence: text[evidence_start..evidence_end].to_owned(),
                    evidence_start: offsets.get(evidence_start),
                    evidence_end: offsets.get(evidence_end),
                    sentence_text: text[span.start..span.end].to_owned(),
                };
                if !statements.iter().any(|s| same_statement(s, &statement)) {
                    statements.push(statement);
                }
            }
        }
        statements
    }

    /// Source and target actors; None when a side is missing or both sides are one actor.
    fn sides(
        &self,
        mentions: &Mentions,
        arguments: &Arguments,
        trigger: &Trigger<'_>,
        focus: &Focus,
        sentence: usize,
        offsets: &CharOffsets,
    ) -> Option<(Vec<ActorRef>, Vec<ActorRef>)> {
        let to_chars = |byte: usize| offsets.get(byte);
        let refs = |indices: &[usize]| -> Vec<ActorRef> {
            let mut out: Vec<ActorRef> = Vec::new();
            for r in indices
                .iter()
                .flat_map(|&i| mentions.0[i].actor_refs(&to_chars))
            {
                if !out.iter().any(|o| o.country == r.country) {
                    out.push(r);
                }
            }
            out
        };
        let mut source = refs(&arguments.source);
        let mut target = refs(&arguments.target);
        if arguments.symmetric {
            // One side per participant: the first against the rest.
            let mut all = source;
            all.extend(target);
            let mut seen = HashSet::new();
            all.retain(|a| seen.insert(a.country.clone()));
            if all.len() < 2 {
                return None;
            }
            target = all.split_off(1);
            source = all;
            return Some((source, target));
        }
        if source.is_empty() {
            return None;
        }
        if target.is_empty() && trigger.entry.implicit_target {
            let codes: Vec<String> = source.iter().filter_map(|a| a.country.clone()).collect();
            target = focus
                .partner_of(&codes, sentence)
                .map(|m| vec![member_ref(&m)])
                .unwrap_or_default();
        }
        let codes = |side: &[ActorRef]| {
            side.iter()
                .map(|a| a.country.clone())
                .collect::<HashSet<_>>()
        };
        if target.is_empty() || codes(&source) == codes(&target) {
            return None;
        }
        // An actor on both sides of a directed statement is the subject's own doing.
        let source_codes = codes(&source);
        target.retain(|a| !source_codes.contains(&a.country));
        (!target.is_empty()).then_some((source, target))
    }
}

/// "a hunger strike", "the attacks": a verb phrase's word after a determiner is a noun.
fn used_as_noun(sentence: &Sentence<'_, '_>, trigger: &Trigger<'_>) -> bool {
    let verbal = !matches!(
        trigger.entry.frame,
        Frame::Nominal | Frame::Slot | Frame::Charge
    );
    verbal
        && trigger.start > 0
        && sentence
            .cues
            .match_at("determiner", sentence.tokens, trigger.start - 1)
            == Some(1)
}

fn member_ref(member: &Member) -> ActorRef {
    ActorRef {
        text: member.label.clone(),
        qid: member.qid.clone(),
        country: member.code.clone(),
        entity: Some(member.key.clone()),
        label: Some(member.label.clone()),
        start: None,
        end: None,
    }
}

fn speaker_ref(mention: &Mention, offsets: &CharOffsets) -> Option<ActorRef> {
    let member = mention.members.first()?;
    Some(ActorRef {
        text: mention.text.clone(),
        start: Some(offsets.get(mention.start)),
        end: Some(offsets.get(mention.end)),
        ..member_ref(member)
    })
}

fn same_statement(a: &Statement, b: &Statement) -> bool {
    let codes = |side: &[ActorRef]| {
        let mut c: Vec<_> = side.iter().map(|x| x.country.clone()).collect();
        c.sort();
        c
    };
    let sides = |s: &Statement| {
        if s.symmetric {
            let mut all = codes(&s.source);
            all.extend(codes(&s.target));
            all.sort();
            (all, Vec::new())
        } else {
            (codes(&s.source), codes(&s.target))
        }
    };
    a.sentence == b.sentence
        && a.statement_type == b.statement_type
        && a.modality == b.modality
        && sides(a) == sides(b)
}

fn confidence(frame: Frame, via_reference: bool, implicit_target: bool) -> f32 {
    let base: f32 = match frame {
        Frame::Slot => 0.9,
        Frame::SourceTarget | Frame::Symmetric | Frame::Passive => 0.8,
        Frame::Nominal | Frame::Response => 0.7,
        Frame::Charge => 0.65,
    };
    let penalty = if via_reference { 0.1 } else { 0.0 } + if implicit_target { 0.2 } else { 0.0 };
    ((base - penalty) * 100.0).round() / 100.0
}

/// The trigger with the actors next to it: "the US backs Tokyo", "plans to go to China's capital".
fn evidence_span(
    tokens: &[segment::Token<'_>],
    mentions: &Mentions,
    trigger: &Trigger<'_>,
    arguments: &Arguments,
) -> (usize, usize) {
    const NEAR: usize = 3;
    let mut first = trigger.start;
    let mut last = trigger.end;
    for &i in arguments.source.iter().chain(&arguments.target) {
        let m = &mentions.0[i];
        if m.tok_end <= trigger.start && trigger.start - m.tok_end <= NEAR {
            first = first.min(m.tok_start);
        }
        if m.tok_start >= trigger.end && m.tok_start - trigger.end <= NEAR {
            last = last.max(m.tok_end);
        }
    }
    (tokens[first].start, tokens[last - 1].end)
}

/// Byte offsets to character offsets, which the JSONL contract uses.
struct CharOffsets {
    /// Character index of every byte that starts a character; empty for ASCII text.
    table: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
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

    fn get(&self, byte: usize) -> usize {
        self.table.get(byte).copied().unwrap_or(byte)
    }
}
