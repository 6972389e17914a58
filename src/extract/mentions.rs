//! Actor and place mentions in a sentence: gazetteer names, then the phrases news builds
//! around them ("Chinese President Xi Jinping", "Japan's forces", "US Ambassador to Japan,
//! George Glass", "China's capital").

use super::cues::Cues;
use super::gazetteer::{Entity, Gazetteer, NameKind};
use super::segment::Token;
use crate::model::{ActorRef, EntityKind, MentionRecord, PlaceRef};
use rustc_hash::FxHashSet;

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
    /// A place's state, where that is not whom it acts for ("Brussels": Belgium, not the EU).
    pub located_in: Option<String>,
    pub kind: EntityKind,
}

impl Member {
    pub(super) fn of(entity: &Entity) -> Self {
        Self {
            key: entity.key.clone(),
            label: entity.label.clone(),
            qid: entity.qid.clone(),
            code: entity.code.clone(),
            located_in: entity
                .located_in
                .clone()
                .filter(|state| Some(state) != entity.code.as_ref()),
            kind: entity.kind,
        }
    }

    /// The actor as a statement names it: who it acts for, or which sector it is ("police").
    pub fn actor_ref(&self, text: &str, qid: Option<String>) -> ActorRef {
        let sector = self.kind == EntityKind::Group;
        ActorRef {
            text: text.to_owned(),
            qid,
            country: self.code.clone().filter(|_| !sector),
            sector: self.code.clone().filter(|_| sector),
            entity: Some(self.key.clone()),
            label: Some(self.label.clone()),
            start: None,
            end: None,
        }
    }

    /// A person the gazetteer does not know, acting for `code` when that is known.
    pub fn unknown_person(name: &str, code: Option<String>) -> Self {
        Self {
            key: format!("{}{}", crate::vocab::UNLISTED, slug(name)),
            label: name.to_owned(),
            qid: None,
            code,
            located_in: None,
            kind: EntityKind::Person,
        }
    }

    /// An organisation the gazetteer does not know ("the Nigeria Labour Congress"), acting as
    /// itself.
    pub fn unknown_organisation(name: &str) -> Self {
        Self {
            key: format!("{}{}", crate::vocab::UNLISTED_ORGANISATION, slug(name)),
            label: name.to_owned(),
            qid: None,
            code: None,
            located_in: None,
            kind: EntityKind::Organisation,
        }
    }

    /// Neither in the gazetteer nor coded to anyone: it acts as itself.
    pub fn is_unlinked(&self) -> bool {
        self.code.is_none() && self.key.starts_with(crate::vocab::UNLISTED)
    }
}

