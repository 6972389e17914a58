//! Modality and attribution: is a statement asserted, planned, hypothetical, negated,
//! requested or only reported, and who said it.

use super::arguments::Sentence;
use super::lexicon::{Frame, Trigger};
use crate::model::Modality;

/// A reporting verb and who uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speech {
    /// Mention index of the speaker.
    pub speaker: usize,
    /// Token of the reporting verb.
    pub verb: usize,
    /// "according to X": the whole sentence is attributed, wherever the verb stands.
    pub whole_sentence: bool,
}

/// The sentence's speaker: "X said (that) ...", "..., X said", "... said X", "according to X".
pub fn speech(sentence: &Sentence<'_, '_>) -> Option<Speech> {
    let tokens = sentence.tokens;
    let mentions = &sentence.mentions.0;
    let speaker_like =
        |i: &usize| mentions[*i].is_actor() || super::arguments::is_person(&mentions[*i]);
    let (speech_after, speech) = (
        sentence.cues.class("speech-after"),
        sentence.cues.class("speech"),
    );
    let matches =
        |class: Option<_>, at| class.and_then(|c| sentence.cues.match_class(c, tokens, at));
    for verb in 0..tokens.len() {
        if let Some(len) = matches(speech_after, verb) {
            if let Some(speaker) = mentions
                .iter()
                .position(|m| m.tok_start == verb + len || m.tok_start == verb + len + 1)
                .filter(speaker_like)
            {
                return Some(Speech {
                    speaker,
                    verb,
                    whole_sentence: true,
                });
            }
        }
        if tokens[verb].quoted || matches(speech, verb).is_none() {
            continue;
        }
        let before = (0..mentions.len())
            .rev()
            .filter(|&i| {
                mentions[i].tok_end <= verb
                    && mentions[i].tok_start >= sentence.clause_start(verb, false)
            })
            .find(speaker_like);
        let after = mentions
            .iter()
            .position(|m| m.tok_start == verb + 1)
            .filter(speaker_like);
        // "..., said Xi" names the speaker after the verb; otherwise the nearest one before.
        let quote_before = verb > 0 && (tokens[verb - 1].quoted || tokens[verb - 1].text == ",");
        let speaker = if quote_before {
            after.or(before)
        } else {
            before.or(after)
        };
        if let Some(speaker) = speaker {
            // "Russia attacked Kyiv overnight, Ukraine said (on Monday)": a speaker and verb
            // that close the sentence after a comma say all of it.
            let opens_at = mentions[speaker].tok_start.min(verb);
            let after_comma =
                opens_at > 0 && (tokens[opens_at - 1].text == "," || tokens[opens_at - 1].quoted);
            let mut rest = verb + 1;
            if let Some(len) = sentence.cues.match_at("aside", tokens, rest) {
                rest += len;
            }
            let closes = tokens[rest.min(tokens.len())..]
                .iter()
                .all(|t| !t.is_word());
            return Some(Speech {
                speaker,
                verb,
                whole_sentence: after_comma && closes,
            });
        }
    }
    None
}

