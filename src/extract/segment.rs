//! Sentences and tokens with byte offsets into the document text.
//!
//! Tokens keep what argument finding needs: words (with "U.S." and "Kim Jong-un" intact
//! across tokens), possessive `'s` as its own token, and clause punctuation. Quotation marks
//! are dropped from the token stream so that a phrase matches whether or not it was quoted;
//! `Token::quoted` remembers that it was.

use rustc_hash::FxHashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Lower-cased; borrowed from the text when it already is.
    pub lower: std::borrow::Cow<'a, str>,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    /// Inside a quotation.
    pub quoted: bool,
    /// Where this word's phrases are in a [`super::cues::Cues`] that indexed it, so that the
    /// many cue lookups of a sentence hash each word once.
    pub cue_entry: super::cues::CueEntry,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// A word that starts with a letter, as nouns do (not "37,800").
    pub fn is_letters(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphabetic)
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more capital letters and nothing else: "TTP", "NLC".
    pub fn is_acronym(&self) -> bool {
        self.text.len() > 1 && self.text.chars().all(|c| c.is_ascii_uppercase())
    }

    /// `,` `;` `:` `(` `)` or a dash: the edge of a clause or an aside.
    pub fn is_clause_punct(&self) -> bool {
        matches!(self.text, "," | ";" | ":" | "(" | ")" | "—" | "–" | "--")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// What sentence splitting needs to know of the language.
#[derive(Debug, Default, Clone)]
pub struct SegmentRules {
    /// Lower-cased words with their final period ("mr.", "u.s.") that do not end a sentence.
    pub abbreviations: FxHashSet<String>,
    /// Reporting verbs: `"...!" Trump said.` is one sentence.
    pub speech_verbs: FxHashSet<String>,
}

/// The characters of `text` with their byte offsets, in one allocation: `collect` would
/// start from a quarter of the length and grow several times.
fn char_indices(text: &str) -> Vec<(usize, char)> {
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    chars
}

/// Splits a document into sentences.
pub fn sentences(text: &str, rules: &SegmentRules) -> Vec<SentenceSpan> {
    let mut spans = Vec::new();
    let mut start = None::<usize>;
    let chars = char_indices(text);
    let mut i = 0;
    let push = |s: usize, e: usize, spans: &mut Vec<SentenceSpan>| {
        let trimmed = text[s..e].trim_end();
        if !trimmed.trim().is_empty() {
            spans.push(SentenceSpan {
                index: spans.len(),
                start: s,
                end: s + trimmed.len(),
            });
        }
    };
    while i < chars.len() {
        let (pos, c) = chars[i];
        if start.is_none() {
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            start = Some(pos);
        }
        let s = start.expect("sentence start set above");
        if c == '\n' {
            // A line break inside a paragraph is wrapping; a blank line or a line that ends
            // in terminal punctuation ends the sentence.
            let next_blank = chars[i + 1..]
                .iter()
                .take_while(|(_, c)| *c != '\n')
                .all(|(_, c)| c.is_whitespace());
            let prev = text[s..pos].trim_end().chars().last();
            if next_blank
                || prev.is_some_and(|p| matches!(p, '.' | '!' | '?' | ':'))
                || prev.is_some_and(is_quote)
            {
                push(s, pos, &mut spans);
                start = None;
            }
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            // Swallow closing quotes and brackets, then require white space and a plausible
            // sentence opening.
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?' | ')') || is_quote(chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(p, _)| *p);
            let followed_by_space = chars.get(j).is_none_or(|(_, c)| c.is_whitespace());
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|(_, c)| *c);
            let opens = next.is_none_or(|n| n.is_uppercase() || n.is_numeric() || is_quote(n));
            let quote_closed = j > i + 1 && is_quote(chars[j - 1].1);
            let attribution_follows = quote_closed
                && speech_follows(
                    &text[chars.get(k).map_or(text.len(), |(p, _)| *p)..],
                    &rules.speech_verbs,
                );
            if followed_by_space
                && opens
                && !attribution_follows
                && !(c == '.' && ends_with_abbreviation(&text[s..end], &rules.abbreviations))
            {
                push(s, end, &mut spans);
                start = None;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        push(s, text.len(), &mut spans);
    }
    spans
}

/// `Trump said`, `the official comment added`: a reporting verb within the next four words.
fn speech_follows(rest: &str, speech_verbs: &FxHashSet<String>) -> bool {
    rest.split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| speech_verbs.contains(&w))
}

fn ends_with_abbreviation(sentence: &str, abbreviations: &FxHashSet<String>) -> bool {
    let last = sentence
        .trim_end_matches(|c: char| is_quote(c) || c == ')')
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    abbreviations.contains(&lower)
        || (lower.len() == 2 && lower.chars().next().is_some_and(char::is_alphabetic))
}

