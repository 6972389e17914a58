//! The gazetteer: every actor and place a mention can resolve to, read from `actors.ttl`.
//!
//! Names are matched case-sensitively (so "US" is not "us") with one Aho-Corasick automaton
//! over labels, aliases, demonyms and leaders' surnames: the longest name that starts at a
//! word.

use super::cues::Cues;
use super::segment::Token;
use crate::model::EntityKind;
use crate::vocab;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{NamedOrBlankNode, Term};
use rustc_hash::{FxHashMap, FxHashSet};

/// One entity of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Local key: `USA`, `person/Q22686`, `place/Q956`.
    pub key: String,
    pub kind: EntityKind,
    pub label: String,
    pub qid: Option<String>,
    /// The state or organisation code it acts for (itself for states and organisations).
    pub code: Option<String>,
    /// A place that stands for its state in news ("Beijing said"): capitals, seats of power.
    pub metonym: bool,
    /// The state a place is in, which `code` is not when the place stands for someone else
    /// ("Brussels" for the EU).
    pub located_in: Option<String>,
    /// A leader news names by surname alone from the first mention ("Putin warned").
    pub known_by_surname: bool,
}

/// How a name refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A label or alias: "China", "the United States", "Xi Jinping", "Beijing".
    Name,
    /// "Chinese", "Americans": the state its people or things belong to.
    Demonym,
    /// A leader's surname alone: "Xi", "Trump".
    Surname,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub kind: NameKind,
    /// The name as often names something else ("Georgia"): it needs support from the
    /// document, see [`Gazetteer::unambiguously_named`].
    pub ambiguous: bool,
}

#[derive(Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Per pattern: its entity, how it names it, whether it is ambiguous.
    names: Vec<(usize, NameKind, bool)>,
    /// Searched anchored, from word starts only: a name never starts inside a word.
    automaton: AhoCorasick,
    /// The words names start with, as the tokenizer cuts them: one lookup rejects most words.
    first_words: FxHashSet<Box<str>>,
    /// Per entry of a [`Cues`] vocabulary, whether a name may start with that word in some
    /// case, and that table's id ([`Gazetteer::index_words`]): no hashing for indexed tokens.
    starts_by_word_entry: Vec<bool>,
    cue_table: u32,
    capitals: FxHashMap<String, usize>,
    by_code: FxHashMap<String, usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{origin}: {source}")]
    Syntax {
        origin: String,
        #[source]
        source: RdfSyntaxError,
    },
    #[error("{origin}: cannot build the name automaton: {message}")]
    Automaton { origin: String, message: String },
}

#[derive(Default)]
struct Draft {
    kind: Option<EntityKind>,
    label: Option<String>,
    qid: Option<String>,
    code: Option<String>,
    acts_for: Option<String>,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    surnames: Vec<String>,
    ambiguous: Vec<String>,
    known_by_surname: bool,
    capital: Option<String>,
    metonym: bool,
    located_in: Option<String>,
}

