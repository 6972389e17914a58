//! Pronouns and "the two leaders": references resolved to the actors in focus.
//!
//! Focus is the document's recent actors, most recent last. A resolved reference becomes a
//! mention of its own whose members are the actors it points at, so everything after this
//! step treats "he" and "Donald Trump" alike.

use super::cues::Cues;
use super::mentions::{Member, Mention, Mentions, Role};
use super::segment::Token;
use crate::model::EntityKind;

/// How many sentences back a reference may reach.
const REACH: usize = 3;

#[derive(Debug, Clone)]
struct Entry {
    members: Vec<Member>,
    sentence: usize,
}

#[derive(Debug, Default, Clone)]
pub struct Focus {
    entries: Vec<Entry>,
}

impl Focus {
    fn note(&mut self, members: Vec<Member>, sentence: usize) {
        if !members.is_empty() {
            self.entries.push(Entry { members, sentence });
        }
    }

    fn recent(&self, sentence: usize) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .rev()
            .take_while(move |e| e.sentence + REACH >= sentence)
    }

    fn last_person(&self, sentence: usize) -> Option<Member> {
        self.recent(sentence)
            .filter(|e| e.members.len() == 1)
            .find(|e| e.members[0].kind == EntityKind::Person)
            .map(|e| e.members[0].clone())
    }

    /// The last state or organisation of this very sentence: "it" reaches no further.
    fn last_state_in(&self, sentence: usize) -> Option<Member> {
        self.entries
            .iter()
            .rev()
            .take_while(|e| e.sentence == sentence)
            .filter(|e| e.members.len() == 1)
            .map(|e| &e.members[0])
            .find(|m| m.code.is_some() && m.kind != EntityKind::Person)
            .cloned()
    }

    fn last_group(&self, sentence: usize) -> Option<Vec<Member>> {
        self.recent(sentence)
            .take_while(|e| e.sentence + 1 >= sentence)
            .find(|e| distinct_codes(&e.members) >= 2)
            .map(|e| e.members.clone())
    }

    /// The two most recent actors of different states, persons first when asked.
    fn last_two(&self, sentence: usize, persons: bool) -> Option<Vec<Member>> {
        let pick = |only_persons: bool| {
            let mut chosen: Vec<Member> = Vec::new();
            for member in self.recent(sentence).flat_map(|e| e.members.iter().rev()) {
                if only_persons && member.kind != EntityKind::Person {
                    continue;
                }
                if member.code.is_some() && chosen.iter().all(|c| c.code != member.code) {
                    chosen.push(member.clone());
                }
                if chosen.len() == 2 {
                    chosen.reverse();
                    return Some(chosen);
                }
            }
            None
        };
        if persons {
            pick(true).or_else(|| pick(false))
        } else {
            pick(false)
        }
    }

    /// The partner of `codes` in the dyad in focus, up to one sentence back: the party a
    /// sentence leaves unsaid ("The leaders met ... The US decided to cut a tariff").
    pub fn partner_of(&self, codes: &[String], sentence: usize) -> Option<Member> {
        self.recent(sentence)
            .take_while(|e| e.sentence + 1 >= sentence)
            .filter(|e| distinct_codes(&e.members) == 2)
            .find(|e| {
                e.members
                    .iter()
                    .any(|m| m.code.as_ref().is_some_and(|c| codes.contains(c)))
            })
            .and_then(|e| {
                e.members
                    .iter()
                    .find(|m| m.code.as_ref().is_some_and(|c| !codes.contains(c)))
                    .cloned()
            })
    }
}

