//! Phrase patterns of the lexicon: their parts, how a line of `lexicon.tsv` is parsed into
//! them, and how they match the tokens of a sentence.

use super::{PhraseSpans, SlotRole};
use crate::extract::segment::Token;
use rustc_hash::FxHashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// One of several word sequences (`talks|a_meeting`: "talks" or "a meeting").
    Words {
        alternatives: Vec<Vec<String>>,
        /// The first word of every alternative: most tokens are none of them, and one lookup
        /// says so.
        first_words: FxHashSet<String>,
        optional: bool,
    },
    Slot(SlotRole),
    /// `*`: up to [`MAX_MODIFIERS`] tokens that modify the next noun ("new", "long-standing",
    /// "a provisional three-month"): lower-case words, figures and hyphens, no clause word.
    Modifiers,
}

const MAX_MODIFIERS: usize = 6;

/// Words that end a noun phrase's modifiers: a `*` never crosses them.
const NOT_MODIFIERS: [&str; 18] = [
    "to", "and", "or", "but", "that", "which", "who", "with", "from", "by", "on", "against", "in",
    "of", "for", "as", "not", "than",
];

/// Words before "of" that keep a noun phrase going: "some of its troops", "all of the aid",
/// "dozens of rockets", "a barrage of missiles".
const PART_OF: [&str; 19] = [
    "some",
    "most",
    "all",
    "part",
    "half",
    "many",
    "much",
    "both",
    "rest",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "number",
    "series",
    "barrage",
    "salvo",
    "volley",
    "wave",
];

fn is_modifier(token: &Token<'_>, previous: Option<&Token<'_>>) -> bool {
    let first = token.text.chars().next();
    let word = first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        || matches!(token.text, "-" | "%" | "$" | "€" | "£");
    let part_of =
        token.lower == "of" && previous.is_some_and(|p| PART_OF.contains(&p.lower.as_ref()));
    // "more than 40,000 refugees".
    let more_than = token.lower == "than"
        && previous.is_some_and(|p| matches!(p.lower.as_ref(), "more" | "fewer" | "less"));
    // "his country's support": a possessive inside the description.
    let possessive = matches!(token.lower.as_ref(), "'s" | "’s")
        && previous.is_some_and(|p| p.text.starts_with(char::is_lowercase));
    possessive || word && (!NOT_MODIFIERS.contains(&token.lower.as_ref()) || part_of || more_than)
}

