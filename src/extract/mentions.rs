//! Actor and place mentions in a sentence: gazetteer names, then the phrases news builds
//! around them ("Chinese President Xi Jinping", "Japan's forces", "US Ambassador to Japan,
//! George Glass", "China's capital").

use super::cues::Cues;
use super::gazetteer::{Entity, Gazetteer, NameKind};
use super::lexicon::MentionSpans;
use super::segment::Token;
use crate::model::{ActorRef, EntityKind, MentionRecord, PlaceRef};
use std::collections::{HashMap, HashSet};

/// An entity a mention names, with the actor it is coded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Gazetteer key (`USA`, `person/Q22686`, `place/Q956`) or `x/slug` for a name the
    /// gazetteer lacks.
    pub key: String,
    pub label: String,
    pub qid: Option<String>,
    /// The state or organisation it acts for.
    pub code: Option<String>,
    pub kind: EntityKind,
}

impl Member {
    fn of(entity: &Entity) -> Self {
        Self {
            key: entity.key.clone(),
            label: entity.label.clone(),
            qid: entity.qid.clone(),
            code: entity.code.clone(),
            kind: entity.kind,
        }
    }

    /// A person the gazetteer does not know, acting for `code` when that is known.
    pub fn unknown_person(name: &str, code: Option<String>) -> Self {
        let slug: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        Self {
            key: format!("x/{}", slug.trim_matches('-')),
            label: name.to_owned(),
            qid: None,
            code,
            kind: EntityKind::Person,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A state or organisation by name.
    Name,
    /// "Chinese", "the Americans".
    Demonym,
    /// A demonym used as an adjective of something that is not an actor ("British
    /// imperialists", "the Israeli city of Tel Aviv"): the possessor of a noun event
    /// ("a Chinese attack"), never a subject or object on its own.
    Modifier,
    Person,
    /// Something a state acts through: "Japan's forces", "the US Ambassador to Japan".
    Agent,
    /// A capital or seat of power, an actor by metonymy or a place after "in".
    Capital,
    /// A place that is not an actor (Busan).
    City,
    /// A pronoun or "the two leaders", resolved to the actors in focus.
    Reference,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub tok_start: usize,
    pub tok_end: usize,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub role: Role,
    /// The entities it stands for: one, or several for "the two leaders".
    pub members: Vec<Member>,
}

impl Mention {
    /// Can this mention be an actor (as opposed to only a place)?
    pub fn is_actor(&self) -> bool {
        !matches!(self.role, Role::City | Role::Modifier)
            && self.members.iter().any(|m| m.code.is_some())
    }

    /// Can it be the place of an event?
    pub fn is_place(&self) -> bool {
        matches!(self.role, Role::City | Role::Capital | Role::Name)
            && self.members.len() == 1
            && matches!(self.members[0].kind, EntityKind::Place | EntityKind::State)
    }

    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.members.iter().filter_map(|m| m.code.clone()).collect();
        codes.dedup();
        codes
    }

    /// The actors it names; `offset` maps byte offsets to the document's character offsets.
    pub fn actor_refs(&self, offset: &dyn Fn(usize) -> usize) -> Vec<ActorRef> {
        self.members
            .iter()
            .filter(|m| m.code.is_some())
            .map(|m| ActorRef {
                text: self.text.clone(),
                qid: m.qid.clone(),
                country: m.code.clone(),
                entity: Some(m.key.clone()),
                label: Some(m.label.clone()),
                start: Some(offset(self.start)),
                end: Some(offset(self.end)),
            })
            .collect()
    }

    /// The mention as `geokg mentions` prints it: one record, or one per member of a group.
    pub fn records(&self, doc: &str, offset: &dyn Fn(usize) -> usize) -> Vec<MentionRecord> {
        let group = self.members.len() > 1;
        self.members
            .iter()
            .map(|m| MentionRecord {
                doc: doc.to_owned(),
                start: offset(self.start),
                end: offset(self.end),
                text: self.text.clone(),
                qid: m.qid.clone(),
                country: m.code.clone(),
                kind: if group { EntityKind::Group } else { m.kind },
            })
            .collect()
    }

    pub fn place_ref(&self) -> Option<PlaceRef> {
        let member = self.members.first()?;
        Some(PlaceRef {
            text: self.text.clone(),
            qid: member.qid.clone(),
            country: member.code.clone(),
        })
    }
}

/// The mentions of one sentence, in token order, none overlapping.
#[derive(Debug, Default, Clone)]
pub struct Mentions(pub Vec<Mention>);

impl MentionSpans for Mentions {
    fn starting_at(&self, at: usize) -> Vec<(usize, usize)> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, m)| m.tok_start == at)
            .map(|(i, m)| (m.tok_end, i))
            .collect()
    }
}

