//! The statement model shared by the extractor, the RDF mapping and the JSONL contract.
//!
//! These are plain types: the extractor produces them, `rdf` turns them into quads, and
//! `geokg extract --format jsonl` serialises them as they are. Field names of [`Statement`]
//! are the stable JSONL contract of DESIGN.md.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Whether a statement is something that happened or a relation that holds over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Event,
    Relation,
}

/// PLOVER event types and the standing relations geokg adds next to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatementType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Ally,
    Dispute,
    Claim,
    Tariff,
    MemberOf,
    LeaderOf,
}

impl StatementType {
    pub const ALL: [StatementType; 22] = [
        Self::Agree,
        Self::Consult,
        Self::Support,
        Self::Concede,
        Self::Cooperate,
        Self::Aid,
        Self::Retreat,
        Self::Request,
        Self::Accuse,
        Self::Reject,
        Self::Threaten,
        Self::Protest,
        Self::Sanction,
        Self::Mobilize,
        Self::Coerce,
        Self::Assault,
        Self::Ally,
        Self::Dispute,
        Self::Claim,
        Self::Tariff,
        Self::MemberOf,
        Self::LeaderOf,
    ];

    pub fn kind(self) -> Kind {
        match self {
            Self::Ally
            | Self::Dispute
            | Self::Claim
            | Self::Tariff
            | Self::MemberOf
            | Self::LeaderOf => Kind::Relation,
            _ => Kind::Event,
        }
    }

    /// The quad class of the CAMEO codes the type comes from: 1 verbal cooperation,
    /// 2 material cooperation, 3 verbal conflict, 4 material conflict; `gk:quadClass` in
    /// `ontology/geokg.ttl` says the same. None for membership and leadership.
    pub fn quad_class(self) -> Option<u8> {
        match self {
            Self::Agree | Self::Consult | Self::Support | Self::Ally => Some(1),
            Self::Cooperate | Self::Aid | Self::Retreat | Self::Concede => Some(2),
            Self::Request | Self::Accuse | Self::Reject | Self::Threaten | Self::Protest => Some(3),
            Self::Dispute | Self::Claim => Some(3),
            Self::Sanction | Self::Mobilize | Self::Coerce | Self::Assault | Self::Tariff => {
                Some(4)
            }
            Self::MemberOf | Self::LeaderOf => None,
        }
    }

    /// The name used in JSONL and in the vocabulary (`AGREE`, `MEMBER_OF`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agree => "AGREE",
            Self::Consult => "CONSULT",
            Self::Support => "SUPPORT",
            Self::Concede => "CONCEDE",
            Self::Cooperate => "COOPERATE",
            Self::Aid => "AID",
            Self::Retreat => "RETREAT",
            Self::Request => "REQUEST",
            Self::Accuse => "ACCUSE",
            Self::Reject => "REJECT",
            Self::Threaten => "THREATEN",
            Self::Protest => "PROTEST",
            Self::Sanction => "SANCTION",
            Self::Mobilize => "MOBILIZE",
            Self::Coerce => "COERCE",
            Self::Assault => "ASSAULT",
            Self::Ally => "ALLY",
            Self::Dispute => "DISPUTE",
            Self::Claim => "CLAIM",
            Self::Tariff => "TARIFF",
            Self::MemberOf => "MEMBER_OF",
            Self::LeaderOf => "LEADER_OF",
        }
    }
}

impl fmt::Display for StatementType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StatementType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown statement type `{s}`"))
    }
}

/// How the article presents a statement. Only `Asserted` (and `Reported`) are facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Planned,
    Hypothetical,
    Negated,
    Reported,
    Request,
}

impl Modality {
    pub const ALL: [Modality; 6] = [
        Self::Asserted,
        Self::Planned,
        Self::Hypothetical,
        Self::Negated,
        Self::Reported,
        Self::Request,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asserted => "asserted",
            Self::Planned => "planned",
            Self::Hypothetical => "hypothetical",
            Self::Negated => "negated",
            Self::Reported => "reported",
            Self::Request => "request",
        }
    }
}