pub(super) fn parse_phrase(phrase: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    for word in phrase.split_whitespace() {
        let part = match word {
            "{S}" => Part::Slot(SlotRole::Source),
            "{T}" => Part::Slot(SlotRole::Target),
            "{A}" | "{B}" => Part::Slot(SlotRole::Either),
            "*" => Part::Modifiers,
            _ if word.starts_with('{') => return Err(format!("unknown slot `{word}`")),
            _ => {
                let (body, optional) = match word.strip_suffix('?') {
                    Some(body) => (body, true),
                    None => (word, false),
                };
                let alternatives = body
                    .split('|')
                    .filter(|w| !w.is_empty())
                    .flat_map(|alternative| {
                        // `air_defence_systems` is a sequence; `~` inflects its last word.
                        let mut words: Vec<String> =
                            alternative.split('_').map(str::to_lowercase).collect();
                        let last = words.pop().unwrap_or_default();
                        let lasts = match last.strip_suffix('~') {
                            Some(stem) => inflections(stem),
                            None => vec![last],
                        };
                        lasts
                            .into_iter()
                            .map(|l| words.iter().cloned().chain([l]).collect::<Vec<_>>())
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>();
                if alternatives.is_empty() {
                    return Err(format!("empty word in `{phrase}`"));
                }
                let first_words = alternatives.iter().map(|words| words[0].clone()).collect();
                Part::Words {
                    alternatives,
                    first_words,
                    optional,
                }
            }
        };
        parts.push(part);
    }
    if parts.is_empty() {
        return Err("empty phrase".into());
    }
    Ok(parts)
}

/// Regular English verb forms: base, third person, past, gerund.
pub(super) fn inflections(stem: &str) -> Vec<String> {
    let stem = stem.to_lowercase();
    let consonant_y =
        stem.ends_with('y') && !stem[..stem.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let (third, past, gerund) =
        if stem.ends_with("ee") || stem.ends_with("oe") || stem.ends_with("ye") {
            (format!("{stem}s"), format!("{stem}d"), format!("{stem}ing"))
        } else if stem.ends_with('e') {
            let base = &stem[..stem.len() - 1];
            (format!("{stem}s"), format!("{stem}d"), format!("{base}ing"))
        } else if consonant_y {
            let base = &stem[..stem.len() - 1];
            (
                format!("{base}ies"),
                format!("{base}ied"),
                format!("{stem}ing"),
            )
        } else if stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh") {
            (
                format!("{stem}es"),
                format!("{stem}ed"),
                format!("{stem}ing"),
            )
        } else {
            (
                format!("{stem}s"),
                format!("{stem}ed"),
                format!("{stem}ing"),
            )
        };
    vec![stem, third, past, gerund]
}

pub(super) fn match_parts(
    parts: &[Part],
    tokens: &[Token<'_>],
    at: usize,
    spans: &dyn PhraseSpans,
    slots: &mut Vec<(SlotRole, usize)>,
) -> Option<usize> {
    let (first, rest) = parts.split_first()?;
    match_part(first, rest, tokens, at, spans, slots)
}

/// The parts after the first: an aside may come before each ("imposed sanctions today
/// against"), and is tried first so that its own words ("on Monday") are not taken for the
/// phrase's ("on").
fn match_rest(
    parts: &[Part],
    tokens: &[Token<'_>],
    at: usize,
    spans: &dyn PhraseSpans,
    slots: &mut Vec<(SlotRole, usize)>,
) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return Some(at);
    };
    spans
        .aside_at(at)
        .and_then(|after| match_part(part, rest, tokens, after, spans, slots))
        .or_else(|| match_part(part, rest, tokens, at, spans, slots))
}

/// Matches `part` at `at` and `rest` after it, backtracking over the part's alternatives.
fn match_part(
    part: &Part,
    rest: &[Part],
    tokens: &[Token<'_>],
    at: usize,
    spans: &dyn PhraseSpans,
    slots: &mut Vec<(SlotRole, usize)>,
) -> Option<usize> {
    match part {
        Part::Slot(role) => {
            for (end, mention) in spans.mentions_at(at) {
                slots.push((*role, mention));
                if let Some(end) = match_rest(rest, tokens, end, spans, slots) {
                    return Some(end);
                }
                slots.pop();
            }
            None
        }
        Part::Modifiers => {
            let limit = tokens.len().min(at + MAX_MODIFIERS);
            // Where the modifiers may end, shortest first; one more than the modifiers at most.
            let mut ends = [at; MAX_MODIFIERS + 1];
            let mut count = 1;
            let mut i = at;
            while i < limit && count < ends.len() {
                if is_modifier(&tokens[i], i.checked_sub(1).map(|p| &tokens[p])) {
                    i += 1;
                } else if !spans.mention_starts_at(i) {
                    break;
                } else {
                    let names = spans.mentions_at(i);
                    if let Some(head) = described_head(tokens, i, &names) {
                        // The name's own noun must be the phrase's next word.
                        ends[count] = head;
                        count += 1;
                        break;
                    }
                    match name_among_modifiers(tokens, &names) {
                        Some(after) => i = after,
                        None => break,
                    }
                }
                ends[count] = i;
                count += 1;
            }
            ends[..count]
                .iter()
                .find_map(|&end| match_rest(rest, tokens, end, spans, slots))
        }
        Part::Words {
            alternatives,
            first_words,
            optional,
        } => {
            let opens = tokens
                .get(at)
                .is_some_and(|t| first_words.contains(t.lower.as_ref()));
            for words in alternatives.iter().filter(|_| opens) {
                if words_at(words, tokens, at) {
                    if let Some(end) = match_rest(rest, tokens, at + words.len(), spans, slots) {
                        return Some(end);
                    }
                }
            }
            if *optional {
                match_rest(rest, tokens, at, spans, slots)
            } else {
                None
            }
        }
    }
}

/// "accepted 1,141 Iraqi refugees": a name whose own last word is a lower-case noun may stand
/// among a noun's modifiers, up to that noun, which the phrase names next. The start of that
/// noun, if one of `names` (the ends of mentions starting at `at`) ends so.
fn described_head(tokens: &[Token<'_>], at: usize, names: &[(usize, usize)]) -> Option<usize> {
    names
        .iter()
        .map(|&(end, _)| end)
        .filter(|&end| end > at + 1 && is_lowercase(tokens, end - 1))
        .max()
        .map(|end| end - 1)
}

/// "lifted the US arms embargo on": a name before a lower-case word modifies it. Where the
/// modifiers go on, if one of `names` is followed so.
fn name_among_modifiers(tokens: &[Token<'_>], names: &[(usize, usize)]) -> Option<usize> {
    names
        .iter()
        .map(|&(end, _)| end)
        .filter(|&end| is_lowercase(tokens, end))
        .max()
}

fn is_lowercase(tokens: &[Token<'_>], at: usize) -> bool {
    tokens
        .get(at)
        .is_some_and(|t| t.text.starts_with(char::is_lowercase))
}

pub(super) fn words_at(words: &[String], tokens: &[Token<'_>], at: usize) -> bool {
    words.len() <= tokens.len().saturating_sub(at)
        && words.iter().zip(&tokens[at..]).all(|(w, t)| *w == t.lower)
}