impl Mentions {
    pub fn covering(&self, token: usize) -> Option<usize> {
        self.0
            .iter()
            .position(|m| m.tok_start <= token && token < m.tok_end)
    }
}

/// What mention finding remembers across the sentences of a document.
#[derive(Debug, Default)]
pub struct DocumentMemory {
    /// Persons named in full so far: only they may be named by surname alone ("Trump").
    pub named_in_full: HashSet<String>,
}

/// Finds the named mentions of a sentence; references are resolved later, in context.
/// `starts_event` tells whether a word opens an event phrase ("Chinese attack").
pub fn find(
    text: &str,
    tokens: &[Token<'_>],
    gazetteer: &Gazetteer,
    cues: &Cues,
    memory: &mut DocumentMemory,
    starts_event: &dyn Fn(&str) -> bool,
) -> Mentions {
    let Some((first, last)) = tokens.first().zip(tokens.last()) else {
        return Mentions::default();
    };
    let starts: HashMap<usize, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.start, i))
        .collect();
    let ends: HashMap<usize, usize> = tokens.iter().enumerate().map(|(i, t)| (t.end, i)).collect();
    let slice = &text[first.start..last.end];
    let mut mentions = Vec::new();
    for m in gazetteer.find(slice) {
        let (Some(&a), Some(&b)) = (
            starts.get(&(first.start + m.start)),
            ends.get(&(first.start + m.end)),
        ) else {
            continue;
        };
        let entity = gazetteer.entity(m.entity);
        if entity.kind == EntityKind::Person {
            // A surname alone names a leader already named in full, or one with a title
            // ("President Trump"); otherwise "Friday" and "Phillips" would be leaders.
            if m.kind == NameKind::Surname {
                let titled =
                    (1..=3).any(|n| a >= n && cues.match_at("title", tokens, a - n) == Some(n));
                if !titled && !memory.named_in_full.contains(&entity.key) {
                    continue;
                }
            } else {
                memory.named_in_full.insert(entity.key.clone());
            }
        }
        let role = match (m.kind, entity.kind) {
            (NameKind::Demonym, _) => Role::Demonym,
            (_, EntityKind::Person) => Role::Person,
            (_, EntityKind::Place) if entity.metonym => Role::Capital,
            (_, EntityKind::Place) => Role::City,
            _ => Role::Name,
        };
        mentions.push(Mention {
            tok_start: a,
            tok_end: b + 1,
            start: tokens[a].start,
            end: tokens[b].end,
            text: text[tokens[a].start..tokens[b].end].to_owned(),
            role,
            members: vec![Member::of(entity)],
        });
    }
    let mut composer = Composer {
        text,
        tokens,
        cues,
        gazetteer,
        mentions,
    };
    composer.capitals();
    composer.titled_persons();
    composer.envoys();
    composer.agents();
    composer.modifiers(starts_event);
    Mentions(composer.mentions)
}

struct Composer<'a, 't> {
    text: &'a str,
    tokens: &'a [Token<'t>],
    cues: &'a Cues,
    gazetteer: &'a Gazetteer,
    mentions: Vec<Mention>,
}

impl Composer<'_, '_> {
    fn is_state_like(m: &Mention) -> bool {
        matches!(m.role, Role::Name | Role::Demonym | Role::Capital)
            && m.members.iter().all(|x| x.code.is_some())
    }

    /// Grows mention `i` to tokens `a..b`, dropping the mentions it swallows.
    fn span(&mut self, i: usize, a: usize, b: usize) -> usize {
        let (start, end) = (self.tokens[a].start, self.tokens[b - 1].end);
        let grown = Mention {
            tok_start: a,
            tok_end: b,
            start,
            end,
            text: self.text[start..end].to_owned(),
            ..self.mentions[i].clone()
        };
        self.mentions[i] = grown;
        let keep = |j: usize, m: &Mention| j == i || m.tok_end <= a || m.tok_start >= b;
        let before = self
            .mentions
            .iter()
            .take(i)
            .filter(|m| m.tok_end <= a || m.tok_start >= b)
            .count();
        let mut j = 0;
        self.mentions.retain(|m| {
            let k = keep(j, m);
            j += 1;
            k
        });
        before
    }

    fn possessive_at(&self, at: usize) -> usize {
        usize::from(
            self.tokens
                .get(at)
                .is_some_and(|t| t.lower == "'s" || t.lower == "’s"),
        )
    }

    /// Start of the state or demonym directly before token `at` ("Chinese", "China's").
    fn state_before(&self, at: usize) -> Option<usize> {
        let i = self.mentions.iter().position(|m| {
            Self::is_state_like(m)
                && (m.tok_end == at || (m.tok_end + 1 == at && self.possessive_at(m.tok_end) == 1))
        })?;
        Some(i)
    }

