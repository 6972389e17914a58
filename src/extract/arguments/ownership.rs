//! Whose the object is when no actor is its head: a state's adjective before it ("attacked two
//! Saudi oil stations"), the state a facility stands in ("stormed a police headquarters in
//! eastern Afghanistan") or the one goods come from ("tariffs on steel from China").

use super::Sentence;
use crate::extract::mentions::{Mention, Role};
use crate::extract::segment::Token;
use crate::model::EntityKind;

impl Sentence<'_, '_> {
    /// "attacked two Saudi oil stations", "criticised the Chinese decision": a state's
    /// adjective before the object says whose it is, as CAMEO codes it. Not when another name
    /// follows ("the Greek Cypriot government", "UK bank Barclays") or a hyphen does
    /// ("Iranian-backed militias"), nor before what is between parties ("a Turkmen gas deal")
    /// or people who live elsewhere ("the Pakistani community in Manchester"), nor before what
    /// the state did to it ("the Saudi backed president"), nor before one of its members ("the
    /// OPEC member").
    pub(super) fn describes_its_own(&self, m: &Mention) -> bool {
        let end = self.tokens.len();
        let after = &self.tokens[m.tok_end..(m.tok_end + 2).min(end)];
        m.members
            .iter()
            .all(|e| matches!(e.kind, EntityKind::State | EntityKind::Organisation))
            && after.first().is_some_and(|t| t.is_letters())
            && after.iter().all(|t| !t.is_capitalised())
            && (m.tok_end..(m.tok_end + 3).min(end)).all(|k| {
                !self.cues.is("between-parties", &self.tokens[k])
                    && !self.cues.is("emigrants", &self.tokens[k])
            })
            // "the Saudi backed president": what the state did, unhyphenated.
            && !self.cues.is("done-by", &self.tokens[m.tok_end])
            // "sanctions against the OPEC member": one of its members, not its own.
            && !self.cues.is("member-of", &self.tokens[m.tok_end])
    }

    /// "stormed a police headquarters in eastern Afghanistan", "struck an arms depot of the
    /// Syrian army", "ambushed a military vehicle in Myanmar's Rakhine State": the state whose
    /// facility or ground was hit, named after it; or whoever holds it ("the ISIS-held old
    /// city area of Mosul").
    pub(super) fn facility_owner(&self, at: usize) -> Vec<usize> {
        let Some((start, facility)) = self.facility_after(at) else {
            return Vec::new();
        };
        if let Some(holder) = self.holder(at, start) {
            return vec![holder];
        }
        let Some(link) = self.tokens.get(facility) else {
            return Vec::new();
        };
        if !matches!(link.lower.as_ref(), "in" | "of" | "near" | "across") {
            return Vec::new();
        }
        self.state_after(facility + 1)
    }

    /// "Ukraine said Russia attacked its power grid": a state facility after "its" or "their"
    /// belongs to whoever the pronoun stands for.
    pub(super) fn facility_of_pronoun(&self, at: usize) -> bool {
        self.facility_after(at).is_some()
            && self
                .tokens
                .get(at)
                .is_some_and(|t| matches!(t.lower.as_ref(), "its" | "their"))
    }

    /// The start and end of a state facility named right after `at`, past what describes it:
    /// articles, counts, plain and hyphenated words, an unknown acronym ("several TTP
    /// terrorist camps"), "and" ("military and security targets"), and a holder ("the
    /// rebel-held city").
    fn facility_after(&self, at: usize) -> Option<(usize, usize)> {
        let end = self.clause_end(at, true).min(at + 8);
        (at..end).find_map(|i| {
            let len = self.cues.match_at("state-facility", self.tokens, i)?;
            (at..i)
                .all(|k| self.describes_a_facility(k, at))
                .then_some((i, i + len))
        })
    }

    fn describes_a_facility(&self, k: usize, from: usize) -> bool {
        let t = &self.tokens[k];
        let plain = t.is_word() && !t.is_capitalised() && !self.is_preposition(t);
        let joined_hyphen = t.text == "-" && k > from && self.tokens[k - 1].end == t.start;
        let covered = self.mentions.covering(k);
        let unknown_acronym = covered.is_none() && t.is_acronym();
        let holder = covered.is_some_and(|m| self.holds(m));
        plain
            || joined_hyphen
            || unknown_acronym
            || holder
            || t.lower == "and"
            || self.cues.is("determiner", t)
            || self.cues.is("people-adjective", t)
            || crate::extract::mentions::is_count(self.cues, t)
    }

    /// "the ISIS-held area", "Houthi-controlled ports", "a rebel-held town": the actor that
    /// holds what follows, between `from` and `to`.
    fn holder(&self, from: usize, to: usize) -> Option<usize> {
        self.mentions
            .0
            .iter()
            .enumerate()
            .find(|&(i, m)| m.tok_start >= from && m.tok_end <= to && self.holds(i))
            .map(|(i, _)| i)
    }