/// The modality a trigger's context gives it, before attribution.
pub fn modality(sentence: &Sentence<'_, '_>, trigger: &Trigger<'_>) -> Modality {
    let tokens = sentence.tokens;
    let cues = sentence.cues;
    let nominal = matches!(
        trigger.entry.frame,
        Frame::Nominal | Frame::Slot | Frame::Charge
    );
    // "The talks between Serbia and Kosovo were postponed": a meeting named by a noun is
    // negated by what follows it, but "the war between them threatened to spread" still is.
    // "after meeting Tony Blair he said he wasn't …": a gerund after a preposition is a verb,
    // whose negation comes before it.
    let gerund_after_preposition = trigger.start > 0
        && tokens[trigger.start].lower.ends_with("ing")
        && cues.is("preposition", &tokens[trigger.start - 1]);
    let meeting_noun = trigger.entry.frame == Frame::Symmetric
        && cues.is("event-noun", &tokens[trigger.start])
        && !gerund_after_preposition;
    let mut from = sentence.clause_start(trigger.start, true);
    // "He plans to go to Beijing and invited Xi": a finite verb after "and" has its own tense.
    let first = &tokens[trigger.start].lower;
    let finite = first.ends_with("ed") || (first.ends_with('s') && !first.ends_with("ss"));
    if finite {
        if let Some(and) = cues.rfind_in("coordination", tokens, from, trigger.start) {
            from = and + 1;
        }
    }
    // "sought to restore ties that were wrecked when Turkey shot down a jet": a subordinate
    // clause has its own modality, which its first word may set ("if").
    if let Some(opening) = cues.rfind_in("subordinator", tokens, from, trigger.start) {
        from = opening;
    }
    // "offered military assistance to Turkey", "pledged $2bn in aid to": a promise of the act
    // is no act yet, whether the promise is the event word or precedes it.
    // "agreed to a ceasefire halting Turkey's incursion", "no reason to lift the EU's
    // sanctions": what is halted, lifted or condemned exists, whatever governs the verb.
    if nominal {
        if let Some(verb) = cues.rfind_in("presupposes", tokens, from, trigger.start) {
            if trigger.start - verb <= 7 {
                from = verb + 1;
            }
        }
    }
    // A noun's modality may follow it ("the visit will not happen"); a meeting noun's only its
    // negation. A demand's own words ("Israel must not") are what was demanded, not whether
    // it was.
    let after_noun = (nominal || meeting_noun).then(|| noun_window_end(sentence, trigger));
    // "Theresa May has met Merkel": a name's words are no modal.
    let cue = |class: &str| {
        let to = after_noun
            .filter(|_| nominal || class == "negated")
            .unwrap_or(trigger.start);
        cues.positions(class, tokens, from, to)
            .any(|at| sentence.mentions.covering(at).is_none())
    };
    // "warned NATO against sending troops", "barred from entering": a gerund after these
    // words is not done.
    let before_gerund = |class: &str| {
        trigger.start > 0
            && tokens[trigger.start].lower.ends_with("ing")
            && cues.is(class, &tokens[trigger.start - 1])
    };
    // "an ultimatum to Sudan to normalise relations": what is asked of someone is requested.
    let asked_of = sentence.asked_of(trigger.start).is_some();
    if cue("negated") || before_gerund("negates-gerund") {
        Modality::Negated
    } else if cue("hypothetical") || before_gerund("warns-off-gerund") {
        Modality::Hypothetical
    } else if cue("request") && !nominal || asked_of {
        Modality::Request
    } else if cue("planned") || cue("promise") || cues.is("promise", &tokens[trigger.start]) {
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// Where the words that may set a noun's modality after it end: at a clause of its own
/// ("sanctions against Russia, as Moscow has not") or at "without", which negates what
/// follows it ("the talks ended without a deal"). A later verb that lifts or condemns the
/// noun takes the modals for itself: "the embargo is likely to be lifted" is an embargo.
fn noun_window_end(sentence: &Sentence<'_, '_>, trigger: &Trigger<'_>) -> usize {
    let (tokens, cues) = (sentence.tokens, sentence.cues);
    let end = sentence.clause_end(trigger.end, true);
    let without = (trigger.end..end).find(|&i| tokens[i].lower == "without");
    let to = cues
        .find_in("subordinator", tokens, trigger.end, end)
        .unwrap_or(end)
        .min(without.unwrap_or(end));
    match cues.find_in("presupposes", tokens, trigger.end, to) {
        Some(_) => trigger.end,
        None => to,
    }
}

/// Whether the trigger stands in what the speaker said.
pub fn attributed(sentence: &Sentence<'_, '_>, trigger: &Trigger<'_>, speech: &Speech) -> bool {
    speech.whole_sentence || trigger.start > speech.verb || sentence.tokens[trigger.start].quoted
}