    /// "China's capital", "the capital of China" -> the capital city, acting for China.
    fn capitals(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            i += 1;
            if m.role != Role::Name {
                continue;
            }
            let Some(code) = m.members[0].code.clone() else {
                continue;
            };
            let Some(capital) = self.gazetteer.capital_of(&code) else {
                continue;
            };
            let after = m.tok_end + self.possessive_at(m.tok_end);
            let (a, b) = if self.possessive_at(m.tok_end) == 1
                && self.cues.match_at("capital", self.tokens, after).is_some()
            {
                (m.tok_start, after + 1)
            } else if m.tok_start >= 2
                && self.tokens[m.tok_start - 1].lower == "of"
                && self
                    .cues
                    .match_at("capital", self.tokens, m.tok_start - 2)
                    .is_some()
            {
                (m.tok_start - 2, m.tok_end)
            } else {
                continue;
            };
            let member = Member::of(self.gazetteer.entity(capital));
            let grown = self.span(i - 1, a, b);
            self.mentions[grown].role = Role::Capital;
            self.mentions[grown].members = vec![member];
            i = grown + 1;
        }
    }

    /// Titles before a name ("Chinese President Xi Jinping", "Official representative Karoline
    /// Leavitt"): one person mention, acting for the state named before the title when the
    /// gazetteer does not know the person.
    fn titled_persons(&mut self) {
        let mut at = 0;
        while at < self.tokens.len() {
            let Some(len) = self.title_run(at) else {
                at += 1;
                continue;
            };
            let name_start = at + len;
            let known = self
                .mentions
                .iter()
                .position(|m| m.tok_start == name_start && m.role == Role::Person);
            let unknown_end = self.capitalised_name(name_start);
            if known.is_none() && unknown_end.is_none() {
                at += 1;
                continue;
            }
            let state = self.state_before(at);
            let first = state.map_or(at, |s| self.mentions[s].tok_start);
            let code = state.and_then(|s| self.mentions[s].members[0].code.clone());
            match (known, unknown_end) {
                (Some(i), _) => {
                    let end = self.mentions[i].tok_end;
                    self.span(i, first, end);
                }
                (None, Some(end)) => {
                    let name = &self.text[self.tokens[name_start].start..self.tokens[end - 1].end];
                    self.insert_person(first, end, Member::unknown_person(name, code));
                }
                (None, None) => unreachable!("checked above"),
            }
            at = name_start + 1;
        }
    }

    /// Length of the run of title words at `at` ("Prime Minister", "Foreign Minister").
    fn title_run(&self, at: usize) -> Option<usize> {
        let mut len = 0;
        while let Some(n) = self.cues.match_at("title", self.tokens, at + len) {
            len += n;
        }
        (len > 0).then_some(len)
    }

    /// Two or three capitalised words that no mention covers: a person's name.
    fn capitalised_name(&self, at: usize) -> Option<usize> {
        let mut end = at;
        while end < self.tokens.len()
            && end - at < 4
            && self.tokens[end].is_capitalised()
            && self.tokens[end].is_word()
            && !self
                .mentions
                .iter()
                .any(|m| m.tok_start <= end && end < m.tok_end)
        {
            end += 1;
            // "Kim Jong-un", "Jean-Noël": a hyphen inside a name keeps it going.
            if self.tokens.get(end).is_some_and(|t| t.text == "-")
                && self.tokens.get(end + 1).is_some_and(Token::is_word)
            {
                end += 2;
            }
        }
        (end - at >= 2).then_some(end)
    }

    fn insert_person(&mut self, a: usize, b: usize, member: Member) {
        let (start, end) = (self.tokens[a].start, self.tokens[b - 1].end);
        self.mentions.retain(|m| m.tok_end <= a || m.tok_start >= b);
        let at = self.mentions.partition_point(|m| m.tok_start < a);
        self.mentions.insert(
            at,
            Mention {
                tok_start: a,
                tok_end: b,
                start,
                end,
                text: self.text[start..end].to_owned(),
                role: Role::Person,
                members: vec![member],
            },
        );
    }

    /// "US Ambassador to Japan" codes to the US; a name in apposition after it is the envoy.
    fn envoys(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            let after = m.tok_end + self.possessive_at(m.tok_end);
            let envoy = Self::is_state_like(m)
                .then(|| self.cues.match_at("envoy", self.tokens, after))
                .flatten();
            let Some(len) = envoy else {
                i += 1;
                continue;
            };
            let mut end = after + len;
            if self.tokens.get(end).is_some_and(|t| t.lower == "to") {
                if let Some(host) = self.mentions.iter().find(|h| h.tok_start == end + 1) {
                    end = host.tok_end;
                }
            }
            let code = m.members[0].code.clone();
            let state = self
                .gazetteer
                .by_code(code.as_deref().unwrap_or_default())
                .map(Member::of);
            let start = m.tok_start;
            let comma = self.tokens.get(end).is_some_and(|t| t.text == ",");
            let appositive = comma.then(|| self.capitalised_name(end + 1)).flatten();
            match appositive {
                Some(name_end) => {
                    let name =
                        &self.text[self.tokens[end + 1].start..self.tokens[name_end - 1].end];
                    let person = Member::unknown_person(name, code);
                    self.insert_person(start, name_end, person);
                }
                None => {
                    i = self.span(i, start, end);
                    self.mentions[i].role = Role::Agent;
                    if let Some(state) = state {
                        self.mentions[i].members = vec![state];
                    }
                }
            }
            i += 1;
        }
    }

    /// A demonym or capital followed by a noun is an adjective: "British imperialists",
    /// "Chinese goods", "the Lisbon targets". What follows an actor is instead a verb, an
    /// auxiliary, a preposition, punctuation, or an event word ("a Chinese attack").
    fn modifiers(&mut self, starts_event: &dyn Fn(&str) -> bool) {
        for i in 0..self.mentions.len() {
            let m = &self.mentions[i];
            let plural_people = m.role == Role::Demonym && m.text.ends_with('s');
            if !matches!(m.role, Role::Demonym | Role::Capital | Role::Name) || plural_people {
                continue;
            }
            let Some(next) = self.tokens.get(m.tok_end) else {
                continue;
            };
            let at = m.tok_end;
            let word = next.lower.as_str();
            let after_determiner = m.tok_start > 0
                && self
                    .cues
                    .match_at("determiner", self.tokens, m.tok_start - 1)
                    == Some(1);
            let function_word = [
                "auxiliary",
                "speech",
                "coordination",
                "preposition",
                "determiner",
            ]
            .iter()
            .any(|class| self.cues.match_at(class, self.tokens, at).is_some());
            if m.role == Role::Name {
                // A state's name inside a longer proper name ("the U.S. Chamber of Commerce")
                // or before a noun ("the US dollar", "a UK bank") names something else.
                let in_proper_name = next.is_word() && next.is_capitalised();
                let before_noun = after_determiner
                    && next.is_word()
                    && !word.ends_with("ed")
                    && !function_word
                    && !starts_event(word);
                if in_proper_name || before_noun {
                    self.mentions[i].role = Role::Modifier;
                }
                continue;
            }
            // "Beijing warns", "Moscow denied": a capital's verb.
            let verb_after_capital =
                m.role == Role::Capital && (word.ends_with('s') || word.ends_with("ed"));
            // "the Lisbon targets": a capital after an article modifies what follows it.
            let acts = !next.is_word()
                || self.possessive_at(at) == 1
                || next.is_capitalised() && m.role == Role::Capital
                || verb_after_capital && !after_determiner
                || function_word
                || starts_event(word);
            if !acts {
                self.mentions[i].role = Role::Modifier;
            }
        }
        // "the Paris, Amsterdam and Lisbon stock exchanges": a list shares its last member's use.
        for i in (1..self.mentions.len()).rev() {
            let (before, after) = self.mentions.split_at_mut(i);
            let (prev, m) = (&mut before[i - 1], &after[0]);
            let joined = m.tok_start == prev.tok_end + 1
                && matches!(self.tokens[prev.tok_end].lower.as_str(), "and" | "," | "&");
            if joined
                && m.role == Role::Modifier
                && matches!(prev.role, Role::Demonym | Role::Capital | Role::Name)
            {
                prev.role = Role::Modifier;
            }
        }
    }

    /// "Japan's forces", "the Chinese government", "Beijing's press outlet": the state acting.
    fn agents(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            i += 1;
            if !Self::is_state_like(m) {
                continue;
            }
            let after = m.tok_end + self.possessive_at(m.tok_end);
            // Adjectives may stand between: "China's foreign ministry", "Chinese state media".
            let Some(len) = self.cues.match_at("agent", self.tokens, after) else {
                continue;
            };
            let code = m.members[0].code.clone();
            let state = self
                .gazetteer
                .by_code(code.as_deref().unwrap_or_default())
                .map(Member::of);
            let start = m.tok_start;
            let grown = self.span(i - 1, start, after + len);
            self.mentions[grown].role = Role::Agent;
            if let Some(state) = state {
                self.mentions[grown].members = vec![state];
            }
            i = grown + 1;
        }
    }
}
