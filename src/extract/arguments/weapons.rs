//! Who is behind an attack that is itself the subject: "A Russian missile strike killed 10
//! civilians", "Missiles fired by the Israeli military struck a depot", "a car bombing by the
//! Islamic State group killed 75 people". The attack names no actor as its subject, so the
//! actor is the attack's own: its demonym or possessor, or the agent after "by".

use super::Sentence;

impl Sentence<'_, '_> {
    /// The actor behind an attack noun that is the subject of the verb at `verb`.
    pub(super) fn attacker(&self, verb: usize) -> Vec<usize> {
        let start = self.clause_start(verb, true);
        // The attack noun nearest the verb: "A Russian missile strike" is a strike.
        let Some((noun, noun_end)) = (start..verb).rev().find_map(|i| {
            let len = self.cues.match_at("attack-noun", &self.tokens[..verb], i)?;
            Some((i, i + len))
        }) else {
            return Vec::new();
        };
        let mut rest = noun_end;
        // "Missiles fired by", "an attack carried out by".
        while rest < verb
            && (self.tokens[rest].lower.ends_with("ed") || self.tokens[rest].lower == "out")
        {
            rest += 1;
        }
        if rest < verb && self.tokens[rest].lower == "by" {
            let agent = self
                .mentions
                .0
                .iter()
                .position(|m| m.tok_start == rest + 1 || m.tok_start == rest + 2)
                .filter(|&i| {
                    let m = &self.mentions.0[i];
                    m.is_actor() && self.leads_to_verb(m.tok_end, verb)
                });
            return agent.map(|i| vec![i]).unwrap_or_default();
        }
        if !self.leads_to_verb(noun_end, verb) {
            return Vec::new();
        }
        self.possessor(noun)
    }

    /// Whether only auxiliaries and one plain word ("group") stand between `from` and the
    /// verb: "[the Islamic State] group killed", "[strike] has killed".
    fn leads_to_verb(&self, from: usize, verb: usize) -> bool {
        let between = &self.tokens[from.min(verb)..verb];
        let plain = between
            .iter()
            .filter(|t| !self.cues.is("auxiliary", t))
            .collect::<Vec<_>>();
        match plain[..] {
            [] => true,
            [word] => word.is_word() && !word.is_capitalised() && !self.is_preposition(word),
            _ => false,
        }
    }
}
