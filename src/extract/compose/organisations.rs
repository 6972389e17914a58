//! Organisations the gazetteer lacks, known by the shape of their names: capitalised words
//! that end in an organisation's word ("the Nigeria Labour Congress", "the Kachin Independence
//! Organization", "Alibaba Group"). They act as themselves until `geokg link` finds them.

use super::Composer;
use crate::extract::mentions::{Member, Role};
use rustc_hash::FxHashMap;

/// Longest name looked for, in tokens.
const MAX_NAME: usize = 8;

impl Composer<'_, '_> {
    /// Finds them, and their acronyms: those spelled out here go into `acronyms`, and those
    /// spelled out earlier in the document are found again ("the NLC").
    pub fn unknown_organisations(&mut self, acronyms: &mut FxHashMap<String, Member>) {
        if !acronyms.is_empty() {
            self.known_acronyms(acronyms);
        }
        // Most sentences name no organisation's word at all.
        let heads = self
            .tokens
            .iter()
            .any(|t| t.is_capitalised() && self.cues.is("organisation-word", t));
        if !heads {
            return;
        }
        let mut at = 0;
        while at < self.tokens.len() {
            // Most words start no name: a capitalised one must.
            let opens = self.tokens[at].is_capitalised();
            let Some(end) = opens.then(|| self.organisation_name(at)).flatten() else {
                at += 1;
                continue;
            };
            // "the Nigeria Labour Congress (NLC)": the acronym after the name is part of it.
            let acronym = self.tokens.get(end).is_some_and(|t| t.text == "(")
                && self.tokens.get(end + 2).is_some_and(|t| t.text == ")")
                && self.tokens.get(end + 1).is_some_and(|t| t.is_acronym());
            let name = &self.text[self.tokens[at].start..self.tokens[end - 1].end];
            let member = Member::unknown_organisation(name);
            if acronym {
                acronyms.insert(self.tokens[end + 1].text.to_owned(), member.clone());
            }
            let span_end = if acronym { end + 3 } else { end };
            self.insert_mention(at, span_end, Role::Name, member);
            at = span_end;
        }
    }

    fn known_acronyms(&mut self, acronyms: &FxHashMap<String, Member>) {
        let found: Vec<(usize, Member)> = (0..self.tokens.len())
            .filter(|&i| !self.covered(i))
            .filter_map(|i| Some((i, acronyms.get(self.tokens[i].text)?.clone())))
            .collect();
        for (at, member) in found {
            // "the NLC also said": the article belongs to the name, as in the gazetteer's.
            let article = at > 0 && self.cues.is("article", &self.tokens[at - 1]);
            self.insert_mention(at - usize::from(article), at + 1, Role::Name, member);
        }
    }

    /// The end of an organisation's name that starts at `at`: capitalised words, joined by
    /// "of", "and" or "for", that end in an organisation's word and hold at least one word
    /// of their own. "the Supreme Court", "the National Security Council" or "the Labour
    /// Party" name a body that any state may have, not one organisation; a state's name may
    /// open the name and tells which ("the Nigeria Labour Congress").
    fn organisation_name(&self, at: usize) -> Option<usize> {
        // Mentions are in text order: those that end before `at` cover nothing here.
        let first = self.mentions.partition_point(|m| m.tok_end <= at);
        let nearby = &self.mentions[first..];
        let covering = |i: usize| nearby.iter().find(|m| m.tok_start <= i && i < m.tok_end);
        let plain_word = |i: usize| {
            self.tokens.get(i).is_some_and(|t| {
                t.is_word()
                    && t.is_capitalised()
                    && !self.is_function_word(t)
                    && !self.cues.is("title", t)
            }) && covering(i).is_none()
        };
        let mut end = at;
        // "Nigeria Labour Congress": a state's name may open it.
        if let Some(state) = covering(at).filter(|m| m.tok_start == at && m.names_states()) {
            if !matches!(state.role, Role::Name | Role::Demonym | Role::Modifier) {
                return None;
            }
            end = state.tok_end;
        }
        if end == at && (at > 0 && plain_word(at - 1) || !plain_word(at)) {
            return None;
        }
        // The name ends at its last organisation's word that has a word of its own before it;
        // a state's name is one ("the Nigeria Labour Congress", "the Iraqi Communist Party").
        let (mut head_end, mut own_word) = (None, end > at);
        while end < self.tokens.len() && end - at < MAX_NAME {
            let token = &self.tokens[end];
            if plain_word(end) {
                if self.cues.is("organisation-word", token) {
                    if own_word {
                        head_end = Some(end + 1);
                    }
                } else if !self.cues.is("generic-name-word", token) {
                    own_word = true;
                }
                end += 1;
            } else if matches!(token.lower.as_ref(), "of" | "and" | "for" | "'s" | "’s")
                && plain_word(end + 1)
                // "China Construction Bank and Bank of China": two names.
                && !(token.lower == "and" && head_end == Some(end))
            {
                end += 1;
            } else {
                break;
            }
        }
        // "the Continental Bank of Canada", "Lloyds Bank Canada": a state's name after the
        // head, or after "of", ends the name.
        let state_at = |i: usize| covering(i).filter(|m| m.tok_start == i && m.names_states());
        head_end.map(|head| {
            let of = self.tokens.get(head).is_some_and(|t| t.lower == "of");
            state_at(head + usize::from(of)).map_or(head, |state| state.tok_end)
        })
    }
}