/// Tokenises `text[start..end]`; offsets are into `text`.
pub fn tokens<'a>(text: &'a str, start: usize, end: usize) -> Vec<Token<'a>> {
    let slice = &text[start..end];
    let chars = char_indices(slice);
    let mut out = Vec::with_capacity(chars.len() / 4);
    let mut quoted = false;
    let mut i = 0;
    let push = |a: usize, b: usize, quoted: bool, out: &mut Vec<Token<'a>>| {
        let t: &'a str = &text[start + a..start + b];
        out.push(Token {
            text: t,
            lower: if t.is_ascii() {
                if t.bytes().any(|b| b.is_ascii_uppercase()) {
                    std::borrow::Cow::Owned(t.to_ascii_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(t)
                }
            } else if t.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(t.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(t)
            },
            start: start + a,
            end: start + b,
            quoted,
            cue_entry: Default::default(),
        });
    };
    while i < chars.len() {
        let (pos, c) = chars[i];
        let next = chars.get(i + 1).map(|(_, c)| *c);
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        if c.is_whitespace() {
            i += 1;
        } else if is_apostrophe(c)
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(|n| matches!(n, 's' | 'S'))
            && chars.get(i + 2).is_none_or(|(_, c)| !c.is_alphanumeric())
        {
            push(pos, chars[i + 1].0 + 1, quoted, &mut out);
            i += 2;
        } else if is_quote(c) {
            // An apostrophe inside a word ("don't" is handled as a word below) never gets here.
            if c == '"' {
                quoted = !quoted;
            } else if matches!(c, '“' | '«' | '‘') {
                quoted = true;
            } else if matches!(c, '”' | '»' | '’') {
                quoted = false;
            }
            i += 1;
        } else if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let (_, d) = chars[j];
                let after = chars.get(j + 1).map(|(_, c)| *c);
                let continues = d.is_alphanumeric()
                    || (matches!(d, '.' | ',')
                        && after.is_some_and(char::is_numeric)
                        && chars[j - 1].1.is_numeric())
                    || (d == '.' && is_initialism(&chars, i, j))
                    || (is_apostrophe(d)
                        && after.is_some_and(|a| a.is_alphabetic() && !matches!(a, 's' | 'S')));
                if !continues {
                    break;
                }
                j += 1;
            }
            let end_byte = chars.get(j).map_or(slice.len(), |(p, _)| *p);
            push(pos, end_byte, quoted, &mut out);
            i = j;
        } else {
            let end_byte = pos + c.len_utf8();
            push(pos, end_byte, quoted, &mut out);
            i += 1;
        }
    }
    out
}

/// "U.S." and "U.K.": single letters joined by periods stay one word, final period included.
fn is_initialism(chars: &[(usize, char)], word_start: usize, dot: usize) -> bool {
    let word: String = chars[word_start..dot].iter().map(|(_, c)| *c).collect();
    let letters_between_dots = word.split('.').all(|part| part.chars().count() == 1);
    let next = chars.get(dot + 1).map(|(_, c)| *c);
    let next_next = chars.get(dot + 2).map(|(_, c)| *c);
    letters_between_dots
        && word.chars().next().is_some_and(char::is_uppercase)
        && (next.is_some_and(char::is_uppercase) && next_next == Some('.') || word.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SegmentRules {
        SegmentRules {
            abbreviations: ["mr.", "u.s.", "gen."]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            speech_verbs: ["said", "stated"].iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Mr. Smith met the U.S. envoy. \"It went well,\" he said. Then—nothing! \"Great!\" Trump stated.";
        let spans = sentences(text, &rules());
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            vec![
                "Mr. Smith met the U.S. envoy.",
                "\"It went well,\" he said.",
                "Then—nothing!",
                "\"Great!\" Trump stated."
            ]
        );
    }

    #[test]
    fn tokens_keep_initialisms_possessives_and_hyphens() {
        let text = "The U.S. backs Tokyo's \"return\" — Kim Jong-un's 2.5% cut.";
        let toks: Vec<&str> = tokens(text, 0, text.len()).iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            vec![
                "The", "U.S.", "backs", "Tokyo", "'s", "return", "—", "Kim", "Jong", "-", "un",
                "'s", "2.5", "%", "cut", "."
            ]
        );
        let quoted: Vec<bool> = tokens(text, 0, text.len())
            .iter()
            .map(|t| t.quoted)
            .collect();
        assert!(quoted[5] && !quoted[4]);
    }

    #[test]
    fn offsets_are_into_the_document() {
        let text = "Intro. China’s envoy";
        let spans = sentences(text, &rules());
        let toks = tokens(text, spans[1].start, spans[1].end);
        assert_eq!(&text[toks[0].start..toks[0].end], "China");
        assert_eq!(toks[1].text, "’s");
    }
}
