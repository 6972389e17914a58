//! Agents: what a state acts through ("Japan's forces", "the Chinese government", "the
//! government of Iraq", "the Canadian International Development Agency").

use super::Composer;
use crate::extract::mentions::{Member, Mention, Role};
use crate::extract::segment::Token;

impl Composer<'_, '_> {
    /// Where the words that qualify a state's people end: its possessive, then an ethnic or
    /// religious adjective ("Iraqi Kurdish forces", "Sri Lankan Tamil rebels").
    pub(super) fn after_qualifiers(&self, at: usize) -> usize {
        let mut end = at + self.possessive_at(at);
        while end < self.tokens.len() && self.cues.is("people-adjective", &self.tokens[end]) {
            end += 1;
        }
        end
    }

    /// Where an agent named before "of" and the state starts: "the government of Iraq", "the
    /// Ministry of Health of Ethiopia". A territory ("a province of Greece") is no agent: it
    /// names the state itself. Authorities placed "in" a state or city are its own ("a court
    /// in Istanbul", "authorities in Pakistan"); forces are not ("US forces in Syria").
    fn agent_of(&self, m: &Mention) -> Option<usize> {
        if m.tok_start < 2 {
            return None;
        }
        let of = m.tok_start - 1;
        let class = match self.tokens[of].lower.as_ref() {
            "of" if m.role != Role::City => "agent",
            "in" => "agent-in-place",
            _ => return None,
        };
        // "Sri Lankan military officials in Colombo": officials already someone's. A sector's
        // own word may be the agent ("Police in Paris").
        let unnamed = |at: usize| {
            !self.mentions.iter().any(|o| {
                o.tok_start < of && o.tok_end >= at && !(o.is_sector() && o.tok_start >= at)
            })
        };
        (2..=6)
            .filter(|&back| m.tok_start >= back)
            .map(|back| m.tok_start - back)
            .find(|&at| {
                let Some(len) = self.cues.match_at(class, self.tokens, at) else {
                    return false;
                };
                let names_its_portfolio = match &self.tokens[(at + len).min(of)..of] {
                    [] => true,
                    [of, words @ ..] => {
                        class == "agent"
                            && of.lower == "of"
                            && (1..=2).contains(&words.len())
                            && words.iter().all(Token::is_capitalised)
                    }
                };
                at + len < m.tok_start
                    && names_its_portfolio
                    && unnamed(at)
                    && self.cues.match_at("territory", self.tokens, at).is_none()
            })
    }

    /// Grows mention `i` over tokens `a..b` into an agent of the state it names.
    pub(super) fn grow_into_agent(&mut self, i: usize, a: usize, b: usize) -> usize {
        let code = self.mentions[i].members[0].code.clone();
        let state = self
            .gazetteer
            .by_code(code.as_deref().unwrap_or_default())
            .map(Member::of);
        let grown = self.span(i, a, b);
        self.mentions[grown].role = Role::Agent;
        if let Some(state) = state {
            self.mentions[grown].members = vec![state];
        }
        grown
    }

    /// "Japan's forces", "the Chinese government", "Beijing's press outlet": the state acting.
    pub fn agents(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            i += 1;
            // "a court in Istanbul": a city places authorities, but acts for nobody itself.
            let city = m.role == Role::City && m.members.iter().all(|x| x.code.is_some());
            if !Self::is_state_like(m) && !city {
                continue;
            }
            if let Some(agent_start) = self.agent_of(m) {
                let mut start = agent_start;
                if start > 0 && self.cues.is("article", &self.tokens[start - 1]) {
                    start -= 1;
                }
                let end = m.tok_end;
                i = self.grow_into_agent(i - 1, start, end) + 1;
                continue;
            }
            if city {
                continue;
            }
            let after = self.after_qualifiers(m.tok_end);
            // "Armenian police", "Taliban attackers": a sector after a state is its agent.
            let sector = || {
                self.mentions
                    .iter()
                    .find(|o| o.tok_start == after && o.is_sector())
                    .map(|o| o.tok_end - after)
            };
            // "the Palestinian people", "Afghan children": after a demonym even the words that
            // are a sector only after a count are the state's people.
            let people = || {
                (m.role == Role::Demonym && self.cues.is("counted", self.tokens.get(after)?))
                    .then_some(1)
            };
            let Some(len) = self
                .cues
                .match_at("agent", self.tokens, after)
                .or_else(sector)
                .or_else(people)
                .or_else(|| self.named_institution(after))
            else {
                continue;
            };
            // "the U.S. National Transportation Safety Board": a longer proper name.
            let agent_words = &self.tokens[after..after + len];
            let next = self.tokens.get(after + len);
            if agent_words.iter().all(Token::is_capitalised)
                && next.is_some_and(|t| t.is_word() && t.is_capitalised())
            {
                continue;
            }
            let start = m.tok_start;
            i = self.grow_into_agent(i - 1, start, after + len) + 1;
        }
    }

    /// "the Canadian International Development Agency", "the U.S. Fish and Wildlife Service":
    /// a capitalised name after a state's that ends in an institution's word is its agent.
    /// Its length in tokens.
    fn named_institution(&self, at: usize) -> Option<usize> {
        let mut end = at;
        let mut head_end = None;
        while end < self.tokens.len() && end - at < 6 {
            let token = &self.tokens[end];
            if self.covered(end) {
                break;
            }
            if token.is_word() && token.is_capitalised() && !self.is_function_word(token) {
                end += 1;
                if self.cues.is("institution", token) {
                    head_end = Some(end);
                }
            } else if end > at
                && matches!(token.lower.as_ref(), "and" | "of" | "for")
                && self.tokens.get(end + 1).is_some_and(Token::is_capitalised)
            {
                end += 1;
            } else {
                break;
            }
        }
        head_end.filter(|&head| head == end).map(|head| head - at)
    }
}
