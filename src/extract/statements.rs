//! From a trigger in an analysed sentence to a statement: sides, modality and attribution,
//! time, place, evidence and confidence.

use super::arguments::{self, Arguments, Sentence};
use super::cues::Cues;
use super::lexicon::{Frame, Trigger};
use super::mentions::{Member, Mention, Mentions, Role};
use super::references::Focus;
use super::{modality, time, AnalysedSentence, CharOffsets};
use crate::document::Document;
use crate::model::{ActorRef, Modality, Statement, StatementType};
use chrono::NaiveDate;
use std::collections::HashSet;

/// What statements of one document share.
pub(super) struct Context<'a> {
    pub document: &'a Document,
    pub anchor: Option<NaiveDate>,
    pub offsets: &'a CharOffsets,
    pub focus: &'a Focus,
    pub cues: &'a Cues,
}

impl Context<'_> {
    /// The statement a trigger makes, if its actors are found.
    pub fn statement(
        &self,
        analysed: &AnalysedSentence<'_, '_>,
        trigger: &Trigger<'_>,
        topics: &[String],
    ) -> Option<Statement> {
        let sentence = analysed.view(self.cues);
        if used_as_noun(&sentence, trigger) {
            return None;
        }
        let (mentions, span, text) = (analysed.mentions, analysed.span, analysed.text);
        let arguments = arguments::find(&sentence, trigger, analysed.speech.map(|s| s.speaker));
        let (source, target) = self.sides(mentions, &arguments, trigger, span.index)?;
        let speaker = analysed.speaker();
        let mut modality = modality::modality(&sentence, trigger);
        if let (Some(speech), Some(speaker)) = (&analysed.speech, speaker) {
            let source_codes: HashSet<_> = source
                .iter()
                .filter_map(|a| a.code().map(str::to_owned))
                .collect();
            let speaker_codes: HashSet<_> = speaker.codes().into_iter().collect();
            if modality == Modality::Asserted
                && modality::attributed(&sentence, trigger, speech)
                && source_codes.is_disjoint(&speaker_codes)
            {
                modality = Modality::Reported;
            }
        }
        // A time adverbial belongs to the verb of its clause, and usually follows it.
        let clause =
            sentence.clause_start(trigger.start, true)..sentence.clause_end(trigger.end, true);
        let time = time::find(analysed.tokens)
            .into_iter()
            .filter(|(at, _)| clause.contains(at))
            .min_by_key(|(at, _)| (*at < trigger.start, at.abs_diff(trigger.start)))
            .and_then(|(_, expr)| time::resolve(expr, self.anchor, modality == Modality::Planned));
        let (evidence_start, evidence_end) =
            evidence_span(analysed.tokens, mentions, trigger, &arguments);
        let via_reference = arguments
            .source
            .iter()
            .chain(&arguments.target)
            .any(|&i| mentions.0[i].role == Role::Reference);
        let implicit = arguments.target.is_empty() && !arguments.symmetric;
        let (statement_type, mode) = if self.spoken_blow(&sentence, trigger, &arguments) {
            (StatementType::Accuse, None)
        } else {
            (trigger.entry.statement_type, trigger.entry.mode.clone())
        };
        Some(Statement {
            doc: self.document.id().to_owned(),
            sentence: span.index,
            start: self.offsets.get(span.start),
            end: self.offsets.get(span.end),
            kind: statement_type.kind(),
            statement_type,
            mode,
            source,
            target,
            symmetric: arguments.symmetric,
            modality,
            speaker: speaker.and_then(|s| speaker_ref(s, self.offsets)),
            time,
            place: arguments.place.and_then(|p| mentions.0[p].place_ref()),
            topics: topics.to_vec(),
            confidence: confidence(trigger.entry.frame, via_reference, implicit),
            evidence: text[evidence_start..evidence_end].to_owned(),
            evidence_start: self.offsets.get(evidence_start),
            evidence_end: self.offsets.get(evidence_end),
            sentence_text: text[span.start..span.end].to_owned(),
        })
    }

    /// "The president attacked the plan": an attack by persons is made of words.
    fn spoken_blow(
        &self,
        sentence: &Sentence<'_, '_>,
        trigger: &Trigger<'_>,
        arguments: &Arguments,
    ) -> bool {
        trigger.entry.statement_type == StatementType::Assault
            && self
                .cues
                .match_at("words-as-blows", sentence.tokens, trigger.start)
                .is_some()
            && !arguments.source.is_empty()
            && arguments
                .source
                .iter()
                .all(|&i| arguments::is_person(&sentence.mentions.0[i]))
    }

    /// Source and target actors; None when a side is missing or both sides are one actor.
    fn sides(
        &self,
        mentions: &Mentions,
        arguments: &Arguments,
        trigger: &Trigger<'_>,
        sentence: usize,
    ) -> Option<(Vec<ActorRef>, Vec<ActorRef>)> {
        let to_chars = |byte: usize| self.offsets.get(byte);
        let refs = |indices: &[usize]| -> Vec<ActorRef> {
            let mut out: Vec<ActorRef> = Vec::new();
            for r in indices
                .iter()
                .flat_map(|&i| mentions.0[named_antecedent(mentions, i)].actor_refs(&to_chars))
            {
                if !out.iter().any(|o| o.key() == r.key()) {
                    out.push(r);
                }
            }
            out
        };
        let mut source = refs(&arguments.source);
        let mut target = refs(&arguments.target);
        if arguments.symmetric {
            // One side per participant: the first against the rest.
            let mut all = source;
            all.extend(target);
            let mut seen = HashSet::new();
            all.retain(|a| seen.insert(a.key().map(str::to_owned)));
            if all.len() < 2 {
                return None;
            }
            target = all.split_off(1);
            source = all;
            return Some((source, target));
        }
        if source.is_empty() {
            return None;
        }
        if target.is_empty() && trigger.entry.implicit_target {
            let codes: Vec<String> = source
                .iter()
                .filter_map(|a| a.code().map(str::to_owned))
                .collect();
            target = self
                .focus
                .partner_of(&codes, sentence)
                .map(|m| vec![member_ref(&m)])
                .unwrap_or_default();
        }
        fn keys(side: &[ActorRef]) -> HashSet<Option<&str>> {
            side.iter().map(ActorRef::key).collect()
        }
        if target.is_empty() || keys(&source) == keys(&target) {
            return None;
        }
        // An actor on both sides of a directed statement is the subject's own doing.
        let source_keys = keys(&source);
        target.retain(|a| !source_keys.contains(&a.key()));
        (!target.is_empty()).then_some((source, target))
    }
}