fn distinct_codes(members: &[Member]) -> usize {
    let mut codes: Vec<&String> = members.iter().filter_map(|m| m.code.as_ref()).collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

/// Adds resolved references to `mentions` and records the sentence's actors in `focus`.
pub fn resolve(
    tokens: &[Token<'_>],
    mentions: &mut Mentions,
    focus: &mut Focus,
    cues: &Cues,
    sentence: usize,
) {
    let reference_classes = [
        ("group-persons", Some(true)),
        ("group-states", Some(false)),
        ("pronoun-person", None),
        ("pronoun-group", None),
        ("pronoun-state", None),
    ]
    .map(|(class, persons)| (class, persons, cues.class(class)));
    let mut resolved = Vec::new();
    let mut at = 0;
    // Mentions are in token order: the next one that may start at `at`.
    let mut next_mention = 0;
    while at < tokens.len() {
        while mentions
            .0
            .get(next_mention)
            .is_some_and(|m| m.tok_start < at)
        {
            next_mention += 1;
        }
        let starting =
            Some(next_mention).filter(|&i| mentions.0.get(i).is_some_and(|m| m.tok_start == at));
        if let Some(i) = starting {
            let mention = &mentions.0[i];
            if mention.is_actor() {
                focus.note(mention.members.clone(), sentence);
                if let Some(group) = coordinated_before(tokens, &mentions.0, i) {
                    focus.note(group, sentence);
                }
            }
            at = mention.tok_end;
            continue;
        }
        let reference = reference_classes.iter().find_map(|&(class, persons, id)| {
            cues.match_class(id?, tokens, at)
                .map(|len| (class, persons, len))
        });
        let Some((class, persons, len)) = reference else {
            at += 1;
            continue;
        };
        let members = match (class, persons) {
            (_, Some(persons)) => focus.last_two(sentence, persons),
            ("pronoun-person", _) => focus.last_person(sentence).map(|m| vec![m]),
            // "China said (that) it would": only right after what a state said.
            ("pronoun-state", _) => reported_by_state(tokens, &mentions.0, cues, at)
                .then(|| focus.last_state_in(sentence))
                .flatten()
                .map(|m| vec![m]),
            _ => focus.last_group(sentence),
        };
        if let Some(members) = members {
            focus.note(members.clone(), sentence);
            resolved.push(reference_mention(tokens, at, at + len, members));
        }
        at += len;
    }
    merge(mentions, resolved);
}

/// "we", "our", "us" in a quotation: the speaker's side.
pub fn resolve_speaker_pronouns(
    tokens: &[Token<'_>],
    mentions: &mut Mentions,
    cues: &Cues,
    speaker: &Mention,
) {
    let members: Vec<Member> = speaker
        .members
        .iter()
        .filter(|m| m.code.is_some())
        .cloned()
        .collect();
    if members.is_empty() {
        return;
    }
    let resolved: Vec<Mention> = (0..tokens.len())
        .filter(|&i| tokens[i].quoted && mentions.covering(i).is_none())
        .filter_map(|i| {
            cues.match_at("pronoun-speaker", tokens, i)
                .map(|len| (i, len))
        })
        .map(|(i, len)| reference_mention(tokens, i, i + len, members.clone()))
        .collect();
    merge(mentions, resolved);
}

/// Whether token `at` follows "<state> said (that)".
fn reported_by_state(tokens: &[Token<'_>], mentions: &[Mention], cues: &Cues, at: usize) -> bool {
    let verb = match at.checked_sub(1) {
        Some(i) if tokens[i].lower == "that" => i.checked_sub(1),
        other => other,
    };
    let Some(verb) = verb.filter(|&v| cues.match_at("speech", tokens, v) == Some(1)) else {
        return false;
    };
    mentions.iter().any(|m| {
        m.tok_end == verb && m.is_actor() && m.members.iter().all(|x| x.kind != EntityKind::Person)
    })
}

fn reference_mention(tokens: &[Token<'_>], a: usize, b: usize, members: Vec<Member>) -> Mention {
    Mention {
        tok_start: a,
        tok_end: b,
        start: tokens[a].start,
        end: tokens[b - 1].end,
        text: tokens[a..b]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" "),
        role: Role::Reference,
        members,
    }
}

fn merge(mentions: &mut Mentions, resolved: Vec<Mention>) {
    mentions.0.extend(resolved);
    mentions.0.sort_by_key(|m| m.tok_start);
}

/// "Trump and Xi": the members of a coordination ending at mention `i`.
fn coordinated_before(tokens: &[Token<'_>], mentions: &[Mention], i: usize) -> Option<Vec<Member>> {
    let mention = &mentions[i];
    let joiner = tokens.get(mention.tok_start.checked_sub(1)?)?;
    if !matches!(joiner.lower.as_ref(), "and" | "&") {
        return None;
    }
    let previous = mentions
        .iter()
        .rev()
        .find(|m| m.tok_end + 1 == mention.tok_start)?;
    let mut members = previous.members.clone();
    members.extend(mention.members.iter().cloned());
    Some(members)
}