impl Gazetteer {
    /// Reads a gazetteer in Turtle; `origin` names it in errors.
    pub fn from_turtle(turtle: &str, origin: &str) -> Result<Self, GazetteerError> {
        let mut drafts: FxHashMap<String, Draft> = FxHashMap::default();
        let mut order = Vec::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            let quad = quad.map_err(|source| GazetteerError::Syntax {
                origin: origin.into(),
                source,
            })?;
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                continue;
            };
            let Some(key) = vocab::entity_key(subject.as_str()) else {
                continue;
            };
            let draft = drafts.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Draft::default()
            });
            let text = match &quad.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            };
            let object_iri = match &quad.object {
                Term::NamedNode(n) => Some(n.as_str()),
                _ => None,
            };
            match quad.predicate.as_str() {
                vocab::RDF_TYPE => {
                    draft.kind = object_iri.and_then(vocab::entity_kind_of_class);
                }
                vocab::RDFS_LABEL => draft.label = text,
                vocab::SKOS_ALT_LABEL => draft.aliases.extend(text),
                vocab::GK_DEMONYM => draft.demonyms.extend(text),
                vocab::GK_SURNAME => draft.surnames.extend(text),
                vocab::GK_AMBIGUOUS_NAME => draft.ambiguous.extend(text),
                vocab::GK_KNOWN_BY_SURNAME => {
                    draft.known_by_surname = text.as_deref() == Some("true")
                }
                vocab::GK_CODE => draft.code = text,
                vocab::OWL_SAME_AS => draft.qid = object_iri.and_then(vocab::qid_of),
                vocab::GK_ACTS_FOR | vocab::GK_METONYM_FOR | vocab::GK_LOCATED_IN => {
                    draft.metonym |= quad.predicate.as_str() == vocab::GK_METONYM_FOR;
                    if quad.predicate.as_str() == vocab::GK_LOCATED_IN {
                        draft.located_in = object_iri.and_then(vocab::entity_key);
                    }
                    if draft.acts_for.is_none() || quad.predicate.as_str() != vocab::GK_LOCATED_IN {
                        draft.acts_for = object_iri.and_then(vocab::entity_key);
                    }
                }
                vocab::GK_CAPITAL => draft.capital = object_iri.and_then(vocab::entity_key),
                _ => {}
            }
        }

        let mut entities = Vec::new();
        let mut index = FxHashMap::default();
        for key in &order {
            let draft = &drafts[key];
            let Some(kind) = draft.kind else { continue };
            index.insert(key.clone(), entities.len());
            entities.push(Entity {
                key: key.clone(),
                kind,
                label: draft.label.clone().unwrap_or_else(|| key.clone()),
                qid: draft.qid.clone(),
                code: draft.code.clone().or_else(|| draft.acts_for.clone()),
                metonym: draft.metonym,
                located_in: draft.located_in.clone(),
                known_by_surname: draft.known_by_surname,
            });
        }
        // A surname shared by leaders of different states names nobody for sure.
        let mut surname_codes: FxHashMap<&str, Vec<Option<&str>>> = FxHashMap::default();
        for key in &order {
            let draft = &drafts[key];
            for surname in &draft.surnames {
                surname_codes
                    .entry(surname)
                    .or_default()
                    .push(draft.acts_for.as_deref());
            }
        }
        let mut patterns = Vec::new();
        let mut names = Vec::new();
        let mut capitals = FxHashMap::default();
        let mut by_code = FxHashMap::default();
        for key in &order {
            let (Some(&entity), draft) = (index.get(key), &drafts[key]) else {
                continue;
            };
            // Only what has a code of its own: the Pentagon acts for the US but is not it.
            if let Some(code) = &draft.code {
                if matches!(
                    entities[entity].kind,
                    EntityKind::State | EntityKind::Organisation | EntityKind::Group
                ) {
                    by_code.insert(code.clone(), entity);
                }
            }
            if let Some(capital) = draft.capital.as_ref().and_then(|c| index.get(c)) {
                if let Some(code) = &entities[entity].code {
                    capitals.insert(code.clone(), *capital);
                }
            }
            let mut add = |name: &str, kind| {
                patterns.push(name.to_owned());
                names.push((entity, kind, draft.ambiguous.iter().any(|a| a == name)));
            };
            add(&entities[entity].label.clone(), NameKind::Name);
            for alias in &draft.aliases {
                add(alias, NameKind::Name);
                // "the Kremlin" opens sentences too: "The Kremlin said".
                if let Some(rest) = alias.strip_prefix("the ") {
                    add(&format!("The {rest}"), NameKind::Name);
                }
            }
            draft
                .demonyms
                .iter()
                .for_each(|d| add(d, NameKind::Demonym));
            for surname in &draft.surnames {
                let codes = &surname_codes[surname.as_str()];
                if codes.iter().all(|c| *c == codes[0]) {
                    add(surname, NameKind::Surname);
                }
            }
        }
        // Anchored at the few words that can start a name, a contiguous NFA is as fast as a
        // DFA, and some 17 MB smaller and quicker to build.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| GazetteerError::Automaton {
                origin: origin.into(),
                message: e.to_string(),
            })?;
        let first_words = patterns
            .iter()
            .filter_map(|name| {
                super::segment::tokens(name, 0, name.len())
                    .first()
                    .map(|t| t.text.into())
            })
            .collect();
        Ok(Self {
            entities,
            names,
            automaton,
            first_words,
            starts_by_word_entry: Vec::new(),
            cue_table: 0,
            capitals,
            by_code,
        })
    }

    pub fn entity(&self, index: usize) -> &Entity {
        &self.entities[index]
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The capital city of a state, by code.
    pub fn capital_of(&self, code: &str) -> Option<usize> {
        self.capitals.get(code).copied()
    }

    /// The state or organisation with this code.
    pub fn by_code(&self, code: &str) -> Option<&Entity> {
        self.by_code.get(code).map(|&i| &self.entities[i])
    }

    /// The words names start with, for [`Cues::add_words`].
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.first_words.iter().map(|w| &**w)
    }

    /// Keys the first words of names by their entries in `cues`, which must hold them all
    /// ([`Cues::add_words`]).
    pub fn index_words(&mut self, cues: &Cues) {
        self.starts_by_word_entry = vec![false; cues.vocabulary_len()];
        for word in &self.first_words {
            if let Some(entry) = cues.word_entry(&word.to_lowercase()) {
                self.starts_by_word_entry[entry as usize] = true;
            }
        }
        self.cue_table = cues.table();
    }

    /// Whether a name may start with this token; most tokens are rejected by this one test.
    /// For an indexed token the test ignores case, which at worst costs one search that finds
    /// nothing.
    pub fn starts_a_name(&self, token: &Token<'_>) -> bool {
        match token.cue_entry.in_table(self.cue_table) {
            Some(entry) => entry.is_some_and(|e| self.starts_by_word_entry[e as usize]),
            None => self.first_words.contains(token.text),
        }
    }

    /// The longest name that starts at byte `at` of `text` and ends by byte `end`.
    pub fn name_at(&self, text: &str, at: usize, end: usize) -> Option<NameMatch> {
        let input = Input::new(text).range(at..end).anchored(Anchored::Yes);
        self.automaton.find(input).map(|m| {
            let (entity, kind, ambiguous) = self.names[m.pattern().as_usize()];
            NameMatch {
                start: m.start(),
                end: m.end(),
                entity,
                kind,
                ambiguous,
            }
        })
    }

    /// Every name in `text` that is a whole word or words, left to right, not overlapping.
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = NameMatch> + 'a {
        let is_word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let word_start =
                    text.is_char_boundary(at) && !is_word_char(text[..at].chars().next_back());
                let found = word_start
                    .then(|| self.name_at(text, at, text.len()))
                    .flatten()
                    .filter(|m| !is_word_char(text[m.end..].chars().next()));
                match found {
                    Some(m) => {
                        at = m.end;
                        return Some(m);
                    }
                    None => at += 1,
                }
            }
            None
        })
    }

    /// The codes of the actors `text` names beyond doubt: by a full name, a demonym or a
    /// capital, as whole words. An ambiguous name ("Georgia") is linked only to these.
    pub fn unambiguously_named(&self, text: &str) -> FxHashSet<String> {
        self.find(text)
            .filter(|m| !m.ambiguous && m.kind != NameKind::Surname)
            .filter_map(|m| self.entities[m.entity].code.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: &str = r#"
@prefix gk: <https://w3id.org/geokg/ns#> .
@prefix actor: <https://w3id.org/geokg/actor/> .
@prefix person: <https://w3id.org/geokg/actor/person/> .
@prefix place: <https://w3id.org/geokg/place/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
actor:CHN a gk:State ; gk:code "CHN" ; rdfs:label "China"@en ; gk:demonym "Chinese"@en ;
    gk:capital place:Q956 ; owl:sameAs wd:Q148 .
place:Q956 a gk:Place ; rdfs:label "Beijing"@en ; gk:locatedIn actor:CHN ; gk:metonymFor actor:CHN ;
    owl:sameAs wd:Q956 .
person:Q15031 a gk:Person ; rdfs:label "Xi Jinping"@en ; gk:surname "Xi"@en ;
    gk:actsFor actor:CHN ; owl:sameAs wd:Q15031 .
"#;

    #[test]
    fn resolves_names_demonyms_surnames_and_capitals() {
        let g = Gazetteer::from_turtle(TTL, "test.ttl").unwrap();
        let found: Vec<(String, NameKind, Option<String>)> = g
            .find("Chinese President Xi Jinping left Beijing; Xi said")
            .map(|m| {
                let e = g.entity(m.entity);
                (e.key.clone(), m.kind, e.code.clone())
            })
            .collect();
        let chn = Some("CHN".to_string());
        assert_eq!(
            found,
            vec![
                ("CHN".into(), NameKind::Demonym, chn.clone()),
                ("person/Q15031".into(), NameKind::Name, chn.clone()),
                ("place/Q956".into(), NameKind::Name, chn.clone()),
                ("person/Q15031".into(), NameKind::Surname, chn.clone()),
            ]
        );
        assert_eq!(
            g.entity(g.capital_of("CHN").unwrap()).qid.as_deref(),
            Some("Q956")
        );
    }

    #[test]
    fn names_are_whole_words() {
        let g = Gazetteer::from_turtle(TTL, "test.ttl").unwrap();
        // Inside "Indochina" and "Beijingers" no name starts or ends; "Chinese" does.
        let found: Vec<&str> = g
            .find("Indochina Beijingers Chinese")
            .map(|m| &"Indochina Beijingers Chinese"[m.start..m.end])
            .collect();
        assert_eq!(found, ["Chinese"]);
        let words = crate::extract::segment::tokens("Chinese Xi Indochina", 0, 20);
        let starts: Vec<bool> = words.iter().map(|t| g.starts_a_name(t)).collect();
        assert_eq!(starts, [true, true, false]);
    }

    #[test]
    fn syntax_errors_name_the_file() {
        let err = Gazetteer::from_turtle("actor:X a ", "actors.ttl").unwrap_err();
        assert!(err.to_string().starts_with("actors.ttl: "), "{err}");
    }
}