/// "Lebanon says it will not accept refugees": a pronoun for an actor named earlier in the
/// same sentence is reported as that name, which says who it is; otherwise as itself.
fn named_antecedent(mentions: &Mentions, i: usize) -> usize {
    let m = &mentions.0[i];
    if m.role != Role::Reference || m.members.len() != 1 {
        return i;
    }
    let key = &m.members[0].key;
    mentions.0[..i]
        .iter()
        .rposition(|a| {
            a.role != Role::Reference
                && a.is_actor()
                && a.members.len() == 1
                && a.members[0].key == *key
        })
        .unwrap_or(i)
}

/// "a hunger strike", "the attacks": a verb phrase's word after a determiner is a noun; "founded
/// by assassinated former prime minister Hariri": a participle after a preposition describes.
fn used_as_noun(sentence: &Sentence<'_, '_>, trigger: &Trigger<'_>) -> bool {
    // Symmetric phrases are mostly nouns already: "a meeting", "the talks", "its dispute".
    let verbal = !matches!(
        trigger.entry.frame,
        Frame::Nominal | Frame::Slot | Frame::Charge | Frame::Demand | Frame::Symmetric
    );
    let Some(before) = trigger.start.checked_sub(1).map(|i| &sentence.tokens[i]) else {
        return false;
    };
    let after_determiner = sentence.cues.is("determiner", before);
    let participle_after_preposition = sentence.tokens[trigger.start].lower.ends_with("ed")
        && before.lower != "to"
        && sentence.cues.is("preposition", before);
    verbal && (after_determiner || participle_after_preposition)
}

fn member_ref(member: &Member) -> ActorRef {
    member.actor_ref(&member.label, member.qid.clone())
}

fn speaker_ref(mention: &Mention, offsets: &CharOffsets) -> Option<ActorRef> {
    let member = mention.members.first()?;
    Some(ActorRef {
        text: mention.text.clone(),
        start: Some(offsets.get(mention.start)),
        end: Some(offsets.get(mention.end)),
        ..member_ref(member)
    })
}

/// Whether statement `b` says again what `a`, found before it in the sentence, says: the same
/// event between the same actors, or the purpose of aid given ("provided $1.7 billion in
/// assistance to support Syrian refugees" is one AID, not also a SUPPORT).
pub(super) fn same_statement(a: &Statement, b: &Statement) -> bool {
    fn keys(side: &[ActorRef]) -> Vec<Option<&str>> {
        let mut k: Vec<_> = side.iter().map(ActorRef::key).collect();
        k.sort();
        k
    }
    fn sides(s: &Statement) -> (Vec<Option<&str>>, Vec<Option<&str>>) {
        if s.symmetric {
            let mut all = keys(&s.source);
            all.extend(keys(&s.target));
            all.sort();
            (all, Vec::new())
        } else {
            (keys(&s.source), keys(&s.target))
        }
    }
    let aid_purpose =
        a.statement_type == StatementType::Aid && b.statement_type == StatementType::Support;
    a.sentence == b.sentence
        && (a.statement_type == b.statement_type || aid_purpose)
        && a.modality == b.modality
        && sides(a) == sides(b)
}

fn confidence(frame: Frame, via_reference: bool, implicit_target: bool) -> f32 {
    let base: f32 = match frame {
        Frame::Slot => 0.9,
        Frame::SourceTarget | Frame::SubjectSlot | Frame::Symmetric | Frame::Passive => 0.8,
        Frame::Nominal | Frame::Response | Frame::Give => 0.7,
        Frame::Charge | Frame::Demand => 0.65,
    };
    let penalty = if via_reference { 0.1 } else { 0.0 } + if implicit_target { 0.2 } else { 0.0 };
    ((base - penalty) * 100.0).round() / 100.0
}

/// The trigger with the actors next to it: "the US backs Tokyo", "plans to go to China's capital".
fn evidence_span(
    tokens: &[super::segment::Token<'_>],
    mentions: &Mentions,
    trigger: &Trigger<'_>,
    arguments: &Arguments,
) -> (usize, usize) {
    const NEAR: usize = 3;
    // A transfer's recipient comes after what is given: "provided $2 million in aid to Fiji".
    let after = if trigger.entry.frame == Frame::Give {
        usize::MAX
    } else {
        NEAR
    };
    let mut first = trigger.start;
    let mut last = trigger.end;
    for &i in arguments.source.iter().chain(&arguments.target) {
        let m = &mentions.0[i];
        if m.tok_end <= trigger.start && trigger.start - m.tok_end <= NEAR {
            first = first.min(m.tok_start);
        }
        if m.tok_start >= trigger.end && m.tok_start - trigger.end <= after {
            last = last.max(m.tok_end);
        }
    }
    (tokens[first].start, tokens[last - 1].end)
}
