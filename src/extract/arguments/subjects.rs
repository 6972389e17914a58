//! Who does it: the subject of a phrase, in its clause, in a relative clause, after a
//! participle that opens the sentence, and never a speaker whose clause names someone else.

use super::Sentence;
use crate::extract::mentions::{Mention, Role};

impl Sentence<'_, '_> {
    /// The subject before token `at`: the nearest actor in the clause that no preposition
    /// governs, with the actors coordinated with it ("Trump and Xi").
    pub fn subject(&self, at: usize) -> Vec<usize> {
        // "the attack which killed nine people", "lawmakers who blame China": the subject of a
        // relative clause is what the pronoun stands for, right before it, or nothing.
        // "an offer, which was criticised by aid groups": past the auxiliaries.
        let mut pronoun = at;
        while pronoun > 0
            && (self.cues.is("auxiliary", &self.tokens[pronoun - 1])
                || self.cues.is("passive-auxiliary", &self.tokens[pronoun - 1]))
        {
            pronoun -= 1;
        }
        if pronoun > 0
            && matches!(
                self.tokens[pronoun - 1].lower.as_ref(),
                "which" | "who" | "that"
            )
        {
            let mut before = pronoun - 1;
            if before > 0 && self.tokens[before - 1].is_clause_punct() {
                before -= 1;
            }
            return self
                .mentions
                .0
                .iter()
                .position(|m| m.tok_end == before && m.is_actor())
                .map(|i| self.coordinated(i))
                .unwrap_or_default();
        }
        // "accused the RSF of attacking civilians": a gerund after "of" or "for" is done by the
        // noun before it, or by nobody the sentence names; "was accused of attacking" is a
        // passive, whose subject is the clause's.
        if at > 1
            && self.tokens[at].lower.ends_with("ing")
            && matches!(self.tokens[at - 1].lower.as_ref(), "of" | "for")
            && !self.tokens[at - 2].lower.ends_with("ed")
        {
            return self
                .mentions
                .0
                .iter()
                .position(|m| m.tok_end == at - 1 && m.is_actor())
                .map(|i| self.coordinated(i))
                .unwrap_or_default();
        }
        let start = self.clause_start(at, false);
        // The subject of an infinitive is the actor just before it, whatever governs that
        // actor: "called on Israel to withdraw", "used by China to threaten".
        let infinitive = at > 0 && self.tokens[at - 1].lower == "to";
        let governs_infinitive_subject = |m: &Mention| {
            m.tok_start > 0
                && matches!(
                    self.tokens[m.tok_start - 1].lower.as_ref(),
                    "on" | "by" | "for"
                )
        };
        let asked = self.asked_of(at);
        let found = self
            .mentions
            .0
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, m)| m.tok_end <= at && m.tok_start >= start)
            .filter(|(_, m)| !self.unknown_subject_after_speech(m.tok_end, at))
            .filter(|(_, m)| !self.inside_relative_clause(m, start, at))
            .filter(|(_, m)| !(infinitive && self.rejects_the_plan(m.tok_end, at - 1)))
            .find(|&(i, m)| {
                m.is_actor()
                    && (!self.after_preposition(m, "preposition")
                        || infinitive && governs_infinitive_subject(m)
                        || asked == Some(i)
                        || m.tok_end == at && self.after_preposition(m, "opens-clause"))
            })
            .map(|(i, _)| i)
            .or_else(|| self.participle_subject(at));
        found.map_or_else(Vec::new, |i| self.coordinated(i))
    }

    /// "an ultimatum to Sudan to normalise relations", "appealed to Russia to stop": the
    /// mention something is asked of, right before the infinitive at `verb`. What is asked of
    /// it is its to do, and requested.
    pub fn asked_of(&self, verb: usize) -> Option<usize> {
        if verb < 4 || self.tokens[verb - 1].lower != "to" {
            return None;
        }
        let i = self.mentions.0.iter().position(|m| m.tok_end == verb - 1)?;
        let m = &self.mentions.0[i];
        (m.tok_start >= 2
            && self.tokens[m.tok_start - 1].lower == "to"
            && self.cues.is("asks-of", &self.tokens[m.tok_start - 2]))
        .then_some(i)
    }

    /// "Mr Snow, who is on a four-nation EU visit, has applauded": a name inside a relative
    /// clause that closes before the verb is not its subject. A participle after the comma
    /// may still be the relative clause's own: "in which gunmen stormed a mosque, killing".
    fn inside_relative_clause(&self, m: &Mention, start: usize, at: usize) -> bool {
        if self.tokens[at].lower.ends_with("ing") {
            return false;
        }
        let opened =
            (start..m.tok_start).any(|i| matches!(self.tokens[i].lower.as_ref(), "who" | "which"));
        opened && (m.tok_end..at).any(|i| self.tokens[i].text == ",")
    }

    /// "Russia vetoed a plan to send peacekeepers": an infinitive after a noun that the verb
    /// before it blocks is the plan's, not the blocker's. One who refuses "the chance to meet"
    /// would be the one meeting, so refusals are not among these.
    fn rejects_the_plan(&self, from: usize, to: usize) -> bool {
        // The noun is what an article opens, right before "to": "a plan", "the UN's proposal".
        let Some(article) = (from..to)
            .rev()
            .take(3)
            .find(|&i| self.cues.is("determiner", &self.tokens[i]))
        else {
            return false;
        };
        self.tokens[to - 1].is_letters()
            && !self.tokens[to - 1].is_capitalised()
            && self
                .cues
                .find_in("blocks", self.tokens, from, article)
                .is_some()
    }

    /// "After meeting Xi in Beijing, Macron called on China": a participle that opens the
    /// sentence is done by the subject of the clause after its comma.
    fn participle_subject(&self, at: usize) -> Option<usize> {
        if !self.tokens[at].lower.ends_with("ing") || self.clause_start(at, true) != 0 {
            return None;
        }
        let comma = self.clause_end(at, true);
        if self.tokens.get(comma).is_none_or(|t| t.text != ",") {
            return None;
        }
        self.mentions
            .0
            .iter()
            // A pronoun there stands for someone earlier, too loosely for this.
            .position(|m| {
                (comma + 1..comma + 3).contains(&m.tok_start)
                    && m.is_actor()
                    && m.role != Role::Reference
            })
    }

    /// "the government said Rosneft had signed", "Fox said the comments were at odds with
    /// Blair": a speech verb in `tokens[from..to]` whose clause opens on a name geokg does not
    /// know, or on a thing. That is the subject; the speaker is not.
    fn unknown_subject_after_speech(&self, from: usize, to: usize) -> bool {
        let Some(verb) = self.cues.find_in("speech", self.tokens, from, to) else {
            return false;
        };
        let mut first = verb + 1;
        let mut article = false;
        while first < to && matches!(self.tokens[first].lower.as_ref(), "that" | "the") {
            article |= self.tokens[first].lower == "the";
            first += 1;
        }
        first < to && self.mentions.covering(first).is_none() && {
            let t = &self.tokens[first];
            let unknown_name = t.is_capitalised()
                && self.cues.match_at("aside", self.tokens, first).is_none()
                && !crate::extract::time::is_date_word(&t.lower);
            let thing = article && t.is_word() && !t.is_capitalised();
            unknown_name || thing
        }
    }
}
