//! Who did it to whom: the source and target of a trigger, found by its frame.

use super::cues::Cues;
use super::lexicon::{Frame, SlotRole, Trigger};
use super::mentions::{Mention, Mentions, Role};
use super::segment::Token;
use crate::model::{EntityKind, StatementType};

mod nominal;
mod ownership;
mod recipients;
mod subjects;
mod weapons;

/// How far right of a trigger its object may start, in tokens.
const OBJECT_REACH: usize = 3;

/// A sentence as argument finding sees it.
pub struct Sentence<'a, 't> {
    pub tokens: &'a [Token<'t>],
    pub mentions: &'a Mentions,
    pub cues: &'a Cues,
}

/// The actors of one trigger, as mention indices; `symmetric` when sides are interchangeable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Arguments {
    pub source: Vec<usize>,
    pub target: Vec<usize>,
    pub symmetric: bool,
    /// Where it happened: a place mention after "in"/"at".
    pub place: Option<usize>,
}

impl Sentence<'_, '_> {
    fn is_break(&self, i: usize, soft: bool) -> bool {
        let t = &self.tokens[i];
        // Sentences are split already: a period inside one ends an abbreviation ("Mr. Sisi").
        let ends_sentence = t.text == "." && i + 1 == self.tokens.len();
        matches!(t.text, ";" | ":" | "!" | "?") || ends_sentence || (soft && t.is_clause_punct())
    }

    /// First token of the clause holding token `at`.
    pub fn clause_start(&self, at: usize, soft: bool) -> usize {
        (0..at.min(self.tokens.len()))
            .rev()
            .find(|&i| self.is_break(i, soft))
            .map_or(0, |i| i + 1)
    }

    /// End (exclusive) of the clause holding token `at`.
    pub fn clause_end(&self, at: usize, soft: bool) -> usize {
        (at..self.tokens.len())
            .find(|&i| self.is_break(i, soft))
            .unwrap_or(self.tokens.len())
    }

    fn after_preposition(&self, m: &Mention, class: &str) -> bool {
        m.tok_start > 0 && {
            // "in the Republic of Korea": skip an article between; "outside the capital
            // Mogadishu", "in the Syrian capital Damascus": and the apposition before a city.
            let mut i = m.tok_start - 1;
            if i > 0 && self.cues.is("capital", &self.tokens[i]) {
                i -= 1;
                while i > 0 && self.tokens[i].is_capitalised() {
                    i -= 1;
                }
            }
            if i > 0 && self.cues.is("article", &self.tokens[i]) {
                i -= 1;
            }
            // "hundreds of British troops": the "of" of a count governs nothing.
            let of_a_count = self.tokens[i].lower == "of"
                && i > 0
                && super::mentions::is_count(self.cues, &self.tokens[i - 1]);
            !of_a_count && self.cues.match_at(class, self.tokens, i) == Some(1)
        }
    }

    /// The first actor after token `at` in its clause, with those coordinated with it.
    pub fn object(&self, at: usize, reach: usize, places_count: bool) -> Vec<usize> {
        self.object_with(at, reach, places_count, false)
    }

