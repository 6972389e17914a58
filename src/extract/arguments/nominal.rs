//! Who a noun or a phrase names as its actor: the possessor before an event noun ("Russia's
//! invasion"), the subject of the light verb it is the object of, an actor inside the phrase,
//! and the state before a hyphen ("Russia-backed").

use super::Sentence;
use crate::extract::lexicon::Trigger;
use crate::extract::mentions::Role;
use crate::extract::segment::Token;

impl Sentence<'_, '_> {
    /// The possessor or demonym right before a noun ("Russia's invasion", "a Chinese attack"),
    /// with at most two lower-case words between ("Chinese military attack").
    pub(super) fn possessor(&self, at: usize) -> Vec<usize> {
        let found = self.mentions.0.iter().enumerate().rev().find(|(_, m)| {
            if m.tok_end > at
                || !(m.is_actor() || matches!(m.role, Role::Modifier | Role::Describing))
            {
                return false;
            }
            let mut between = &self.tokens[m.tok_end..at];
            if between
                .first()
                .is_some_and(|t| t.lower == "'s" || t.lower == "’s")
            {
                between = &between[1..];
            }
            // Adjectives only: "rolled back" or "has" between make the actor a subject.
            between.len() <= 2
                && between.iter().all(|t| {
                    t.is_word()
                        && !t.is_capitalised()
                        && !t.lower.ends_with("ed")
                        && !self.is_preposition(t)
                        && !self.cues.is("auxiliary", t)
                        // "Kyiv said the strikes": a speaker owns no noun.
                        && !self.cues.is("speech", t)
                })
        });
        found.map(|(i, _)| vec![i]).unwrap_or_default()
    }

    /// Who does what a noun names: its possessor ("Russia's invasion"), or the subject of the
    /// light verb it is the object of ("Trump announced a suspension of aid to Pakistan",
    /// "Moscow launched an invasion of Ukraine").
    pub(super) fn nominal_source(&self, at: usize) -> Vec<usize> {
        let possessor = self.possessor(at);
        if !possessor.is_empty() {
            return possessor;
        }
        // "announced a new $1 billion military aid package": past what describes the noun.
        let describes = |t: &Token<'_>| {
            let amount = t
                .text
                .starts_with(|c: char| c.is_ascii_digit() || "$€£¥".contains(c));
            let adjective = t.is_word()
                && !t.is_capitalised()
                && !self.cues.is_function_word(t)
                && !self.cues.is("light-verb", t);
            self.cues.is("determiner", t) || amount || adjective
        };
        let verb = (0..at).rev().take(8).find(|&i| !describes(&self.tokens[i]));
        // "the Houthis claimed responsibility for an attack on": who claims the deed did it.
        let claimed_from = verb.and_then(|v| {
            (v.saturating_sub(3)..=v)
                .find(|&s| self.cues.match_at("claim-of-deed", self.tokens, s) == Some(v + 1 - s))
        });
        match (verb, claimed_from) {
            (_, Some(claim)) => self.subject(claim),
            (Some(v), None) if self.cues.is("light-verb", &self.tokens[v]) => self.subject(v),
            _ => Vec::new(),
        }
    }

    /// An actor named inside the phrase, after its first word: "accepted 1,141 Iraqi
    /// refugees", "rejected an Indian offer of mediation". Not the troops a phrase moves
    /// ("withdraw its troops from"), which are the subject's own.
    pub(super) fn named_in_phrase(&self, trigger: &Trigger<'_>) -> Vec<usize> {
        self.mentions
            .0
            .iter()
            .rposition(|m| {
                m.tok_start > trigger.start
                    && m.tok_end <= trigger.end
                    && (m.is_actor() || m.role == Role::Modifier)
                    && !m.is_sector()
            })
            .map(|i| vec![i])
            .unwrap_or_default()
    }

    /// Whether the token before `at` is a hyphen that joins it to the word before.
    pub(super) fn after_hyphen(&self, at: usize) -> bool {
        at >= 2 && {
            let (word, hyphen) = (&self.tokens[at - 2], &self.tokens[at - 1]);
            hyphen.text == "-" && word.end == hyphen.start && hyphen.end == self.tokens[at].start
        }
    }

    /// The state that ends right before the hyphen at `at - 1`, an adjective there.
    pub(super) fn hyphenated_source(&self, at: usize) -> Vec<usize> {
        self.mentions
            .0
            .iter()
            .position(|m| {
                m.tok_end == at - 1
                    && (m.is_actor()
                        || matches!(m.role, Role::Modifier | Role::Describing)
                            && !m.codes().is_empty())
            })
            .map(|i| vec![i])
            .unwrap_or_default()
    }
}