impl FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown modality `{s}`"))
    }
}

/// What a mention literally names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    State,
    Person,
    Organisation,
    Place,
    Group,
}

impl EntityKind {
    /// The name JSON output uses: `state`, `person`, `organisation`, `place`, `group`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Place => "place",
            Self::Group => "group",
        }
    }
}

/// One actor as it appears in a statement: the words, the entity they name, and the state or
/// organisation the actor is coded to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    pub text: String,
    /// Wikidata id of the entity literally named ("Beijing" names Q956), when known.
    pub qid: Option<String>,
    /// ISO 3166-1 alpha-3 code or organisation code of the actor it acts for ("Beijing" -> CHN).
    pub country: Option<String>,
    /// CAMEO actor type of an actor no state is named for ("police": COP, "rebels": REB).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sector: Option<String>,
    /// Stable local key of the named entity (`USA`, `person/Q22686`, `x/george-glass`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entity: Option<String>,
    /// Character offsets of the mention in the document, when it is in the text (an actor
    /// inferred from context has none).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<usize>,
    /// The entity's name ("George Glass" for "US Ambassador to Japan, George Glass").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub label: Option<String>,
}

impl ActorRef {
    /// The code the actor is known by: its state or organisation, else its sector.
    pub fn code(&self) -> Option<&str> {
        self.country.as_deref().or(self.sector.as_deref())
    }

    /// Who the actor is, for telling two apart: its code, or for one no code is known for (an
    /// unlisted person or organisation), its entity key.
    pub fn key(&self) -> Option<&str> {
        self.code().or(self.entity.as_deref())
    }
}

/// A place where an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub text: String,
    pub qid: Option<String>,
    pub country: Option<String>,
    /// Gazetteer key of the place (`place/Q16520`, or a state's code for "in Japan").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entity: Option<String>,
}

/// One extracted statement: an event or a standing relation, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub doc: String,
    /// Index of the sentence in the document, from 0.
    pub sentence: usize,
    /// Character offsets of the sentence in the document text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    #[serde(rename = "type")]
    pub statement_type: StatementType,
    pub mode: Option<String>,
    pub source: Vec<ActorRef>,
    pub target: Vec<ActorRef>,
    /// Source and target are interchangeable (a meeting, a dispute, an alliance).
    #[serde(default)]
    pub symmetric: bool,
    pub modality: Modality,
    pub speaker: Option<ActorRef>,
    /// ISO 8601 date, year-month or year, resolved against the document date when relative.
    pub time: Option<String>,
    pub place: Option<PlaceRef>,
    pub topics: Vec<String>,
    pub confidence: f32,
    /// The exact text span that triggered the statement.
    pub evidence: String,
    /// Character offsets of the evidence span in the document text.
    pub evidence_start: usize,
    pub evidence_end: usize,
    /// The sentence the statement comes from.
    pub sentence_text: String,
}

/// One actor or place mention, as `geokg mentions` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub doc: String,
    /// Character offsets in the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Wikidata id of the entity literally named ("Beijing": Q956).
    pub qid: Option<String>,
    /// The actor it stands for (ISO-3 or organisation code; "Beijing": CHN).
    pub country: Option<String>,
    /// CAMEO actor type when no state is named ("police": COP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    pub kind: EntityKind,
    /// A pronoun or "the two leaders", resolved to what it refers to.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
}

impl MentionRecord {
    /// The columns of [`MentionRecord::to_tsv`], with its line break.
    pub const TSV_HEADER: &'static str =
        "doc\tstart\tend\ttext\tqid\tcountry\tsector\tkind\treference\n";

    /// One tab-separated line (no line break); a field's own tabs and line breaks become
    /// spaces, an absent value is empty.
    pub fn to_tsv(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&self.doc),
            self.start,
            self.end,
            clean(&self.text),
            self.qid.as_deref().unwrap_or_default(),
            self.country.as_deref().unwrap_or_default(),
            self.sector.as_deref().unwrap_or_default(),
            self.kind.as_str(),
            self.reference
        )
    }
}
