//! Names of places and states used for something else: a team, a code name, a person.

use super::Composer;
use crate::extract::mentions::{Mention, Role};
use crate::extract::segment::Token;
use crate::model::EntityKind;

impl Composer<'_, '_> {
    /// A place's or state's name that names something else in its sentence: a team in a
    /// sentence about sport ("strikers playing in Munich"), a code name ("Cairo was the code
    /// name for a project"), a person beside a bare first name ("Paris and Kim are both
    /// wealthy"). It names neither the place nor an actor.
    pub fn other_senses(&mut self) {
        let place_or_state = |m: &Mention| {
            matches!(m.role, Role::City | Role::Capital | Role::Name)
                && m.members
                    .iter()
                    .all(|x| matches!(x.kind, EntityKind::Place | EntityKind::State))
        };
        if !self.mentions.iter().any(place_or_state) {
            return;
        }
        let about_sport =
            (0..self.tokens.len()).any(|at| self.cues.match_at("sport", self.tokens, at).is_some());
        for i in 0..self.mentions.len() {
            let m = &self.mentions[i];
            if !place_or_state(m) {
                continue;
            }
            let city = matches!(m.role, Role::City | Role::Capital);
            if about_sport || self.code_named(m) || (city && self.beside_first_name(m)) {
                self.mentions[i].role = Role::OtherSense;
            }
        }
    }

    /// "a project code-named Cairo", "Cairo was the code name for".
    fn code_named(&self, m: &Mention) -> bool {
        (1..=3).any(|n| {
            m.tok_start >= n
                && self
                    .cues
                    .match_at("code-name-before", self.tokens, m.tok_start - n)
                    == Some(n)
        }) || self
            .cues
            .match_at("code-name-after", self.tokens, m.tok_end)
            .is_some()
    }

    /// "Paris and Kim", "David and Victoria": the name coordinated with a first name that no
    /// surname follows.
    fn beside_first_name(&self, m: &Mention) -> bool {
        let coordinates = |at: usize| {
            self.tokens
                .get(at)
                .is_some_and(|t| matches!(t.text, "and" | "," | "&"))
        };
        let bare_first_name = |at: usize| {
            self.tokens
                .get(at)
                .is_some_and(|t| t.is_capitalised() && self.cues.is("given-name", t))
                && !self.tokens.get(at + 1).is_some_and(Token::is_capitalised)
                && !self
                    .mentions
                    .iter()
                    .any(|o| (o.tok_start..o.tok_end).contains(&at))
        };
        (coordinates(m.tok_end) && bare_first_name(m.tok_end + 1))
            || (m.tok_start >= 2
                && coordinates(m.tok_start - 1)
                && bare_first_name(m.tok_start - 2))
    }
}