    /// Whether a hyphen and a word of holding follow the actor ("ISIS-held"), or end a
    /// sector's own name ("rebel-held").
    fn holds(&self, mention: usize) -> bool {
        let m = &self.mentions.0[mention];
        let holding = |at: usize| {
            self.tokens
                .get(at)
                .is_some_and(|t| self.cues.is("holds", t))
        };
        let named_holding = m.is_sector() && m.tok_end >= 2 && holding(m.tok_end - 1);
        let followed_by_holding = m.is_actor()
            && self.tokens.get(m.tok_end).is_some_and(|t| t.text == "-")
            && holding(m.tok_end + 1)
            && self.after_hyphen(m.tok_end + 1);
        named_holding || followed_by_holding
    }

    /// "to the Pirmasen Municipal Museum in Germany", "to Venafro, Italy", "shell Haifa,
    /// Israel's third largest city": a name geokg does not know, placed in a state by "in" or
    /// a comma, stands for that state. Only a state's own name, so that "to the Red Cross in
    /// Geneva" names no recipient.
    pub(super) fn named_place_in_state(&self, at: usize) -> Vec<usize> {
        let first = at
            + usize::from(
                self.tokens
                    .get(at)
                    .is_some_and(|t| self.cues.is("determiner", t)),
            );
        let in_name = |i: usize| {
            let hyphen_inside = self.tokens[i].text == "-"
                && self.tokens.get(i + 1).is_some_and(Token::is_capitalised);
            (self.tokens[i].is_capitalised() || hyphen_inside)
                && self.mentions.covering(i).is_none()
        };
        let name_end = (first..self.tokens.len())
            .find(|&i| !in_name(i))
            .unwrap_or(self.tokens.len());
        let placed = self
            .tokens
            .get(name_end)
            .is_some_and(|t| matches!(t.lower.as_ref(), "in" | ","));
        if name_end == first || !placed {
            return Vec::new();
        }
        self.mentions
            .0
            .iter()
            .position(|m| m.tok_start == name_end + 1 && m.role == Role::Name && m.names_states())
            .map(|i| vec![i])
            .unwrap_or_default()
    }

    /// The state named at `at`, after an article or two lower-case words: "in eastern
    /// Afghanistan", "in northeast Nigeria", "in Saudi Arabia's southwestern Jizan region".
    pub(super) fn state_after(&self, at: usize) -> Vec<usize> {
        // "in north-eastern Syria": a hyphenated word counts as one.
        let mut next = at;
        let mut words = 0;
        while words < 2 && next < self.tokens.len() {
            let t = &self.tokens[next];
            if t.is_letters() && !t.is_capitalised() {
                words += usize::from(!(next > at && self.tokens[next - 1].text == "-"));
            } else if !(t.text == "-" && next > at && self.after_hyphen(next + 1)) {
                break;
            }
            next += 1;
        }
        self.mentions
            .0
            .iter()
            .position(|m| {
                // A name may take the article in ("the United Kingdom").
                (at..=next).contains(&m.tok_start)
                    && (m.is_actor() || m.is_place())
                    && !m.is_sector()
            })
            .map(|i| self.coordinated(i))
            .unwrap_or_default()
    }

    /// "imposed tariffs on steel from China", "lifted the ban on beef from Britain", "export
    /// controls on chips to China": the state traded goods come from or go to, after the
    /// phrase's preposition and a few plain words.
    pub(super) fn goods_origin(&self, at: usize) -> Vec<usize> {
        if at == 0 || !self.is_preposition(&self.tokens[at - 1]) {
            return Vec::new();
        }
        let end = self.clause_end(at, true).min(at + 5);
        // "from" an exporter, or "to" where exports go ("export controls on chips to China").
        let Some(from) =
            (at + 1..end).find(|&i| matches!(self.tokens[i].lower.as_ref(), "from" | "to"))
        else {
            return Vec::new();
        };
        let goods = &self.tokens[at..from];
        if !goods.iter().all(|t| {
            self.cues.is("determiner", t)
                || t.lower == "and"
                || t.is_word() && !t.is_capitalised() && !self.cues.is_function_word(t)
        }) {
            return Vec::new();
        }
        self.state_after(from + 1)
    }

    /// "aid to people in Somalia", "help for flood victims across Pakistan": the state whose
    /// people receive, as CAMEO codes them (its civilians).
    pub(super) fn people_of(&self, at: usize) -> Vec<usize> {
        let end = self.clause_end(at, true).min(at + 6);
        let Some(noun) = (at..end).find(|&i| self.cues.is("civilians", &self.tokens[i])) else {
            return Vec::new();
        };
        let counts = |t: &Token<'_>| crate::extract::mentions::is_count(self.cues, t);
        let described = self.tokens[at..noun].iter().all(|t| {
            self.cues.is("determiner", t)
                || counts(t)
                || t.is_word() && !t.is_capitalised() && !self.cues.is_function_word(t)
        });
        let Some(link) = self.tokens.get(noun + 1) else {
            return Vec::new();
        };
        if !described || !matches!(link.lower.as_ref(), "in" | "of" | "across" | "throughout") {
            return Vec::new();
        }
        self.state_after(noun + 2)
    }
}