fn slug(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    slug.trim_matches('-').to_owned()
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
    /// Named only to describe someone or something else: what a state did ("Iranian-backed
    /// militias", "the US-led coalition") or whom a person stands against ("Putin critic Garry
    /// Kasparov"). The name is there, the actor is not.
    Describing,
    /// A name inside the name of something else ("the Bank of France", "Investment Canada",
    /// "West Germany"): it names neither an actor nor the place.
    InsideName,
    /// A place's or state's name used for something else: a team, a code name, a person
    /// ("strikers playing in Munich", "Paris and Kim"). It names nothing geokg knows.
    OtherSense,
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
    /// Can this mention be an actor (as opposed to only a place)? A person or organisation the
    /// gazetteer does not know, and no state is named for, acts as itself ("opposition leader
    /// Juan Guaido", "the Nigeria Labour Congress").
    pub fn is_actor(&self) -> bool {
        !matches!(
            self.role,
            Role::City | Role::Modifier | Role::Describing | Role::InsideName | Role::OtherSense
        ) && self
            .members
            .iter()
            .any(|m| m.code.is_some() || m.is_unlinked())
    }

    /// Every entity it names is a state ("Jordan", "the Republic of Kenya").
    pub fn names_states(&self) -> bool {
        self.members.iter().all(|m| m.kind == EntityKind::State)
    }

    /// "police", "rebels": a CAMEO actor type, no state named.
    pub fn is_sector(&self) -> bool {
        self.members.iter().all(|m| m.kind == EntityKind::Group)
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
            .filter(|m| m.code.is_some() || m.is_unlinked())
            .map(|m| ActorRef {
                start: Some(offset(self.start)),
                end: Some(offset(self.end)),
                ..m.actor_ref(&self.text, self.literal_qid(m))
            })
            .collect()
    }

    /// The Wikidata item the words literally name: an agent ("the Canadian government",
    /// "Japan's forces") is not the state it acts for, and its own item is unknown.
    fn literal_qid(&self, member: &Member) -> Option<String> {
        (self.role != Role::Agent)
            .then(|| member.qid.clone())
            .flatten()
    }

    /// The mention as `geokg mentions` prints it: one record, or one per member of a group.
    /// A name inside another name ("the Bank of France") names nothing; one used as a
    /// modifier ("the Amsterdam bourse", "Iranian news agency") is left out too, because it
    /// as often names an institution of the place as the place.
    pub fn records(&self, doc: &str, offset: &dyn Fn(usize) -> usize) -> Vec<MentionRecord> {
        if matches!(
            self.role,
            Role::InsideName | Role::Modifier | Role::OtherSense
        ) {
            return Vec::new();
        }
        let group = self.members.len() > 1;
        self.members
            .iter()
            .map(|m| {
                let coded = m.actor_ref(&self.text, self.literal_qid(m));
                MentionRecord {
                    doc: doc.to_owned(),
                    start: offset(self.start),
                    end: offset(self.end),
                    text: coded.text,
                    qid: coded.qid,
                    country: coded.country,
                    sector: coded.sector,
                    kind: if group { EntityKind::Group } else { m.kind },
                    reference: self.role == Role::Reference,
                }
            })
            .collect()
    }

    pub fn place_ref(&self) -> Option<PlaceRef> {
        let member = self.members.first()?;
        Some(PlaceRef {
            text: self.text.clone(),
            qid: member.qid.clone(),
            country: member.located_in.clone().or_else(|| member.code.clone()),
            entity: Some(member.key.clone()),
        })
    }
}

/// The mentions of one sentence, in token order, none overlapping.
#[derive(Debug, Default, Clone)]
pub struct Mentions(pub Vec<Mention>);

impl Mentions {
    /// The end (exclusive) of each mention starting at token `at`, with its index.
    pub fn starting_at(&self, at: usize) -> Vec<(usize, usize)> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, m)| m.tok_start == at)
            .map(|(i, m)| (m.tok_end, i))
            .collect()
    }

    /// Whether a mention starts at token `at`.
    pub fn starts_at(&self, at: usize) -> bool {
        self.0.iter().any(|m| m.tok_start == at)
    }

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
    pub named_in_full: FxHashSet<String>,
    /// Actors the whole document names beyond doubt, found when a first ambiguous name needs
    /// them (rarely, so most documents never pay for the scan).
    unambiguous: Option<FxHashSet<String>>,
    /// Acronyms of organisations the gazetteer lacks, from where the document spelled them out
    /// ("the Nigeria Labour Congress (NLC)"), so that "the NLC" later names the same one.
    pub acronyms: rustc_hash::FxHashMap<String, Member>,
}

impl DocumentMemory {
    fn names_unambiguously(&mut self, text: &str, gazetteer: &Gazetteer, code: &str) -> bool {
        self.unambiguous
            .get_or_insert_with(|| gazetteer.unambiguously_named(text))
            .contains(code)
    }
}

/// A count before a noun: "81", "dozens (of)", "several".
pub fn is_count(cues: &Cues, token: &Token<'_>) -> bool {
    cues.is("quantity", token) || token.text.starts_with(|c: char| c.is_ascii_digit())
}

