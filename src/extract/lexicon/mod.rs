//! The event lexicon (`lexicon.tsv`): phrases that signal a PLOVER event or a standing
//! relation, and how to find the actors around them.

use super::cues::Cues;
use super::segment::Token;
use super::DataError;
use crate::model::StatementType;
use rustc_hash::FxHashMap;

mod phrase;

use phrase::{match_parts, parse_phrase, words_at, Part};

/// How the actors of a phrase are found; see the header of `lexicon.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    SourceTarget,
    Symmetric,
    Passive,
    Nominal,
    Response,
    Charge,
    /// Reported demand: the speaker is the source, the `{T}` slot, subject of the demanded
    /// act, the target ("Russia says Israel must end its strikes").
    Demand,
    /// The subject is the source, the phrase's `{T}` slot the target: "rejected the Afghan
    /// government's offer".
    SubjectSlot,
    Slot,
    /// A transfer: the recipient follows "to"/"for" after what is given, which must be aid
    /// (money, supplies, arms; cue class `aid-theme`).
    Give,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotRole {
    Source,
    Target,
    /// Either side of a symmetric relation.
    Either,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub statement_type: StatementType,
    pub mode: Option<String>,
    pub frame: Frame,
    /// The target may be the other actor in focus when the sentence leaves it unsaid.
    pub implicit_target: bool,
    /// A transfer (`give`) of anything, not only aid: "returned the artefacts to Peru".
    pub gives_anything: bool,
    /// A cue class (flag `needs:CLASS`) that must have a phrase in the sentence from the
    /// phrase on: troops sent abroad are aid only where the sentence speaks of peacekeeping.
    pub needs: Option<String>,
    parts: Vec<Part>,
    /// Line in the lexicon file, for `--explain`-style diagnostics.
    pub line: usize,
}

/// A phrase found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger<'l> {
    pub entry: &'l Entry,
    pub start: usize,
    pub end: usize,
    /// Mentions that filled the slots, by role, as mention indices.
    pub slots: Vec<(SlotRole, usize)>,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Entries by the possible first words of their phrase.
    by_first_word: FxHashMap<String, Vec<usize>>,
    /// Entries whose phrase opens with a slot.
    slot_first: Vec<usize>,
    /// `by_first_word` keyed by the words' entries in a [`Cues`] vocabulary, and that table's
    /// id: an indexed token finds its entries without hashing ([`Lexicon::index_words`]).
    by_word_entry: Vec<Vec<usize>>,
    cue_table: u32,
}

/// What phrase matching needs to know of a sentence beyond its words.
pub trait PhraseSpans {
    /// The end (exclusive) of each mention starting at token `at`, with its index.
    fn mentions_at(&self, at: usize) -> Vec<(usize, usize)>;

    /// Whether a mention starts at token `at` (asked of every token).
    fn mention_starts_at(&self, at: usize) -> bool {
        !self.mentions_at(at).is_empty()
    }

    /// The end of an aside starting at token `at`: a time or manner adverbial that may stand
    /// between a phrase's words ("imposed sanctions today against", "met on Friday with").
    fn aside_at(&self, _at: usize) -> Option<usize> {
        None
    }

    /// Whether a phrase of cue class `class` stands in the sentence's part that runs from
    /// token `from`.
    fn speaks_of(&self, _class: &str, _from: usize) -> bool {
        true
    }
}