    /// Like [`Sentence::object`]; `goods_count` lets "tariffs on Chinese goods" name China.
    fn object_with(
        &self,
        at: usize,
        reach: usize,
        places_count: bool,
        goods_count: bool,
    ) -> Vec<usize> {
        let end = self.clause_end(at, true).min(at + reach + 1);
        // "arrive in Beijing": the phrase's own preposition governs its object.
        let phrase_ends_in_place_preposition =
            at > 0 && self.cues.match_at("place-preposition", self.tokens, at - 1) == Some(1);
        // "tariffs on Chinese goods": after the phrase's preposition a demonym adjective
        // still names the actor affected.
        let phrase_ends_in_preposition = at > 0 && self.is_preposition(&self.tokens[at - 1]);
        // Only articles, adverbs and one adjective may stand between a verb and its object:
        // "criticised the new US border wall", but not "defended plans to end the EU's ...".
        // So may a count: "detained dozens of protesters", "killed at least 12 soldiers".
        let is_determiner = |t: &Token<'_>| self.cues.is("determiner", t);
        let counts = |t: &Token<'_>| super::mentions::is_count(self.cues, t);
        let direct = |m: &Mention| {
            let between = &self.tokens[at..m.tok_start.max(at)];
            let others: Vec<&Token<'_>> = between
                .iter()
                .enumerate()
                .filter(|&(k, t)| {
                    let of_a_count = t.lower == "of" && k > 0 && counts(&between[k - 1]);
                    let at_least = t.lower == "at" && between.get(k + 1).is_some_and(counts);
                    // "killed by Kurdish militants": an ethnic group's adjective describes.
                    !is_determiner(t)
                        && !self.cues.is("people-adjective", t)
                        && !self.cues.is_adverb(t)
                        && !counts(t)
                        && !of_a_count
                        && !at_least
                })
                .map(|(_, t)| t)
                .collect();
            let plain = |t: &&Token<'_>| {
                t.is_word() && !t.is_capitalised() && !self.cues.is_function_word(t)
            };
            // "attacked neighbouring Syria", "will meet regional rival Japan's Abe": a name
            // may carry a description of its own.
            let named =
                matches!(m.role, Role::Name | Role::Person | Role::Capital) && !m.is_sector();
            match others[..] {
                [] => true,
                // "the new US border wall", "dozens of political activists".
                [adjective]
                    if between
                        .first()
                        .is_some_and(|t| is_determiner(t) || counts(t)) =>
                {
                    plain(&adjective)
                }
                [_] | [_, _] if named => between.iter().enumerate().all(|(k, t)| {
                    // "its NATO ally Turkey": a name's description may itself hold a name.
                    let describing = self
                        .mentions
                        .covering(at + k)
                        .is_some_and(|i| self.mentions.0[i].role == Role::Modifier);
                    is_determiner(t) || plain(&t) || describing
                }),
                _ => false,
            }
        };
        // "supporting the Saudi backed president": the state did something to the object.
        // "a truce with Hamas mediated by Qatar": with "by" after it, the participle is a
        // passive that describes the phrase's noun, and the name is still its object.
        let done_by = |m: &Mention| {
            self.tokens
                .get(m.tok_end)
                .is_some_and(|t| self.cues.is("done-by", t))
                && self
                    .tokens
                    .get(m.tok_end + 1)
                    .is_none_or(|t| t.lower != "by")
        };
        let found = self.mentions.0.iter().enumerate().find(|(_, m)| {
            let in_reach = m.tok_start >= at && m.tok_start < end && direct(m) && !done_by(m);
            let as_actor = m.is_actor()
                && (phrase_ends_in_place_preposition
                    || !self.after_preposition(m, "place-preposition"));
            let as_modifier = m.role == Role::Modifier
                && (goods_count && phrase_ends_in_preposition && m.tok_start == at
                    || self.describes_its_own(m));
            in_reach && (as_actor || as_modifier || (places_count && m.is_place()))
        });
        found.map_or_else(Vec::new, |(i, _)| self.coordinated(i))
    }

    /// Mention `i` and every actor joined to it by "and", or by commas in a list that ends
    /// with "and" ("Britain, France and Germany").
    fn coordinated(&self, i: usize) -> Vec<usize> {
        let ms = &self.mentions.0;
        // "China and the US": an article may stand between the joiner and a name.
        let joiner = |a: &Mention, b: &Mention| -> Option<&str> {
            let article_between = b.tok_start == a.tok_end + 2
                && self.cues.is("article", &self.tokens[a.tok_end + 1]);
            ((b.tok_start == a.tok_end + 1 || article_between) && a.is_actor() && b.is_actor())
                .then(|| self.tokens[a.tok_end].lower.as_ref())
                .filter(|j| matches!(*j, "and" | "&" | ","))
        };
        let (mut first, mut last) = (i, i);
        while first > 0 && joiner(&ms[first - 1], &ms[first]).is_some() {
            first -= 1;
        }
        // "attacked Ukraine and the US condemned it": a name followed by its verb opens a
        // clause of its own.
        let opens_clause = |m: &Mention| {
            self.tokens.get(m.tok_end).is_some_and(|t| {
                !t.is_capitalised()
                    && (t.lower.ends_with("ed")
                        || self.cues.is("auxiliary", t)
                        || self.cues.is("speech", t))
            })
        };
        // "talks between Serbia and Kosovo were postponed": after "between" the list is whole.
        let between = (1..=2).any(|n| {
            ms[first].tok_start >= n && self.tokens[ms[first].tok_start - n].lower == "between"
        });
        while last + 1 < ms.len()
            && joiner(&ms[last], &ms[last + 1]).is_some()
            && (between || !opens_clause(&ms[last + 1]))
        {
            last += 1;
        }
        // Drop comma-joined members after the last "and": "the US, he suggested".
        while last > first && joiner(&ms[last - 1], &ms[last]) == Some(",") {
            last -= 1;
        }
        let list_ends_with_and = (first..last).any(|k| joiner(&ms[k], &ms[k + 1]) != Some(","));
        if !list_ends_with_and {
            return vec![i];
        }
        (first..=last).collect()
    }

    /// "was welcomed", "were detained": a passive verb, whose subject is its target; "is
    /// attacking" is active.
    fn is_passive(&self, trigger: &Trigger<'_>) -> bool {
        trigger.start > 0
            && !self.tokens[trigger.start].lower.ends_with("ing")
            && self
                .cues
                .match_at("passive-auxiliary", self.tokens, trigger.start - 1)
                == Some(1)
    }

    /// The agent of a passive: the actor after "by" in the clause.
    pub(super) fn by_agent(&self, at: usize) -> Vec<usize> {
        let end = self.clause_end(at, true);
        (at..end)
            .find(|&i| self.tokens[i].lower == "by")
            .map(|by| self.object(by + 1, 1, false))
            .unwrap_or_default()
    }

    fn is_preposition(&self, token: &Token<'_>) -> bool {
        self.cues.is("preposition", token)
    }

    /// Soldiers, warships, "Chinese troops": a mention whose last word is an armed force.
    fn is_armed(&self, mention: usize) -> bool {
        let m = &self.mentions.0[mention];
        self.cues.is("armed", &self.tokens[m.tok_end - 1])
    }

    /// A place after "in"/"at" in the clause of the trigger.
    fn place(&self, trigger: &Trigger<'_>) -> Option<usize> {
        let (start, end) = (
            self.clause_start(trigger.start, true),
            self.clause_end(trigger.end, true),
        );
        self.mentions.0.iter().position(|m| {
            m.tok_start >= start
                && m.tok_end <= end
                && m.tok_start >= trigger.end
                && m.is_place()
                && self.after_preposition(m, "place-preposition")
        })
    }
}