/// Keeps an ambiguous state's name (`undecided`, indices into `mentions`) only when it stands
/// in a list with another state's name: "Egypt, Jordan and the UAE", "Chad and Niger".
fn keep_listed_states(tokens: &[Token<'_>], mentions: &mut Vec<Mention>, undecided: &[usize]) {
    if undecided.is_empty() {
        return;
    }
    let joined = |a: &Mention, b: &Mention| {
        b.tok_start == a.tok_end + 1
            && matches!(tokens[a.tok_end].lower.as_ref(), "," | "and" | "or")
            || b.tok_start == a.tok_end + 2
                && tokens[a.tok_end].text == ","
                && tokens[a.tok_end + 1].lower == "and"
    };
    let listed = |i: usize| {
        let m = &mentions[i];
        let decided = |j: usize| !undecided.contains(&j) && mentions[j].names_states();
        (i > 0 && decided(i - 1) && joined(&mentions[i - 1], m))
            || (i + 1 < mentions.len() && decided(i + 1) && joined(m, &mentions[i + 1]))
    };
    let keep: Vec<bool> = (0..mentions.len())
        .map(|i| !undecided.contains(&i) || listed(i))
        .collect();
    let mut i = 0;
    mentions.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Finds the named mentions of a sentence; references are resolved later, in context.
/// `opens_event` tells whether an event phrase opens at a token ("Chinese attack").
pub fn find(
    text: &str,
    tokens: &[Token<'_>],
    gazetteer: &Gazetteer,
    cues: &Cues,
    memory: &mut DocumentMemory,
    opens_event: &dyn Fn(&[Token<'_>], usize) -> bool,
) -> Mentions {
    let Some(last) = tokens.last() else {
        return Mentions::default();
    };
    // Tokens are in text order: a name must start where a token starts and end where one ends.
    let token_ending = |byte: usize| tokens.binary_search_by_key(&byte, |t| t.end).ok();
    let mut mentions = Vec::new();
    let mut undecided = Vec::new();
    let mut next = 0;
    for a in 0..tokens.len() {
        if a < next || !gazetteer.starts_a_name(&tokens[a]) {
            continue;
        }
        let Some((m, b)) = gazetteer
            .name_at(text, tokens[a].start, last.end)
            .and_then(|m| Some((m, token_ending(m.end)?)))
        else {
            continue;
        };
        next = b + 1;
        let entity = gazetteer.entity(m.entity);
        // "81 people" are civilians; "the people of Israel" are not a sector.
        if entity.kind == EntityKind::Group
            && cues.is("counted", &tokens[a])
            && !(a > 0 && is_count(cues, &tokens[a - 1]))
        {
            continue;
        }
        // "Georgia regulators" in a story that never says Georgian or Tbilisi is the US state;
        // "Egypt, Jordan and the UAE" is a list of states. Which it is waits for the list.
        if m.ambiguous
            && !entity
                .code
                .as_deref()
                .is_some_and(|code| memory.names_unambiguously(text, gazetteer, code))
        {
            if entity.kind == EntityKind::State {
                undecided.push(mentions.len());
            } else {
                continue;
            }
        }
        if entity.kind == EntityKind::Person {
            // A surname alone names a leader already named in full, or one with a title
            // ("President Trump"), or one news names so ("Putin"); otherwise "Friday" and
            // "Phillips" would be leaders.
            if m.kind == NameKind::Surname && !entity.known_by_surname {
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
    keep_listed_states(tokens, &mut mentions, &undecided);
    let mut composer = super::compose::Composer {
        text,
        tokens,
        cues,
        gazetteer,
        mentions,
    };
    composer.formal_names();
    composer.capitals();
    composer.titled_persons();
    composer.envoys();
    composer.agents();
    composer.appositions();
    composer.unknown_organisations(&mut memory.acronyms);
    composer.modifiers(opens_event);
    composer.province_namesakes();
    composer.other_senses();
    Mentions(composer.mentions)
}