impl Lexicon {
    pub fn parse(text: &str, origin: &str) -> Result<Self, DataError> {
        let mut lexicon = Lexicon::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| DataError::Line {
                origin: origin.into(),
                line: n + 1,
                message,
            };
            let fields: Vec<&str> = line.split('\t').collect();
            let [stype, mode, frame, phrase] = fields[..] else {
                return Err(error(format!(
                    "expected 4 tab-separated fields, found {}",
                    fields.len()
                )));
            };
            let statement_type: StatementType = stype.trim().parse().map_err(error)?;
            let mut flags = frame.split(',').map(str::trim);
            let frame = match flags.next().unwrap_or_default() {
                "st" => Frame::SourceTarget,
                "sym" => Frame::Symmetric,
                "pass" => Frame::Passive,
                "nom" => Frame::Nominal,
                "resp" => Frame::Response,
                "charge" => Frame::Charge,
                "demand" => Frame::Demand,
                "st-slot" => Frame::SubjectSlot,
                "slot" => Frame::Slot,
                "give" => Frame::Give,
                other => return Err(error(format!("unknown frame `{other}`"))),
            };
            let mut implicit_target = false;
            let mut gives_anything = false;
            let mut needs = None;
            for flag in flags {
                match flag.split_once(':') {
                    Some(("needs", class)) if !class.is_empty() => needs = Some(class.to_owned()),
                    _ => match flag {
                        "implicit" => implicit_target = true,
                        "anything" => gives_anything = true,
                        other => return Err(error(format!("unknown flag `{other}`"))),
                    },
                }
            }
            let parts = parse_phrase(phrase).map_err(error)?;
            let index = lexicon.entries.len();
            match &parts[0] {
                Part::Slot(_) => lexicon.slot_first.push(index),
                Part::Words {
                    alternatives,
                    optional: false,
                    ..
                } => {
                    for words in alternatives {
                        lexicon
                            .by_first_word
                            .entry(words[0].clone())
                            .or_default()
                            .push(index);
                    }
                }
                Part::Words { optional: true, .. } | Part::Modifiers => {
                    return Err(error("a phrase cannot start with an optional word".into()))
                }
            }
            lexicon.entries.push(Entry {
                statement_type,
                mode: Some(mode.trim())
                    .filter(|m| *m != "-" && !m.is_empty())
                    .map(str::to_owned),
                frame,
                implicit_target,
                gives_anything,
                needs,
                parts,
                line: n + 1,
            });
        }
        Ok(lexicon)
    }

    /// A flag `needs:CLASS` whose class `cues` lacks, with the line it is on.
    pub fn unknown_cue_class(&self, cues: &Cues) -> Option<(usize, &str)> {
        self.entries.iter().find_map(|e| {
            let class = e.needs.as_deref()?;
            cues.class(class).is_none().then_some((e.line, class))
        })
    }

    /// Words that open a phrase, for [`Cues::add_words`].
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first_word.keys().map(String::as_str)
    }

    /// Keys the phrases' first words by their entries in `cues`, which must hold them all
    /// ([`Cues::add_words`]).
    pub fn index_words(&mut self, cues: &Cues) {
        self.by_word_entry = vec![Vec::new(); cues.vocabulary_len()];
        for (word, entries) in &self.by_first_word {
            if let Some(entry) = cues.word_entry(word) {
                self.by_word_entry[entry as usize].clone_from(entries);
            }
        }
        self.cue_table = cues.table();
    }

    /// The entries whose phrase may open with this token.
    fn opening_at(&self, token: &Token<'_>) -> &[usize] {
        match token.cue_entry.in_table(self.cue_table) {
            Some(Some(entry)) => &self.by_word_entry[entry as usize],
            Some(None) => &[],
            None => self
                .by_first_word
                .get(token.lower.as_ref())
                .map_or(&[], Vec::as_slice),
        }
    }

    /// Whether some phrase opens at token `at`: its first words are there in full ("export
    /// controls" opens one, "export credit" does not).
    pub fn opens_phrase_at(&self, tokens: &[Token<'_>], at: usize) -> bool {
        let Some(token) = tokens.get(at) else {
            return false;
        };
        self.opening_at(token)
            .iter()
            .any(|&e| match &self.entries[e].parts[0] {
                Part::Words { alternatives, .. } => {
                    alternatives.iter().any(|words| words_at(words, tokens, at))
                }
                Part::Slot(_) | Part::Modifiers => false,
            })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Non-overlapping triggers of a sentence, left to right, the longest at each position.
    pub fn triggers<'l>(
        &'l self,
        tokens: &[Token<'_>],
        spans: &dyn PhraseSpans,
    ) -> Vec<Trigger<'l>> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            // Phrases that open with a slot can only match where a mention starts.
            let slot_entries: &[usize] = if spans.mention_starts_at(at) {
                &self.slot_first
            } else {
                &[]
            };
            let candidates = self.opening_at(&tokens[at]).iter().chain(slot_entries);
            let best = candidates
                .filter_map(|&e| {
                    let entry = &self.entries[e];
                    if entry
                        .needs
                        .as_deref()
                        .is_some_and(|c| !spans.speaks_of(c, at))
                    {
                        return None;
                    }
                    let mut slots = Vec::new();
                    match_parts(&entry.parts, tokens, at, spans, &mut slots).map(|end| Trigger {
                        entry,
                        start: at,
                        end,
                        slots,
                    })
                })
                .max_by_key(|t| (t.end, std::cmp::Reverse(t.entry.line)));
            match best {
                Some(trigger) => {
                    at = trigger.end.max(at + 1);
                    found.push(trigger);
                }
                None => at += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::phrase::inflections;
    use super::*;
    use crate::extract::segment::tokens;

    struct NoMentions;
    impl PhraseSpans for NoMentions {
        fn mentions_at(&self, _: usize) -> Vec<(usize, usize)> {
            Vec::new()
        }
    }

    #[test]
    fn inflects_regular_verbs() {
        assert_eq!(
            inflections("agree"),
            vec!["agree", "agrees", "agreed", "agreeing"]
        );
        assert_eq!(
            inflections("deny"),
            vec!["deny", "denies", "denied", "denying"]
        );
        assert_eq!(
            inflections("visit"),
            vec!["visit", "visits", "visited", "visiting"]
        );
    }

    #[test]
    fn longest_phrase_wins_and_optional_words_skip() {
        let lexicon = Lexicon::parse(
            "CONSULT\tphone\tsym\tphoned|called\nREQUEST\t-\tst\tcalled on\nRETREAT\tease\tst,implicit\tcut a|an? import_tax|tariffs\n",
            "test",
        )
        .unwrap();
        let text = "He called on them and cut tariffs and cut a import tax and cut a tax.";
        let toks = tokens(text, 0, text.len());
        let found: Vec<(StatementType, usize, usize)> = lexicon
            .triggers(&toks, &NoMentions)
            .iter()
            .map(|t| (t.entry.statement_type, t.start, t.end))
            .collect();
        assert_eq!(
            found,
            vec![
                (StatementType::Request, 1, 3),
                (StatementType::Retreat, 5, 7),
                (StatementType::Retreat, 8, 12)
            ]
        );
    }

    #[test]
    fn a_phrase_opens_only_where_its_first_words_are_all_there() {
        let lexicon = Lexicon::parse(
            "SANCTION\teconomic\tnom\texport_controls|tariffs on|against\n",
            "test",
        )
        .unwrap();
        let text = "export controls and export credit and tariffs";
        let toks = tokens(text, 0, text.len());
        let opening: Vec<usize> = (0..toks.len())
            .filter(|&at| lexicon.opens_phrase_at(&toks, at))
            .collect();
        assert_eq!(opening, [0, 6]);
    }

    /// Asides where "today" or "on Monday" stand.
    struct Asides;
    impl PhraseSpans for Asides {
        fn mentions_at(&self, _: usize) -> Vec<(usize, usize)> {
            Vec::new()
        }
        fn aside_at(&self, at: usize) -> Option<usize> {
            Some(at)
                .filter(|_| matches!(at, 3 | 9))
                .map(|at| at + 1 + usize::from(at == 9))
        }
    }

    #[test]
    fn an_aside_may_stand_between_the_words_of_a_phrase() {
        let lexicon = Lexicon::parse(
            "SANCTION\teconomic\tst\timpose~ * sanctions on|against\n",
            "test",
        )
        .unwrap();
        // Asides: "today" (3) and "on Monday" (9-10), whose "on" is not the phrase's.
        let text = "They imposed sanctions today against X and imposed sanctions on Monday on Y";
        let toks = tokens(text, 0, text.len());
        let found: Vec<(usize, usize)> = lexicon
            .triggers(&toks, &Asides)
            .iter()
            .map(|t| (t.start, t.end))
            .collect();
        assert_eq!(found, vec![(1, 5), (7, 12)]);
        let without: Vec<(usize, usize)> = lexicon
            .triggers(&toks, &NoMentions)
            .iter()
            .map(|t| (t.start, t.end))
            .collect();
        assert_eq!(without, vec![(7, 10)]);
    }

    /// Spans of a sentence that speaks of one cue class only, in the tokens from `from` on.
    struct SpeaksOf(&'static str, usize);
    impl PhraseSpans for SpeaksOf {
        fn mentions_at(&self, _: usize) -> Vec<(usize, usize)> {
            Vec::new()
        }
        fn speaks_of(&self, class: &str, from: usize) -> bool {
            class == self.0 && from <= self.1
        }
    }

    #[test]
    fn a_phrase_that_needs_a_cue_class_counts_only_where_the_sentence_has_one() {
        let lexicon = Lexicon::parse(
            "AID\tpeacekeeping\tst,needs:peacekeeping\tsent troops to\n\
             MOBILIZE\tmilitary\tst\tsent troops to\n",
            "test",
        )
        .unwrap();
        let text = "Ghana sent troops to Lebanon as peacekeepers";
        let toks = tokens(text, 0, text.len());
        let types = |spans: &dyn PhraseSpans| {
            lexicon
                .triggers(&toks, spans)
                .iter()
                .map(|t| t.entry.statement_type.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(types(&SpeaksOf("peacekeeping", 6)), vec!["AID"]);
        assert_eq!(types(&SpeaksOf("help-purpose", 6)), vec!["MOBILIZE"]);
        // The class stands before the phrase, in another part of the sentence.
        assert_eq!(types(&SpeaksOf("peacekeeping", 0)), vec!["MOBILIZE"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = Lexicon::parse("# c\nAGREE\t-\tnope\tagree~\n", "lexicon.tsv").unwrap_err();
        assert_eq!(err.to_string(), "lexicon.tsv:2: unknown frame `nope`");
    }
}