/// Finds the arguments of a trigger; `speaker` is the sentence's speaker mention, if any.
pub fn find(
    sentence: &Sentence<'_, '_>,
    trigger: &Trigger<'_>,
    speaker: Option<usize>,
) -> Arguments {
    let entry = trigger.entry;
    let visit = entry.mode.as_deref() == Some("visit");
    let trade = matches!(
        entry.statement_type,
        StatementType::Sanction | StatementType::Retreat | StatementType::Threaten
    );
    let violent = matches!(
        entry.statement_type,
        StatementType::Assault | StatementType::Coerce
    );
    let slot = |role: SlotRole| -> Vec<usize> {
        trigger
            .slots
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, m)| *m)
            .collect()
    };
    let (mut source, mut target, symmetric) = match entry.frame {
        // "Russia-backed rebels", "government-backed troops": the word before the hyphen is
        // the source, or nothing the sentence names; "Iran-backed militias" are nobody in
        // particular.
        Frame::SourceTarget if sentence.after_hyphen(trigger.start) => {
            let mut backed = sentence.object(trigger.end, 1, false);
            backed.retain(|&i| !sentence.mentions.0[i].is_sector());
            (sentence.hyphenated_source(trigger.start), backed, false)
        }
        Frame::SourceTarget if sentence.is_passive(trigger) => (
            sentence.by_agent(trigger.end),
            sentence.subject(trigger.start),
            false,
        ),
        Frame::SourceTarget => (
            sentence.subject(trigger.start),
            sentence.object_with(trigger.end, OBJECT_REACH, visit, trade),
            false,
        ),
        Frame::Give if sentence.is_passive(trigger) => {
            let (giver, recipient) =
                sentence.passive_transfer(trigger.start, trigger.end, entry.gives_anything);
            (giver, recipient, false)
        }
        // What is sent somewhere only because the sentence says it helps goes to whom it helps.
        Frame::Give if entry.needs.as_deref() == Some(recipients::HELP_PURPOSE) => {
            let helped = sentence.helped(trigger.end);
            let recipient = if helped.is_empty() {
                sentence.recipient(trigger.end, entry.gives_anything)
            } else {
                helped
            };
            (sentence.subject(trigger.start), recipient, false)
        }
        Frame::Give => (
            sentence.subject(trigger.start),
            sentence.recipient(trigger.end, entry.gives_anything),
            false,
        ),
        Frame::Passive => (
            sentence.object(trigger.end, 1, false),
            sentence.subject(trigger.start),
            false,
        ),
        // "an attack on Kyiv": the object follows the noun's preposition; "Australian aid also
        // supported 2 million Pakistani girls": or the verb the noun is the subject of.
        Frame::Nominal => {
            let last = &sentence.tokens[trigger.end - 1];
            let reach = if sentence.is_preposition(last) || last.lower == "that" {
                1
            } else {
                OBJECT_REACH
            };
            (
                sentence.nominal_source(trigger.start),
                sentence.object_with(trigger.end, reach, visit, trade),
                false,
            )
        }
        // "draws a response from X", "receives IMF support": the other side acts on the
        // subject.
        Frame::Response => {
            let named = slot(SlotRole::Source);
            let source = if named.is_empty() {
                sentence.object(trigger.end, 1, false)
            } else {
                named
            };
            (source, sentence.subject(trigger.start), false)
        }
        Frame::SubjectSlot => (
            sentence.subject(trigger.start),
            slot(SlotRole::Target),
            false,
        ),
        Frame::Charge => {
            let source = speaker
                .map(|s| vec![s])
                .unwrap_or_else(|| sentence.subject(trigger.start));
            (source, slot(SlotRole::Target), false)
        }
        // Without a speaker nobody demands: "those who wed in the UK must obtain a visa".
        Frame::Demand => match speaker {
            Some(speaker) => {
                let mut subject = slot(SlotRole::Target);
                subject.retain(|&m| {
                    !sentence.after_preposition(&sentence.mentions.0[m], "preposition")
                });
                (vec![speaker], subject, false)
            }
            None => return Arguments::default(),
        },
        Frame::Slot => {
            let either = slot(SlotRole::Either);
            if either.is_empty() {
                (slot(SlotRole::Source), slot(SlotRole::Target), false)
            } else {
                (either[..1].to_vec(), either[1..].to_vec(), true)
            }
        }
        Frame::Symmetric => {
            let object = sentence.object(trigger.end, 2, false);
            // "talks between X and Y", "a discussion between the two officials": the object
            // names every side, and an actor before it is not one of them.
            let names_every_side = sentence.tokens[trigger.end - 1].lower == "between"
                || object.iter().any(|&o| {
                    sentence.mentions.0[o].role == Role::Reference
                        && sentence.mentions.0[o].members.len() > 1
                });
            // "the G7 meeting": a noun after an article takes its sides from its possessor
            // ("the US-China talks", "Japan's talks"), not from the sentence's subject.
            let article_at =
                |i: usize| sentence.cues.match_at("article", sentence.tokens, i) == Some(1);
            let noun_after_article = trigger.start > 0 && article_at(trigger.start - 1)
                || trigger.start > 1
                    && article_at(trigger.start - 2)
                    && sentence.tokens[trigger.start - 1].is_capitalised()
                    && sentence
                        .cues
                        .match_at("event-noun", sentence.tokens, trigger.start)
                        .is_some();
            let subject = if names_every_side {
                Vec::new()
            } else if noun_after_article {
                let possessor = sentence.possessor(trigger.start);
                if possessor.is_empty() {
                    return Arguments::default();
                }
                possessor
            } else {
                // Without a subject the sides are unknown: "[Blair] met X and Y".
                let subject = sentence.subject(trigger.start);
                if subject.is_empty() {
                    return Arguments::default();
                }
                subject
            };
            let mut all = subject;
            all.extend(object);
            // "agreed to a ceasefire in eastern Ukraine": a truce holds between the side
            // named and the state it holds in.
            if all.len() == 1 && matches!(entry.mode.as_deref(), Some("truce" | "ceasefire")) {
                let tokens = sentence.tokens;
                let holds_in = (trigger.end..(trigger.end + 2).min(tokens.len()))
                    .find(|&i| tokens[i].lower == "in");
                if let Some(i) = holds_in {
                    let state = sentence.state_after(i + 1);
                    all.extend(
                        state
                            .into_iter()
                            .filter(|&p| sentence.mentions.0[p].names_states()),
                    );
                }
            }
            (all, Vec::new(), true)
        }
    };
    // A visit is an official's: troops that arrive are deployed, and tourists or students
    // who visit are nobody's diplomacy. The troops a state mobilises are its own, not whom it
    // acts against.
    if visit {
        source.retain(|&i| !sentence.is_armed(i) && !sentence.mentions.0[i].is_sector());
    }
    if target.is_empty() && violent && matches!(entry.frame, Frame::SourceTarget | Frame::Nominal) {
        target = sentence.facility_owner(trigger.end);
        // "shelled Kharkiv": a town or city attacked stands for the state it is in.
        if target.is_empty() {
            target = sentence.object_with(trigger.end, OBJECT_REACH, true, false);
            target.retain(|&i| {
                let m = &sentence.mentions.0[i];
                !(m.is_place() && sentence.after_preposition(m, "place-preposition"))
            });
        }
    }
    // "Ukraine said Russia attacked its power grid": the speaker's own.
    if target.is_empty() && violent && sentence.facility_of_pronoun(trigger.end) {
        let source_codes: Vec<String> = source
            .iter()
            .flat_map(|&i| sentence.mentions.0[i].codes())
            .collect();
        target = speaker
            .filter(|&s| {
                let codes = sentence.mentions.0[s].codes();
                !codes.is_empty() && codes.iter().all(|c| !source_codes.contains(c))
            })
            .into_iter()
            .collect();
    }
    let threat = entry.statement_type == StatementType::Threaten;
    if target.is_empty()
        && (violent || threat)
        && matches!(entry.frame, Frame::SourceTarget | Frame::Nominal)
    {
        target = sentence.named_place_in_state(trigger.end);
    }
    if source.is_empty() && violent && entry.frame == Frame::SourceTarget {
        source = sentence.attacker(trigger.start);
    }
    // A transfer's recipient was looked for already, and only when what is given is aid.
    if target.is_empty() && entry.statement_type == StatementType::Aid && entry.frame != Frame::Give
    {
        target = sentence.aid_recipient(trigger.end);
    }
    // "closed its airspace to flights from Panama": a restriction reaches where they come from.
    let restricts = trade || entry.mode.as_deref() == Some("restrict");
    if target.is_empty() && restricts && matches!(entry.frame, Frame::SourceTarget | Frame::Nominal)
    {
        target = sentence.goods_origin(trigger.end);
    }
    // "accepted 1,141 Iraqi refugees": the phrase ends in the people it names.
    if target.is_empty() && entry.frame == Frame::SourceTarget {
        target = sentence.named_in_phrase(trigger);
    }
    if entry.statement_type == StatementType::Mobilize {
        target.retain(|&i| !sentence.mentions.0[i].is_sector());
    }
    Arguments {
        source,
        target,
        symmetric,
        place: sentence.place(trigger),
    }
}

/// Whether a mention names a person (for confidence and speaker checks).
pub fn is_person(m: &Mention) -> bool {
    m.role == Role::Person || m.members.iter().all(|x| x.kind == EntityKind::Person)
}
