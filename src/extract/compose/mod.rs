//! The phrases news builds around names, composed into single mentions: titles before a
//! person, agents after a state, envoys, capitals, and demonyms used as adjectives.

use super::cues::Cues;
use super::gazetteer::Gazetteer;
use super::mentions::{Member, Mention, Role};
use super::segment::Token;
use super::time;

mod agents;
mod organisations;
mod senses;

pub(super) struct Composer<'a, 't> {
    pub text: &'a str,
    pub tokens: &'a [Token<'t>],
    pub cues: &'a Cues,
    pub gazetteer: &'a Gazetteer,
    pub mentions: Vec<Mention>,
}

impl Composer<'_, '_> {
    fn is_state_like(m: &Mention) -> bool {
        matches!(m.role, Role::Name | Role::Demonym | Role::Capital)
            && m.members.iter().all(|x| x.code.is_some())
    }

    /// A word of a closed class that starts no name and is no noun: "and", "the", "in", "said".
    fn is_function_word(&self, token: &Token<'_>) -> bool {
        self.cues.is_function_word(token)
    }

    /// Grows mention `i` to tokens `a..b`, dropping the mentions it swallows.
    fn span(&mut self, i: usize, a: usize, b: usize) -> usize {
        let (start, end) = (self.tokens[a].start, self.tokens[b - 1].end);
        let grown = Mention {
            tok_start: a,
            tok_end: b,
            start,
            end,
            text: self.text[start..end].to_owned(),
            ..self.mentions[i].clone()
        };
        self.mentions[i] = grown;
        let keep = |j: usize, m: &Mention| j == i || m.tok_end <= a || m.tok_start >= b;
        let before = self
            .mentions
            .iter()
            .take(i)
            .filter(|m| m.tok_end <= a || m.tok_start >= b)
            .count();
        let mut j = 0;
        self.mentions.retain(|m| {
            let k = keep(j, m);
            j += 1;
            k
        });
        before
    }

    fn possessive_at(&self, at: usize) -> usize {
        usize::from(
            self.tokens
                .get(at)
                .is_some_and(|t| t.lower == "'s" || t.lower == "’s"),
        )
    }

    /// Start of the state or demonym directly before token `at` ("Chinese", "China's",
    /// "Syrian Kurdish").
    fn state_before(&self, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .position(|m| Self::is_state_like(m) && self.after_qualifiers(m.tok_end) == at)
    }

    /// "the Arab Republic of Egypt", "the Kingdom of Saudi Arabia": a state's formal name is
    /// the state, not a name that holds its name.
    pub fn formal_names(&mut self) {
        for i in 0..self.mentions.len() {
            let m = &self.mentions[i];
            let is_state = m.role == Role::Name && m.names_states();
            if !is_state || m.tok_start < 2 || self.tokens[m.tok_start - 1].lower != "of" {
                continue;
            }
            let form = m.tok_start - 2;
            let formal = self.tokens[form].is_capitalised()
                && self.cues.is("state-form", &self.tokens[form]);
            // "the South Pacific island nation of Nauru", "the Gulf state of Qatar".
            let described = !self.tokens[form].is_capitalised()
                && self.cues.is("state-noun", &self.tokens[form]);
            if !formal && !described {
                continue;
            }
            // "the Islamic Republic of Iran", "the Federal Democratic Republic of Ethiopia".
            let mut first = form;
            while first > 0
                && form - first < 5
                && (self.tokens[first - 1].is_capitalised()
                    || described && self.tokens[first - 1].is_letters())
                && !self.is_function_word(&self.tokens[first - 1])
                && !self.covered(first - 1)
            {
                first -= 1;
            }
            if described {
                if first == 0 || !self.cues.is("article", &self.tokens[first - 1]) {
                    continue;
                }
                first -= 1;
            }
            let end = m.tok_end;
            self.span(i, first, end);
        }
    }

    /// "China's capital", "the capital of China" -> the capital city, acting for China.
    pub fn capitals(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            i += 1;
            if m.role != Role::Name {
                continue;
            }
            let Some(code) = m.members[0].code.clone() else {
                continue;
            };
            let Some(capital) = self.gazetteer.capital_of(&code) else {
                continue;
            };
            let after = m.tok_end + self.possessive_at(m.tok_end);
            let (a, b) = if self.possessive_at(m.tok_end) == 1
                && self.cues.match_at("capital", self.tokens, after).is_some()
            {
                (m.tok_start, after + 1)
            } else if m.tok_start >= 2
                && self.tokens[m.tok_start - 1].lower == "of"
                && self
                    .cues
                    .match_at("capital", self.tokens, m.tok_start - 2)
                    .is_some()
            {
                (m.tok_start - 2, m.tok_end)
            } else {
                continue;
            };
            let member = Member::of(self.gazetteer.entity(capital));
            let grown = self.span(i - 1, a, b);
            self.mentions[grown].role = Role::Capital;
            self.mentions[grown].members = vec![member];
            i = grown + 1;
        }
    }

    /// "southern Buenos Aires": a part of a city or of the province that shares its name, so the
    /// words name no item beyond doubt. Still a place in that state, but linked to neither.
    pub fn province_namesakes(&mut self) {
        for m in &mut self.mentions {
            let after_compass = m.tok_start > 0
                && !self.tokens[m.tok_start - 1].is_capitalised()
                && self.cues.match_at("compass", self.tokens, m.tok_start - 1) == Some(1);
            if after_compass
                && matches!(m.role, Role::City | Role::Capital)
                && self
                    .cues
                    .match_at("province-namesake", self.tokens, m.tok_start)
                    == Some(m.tok_end - m.tok_start)
            {
                for member in &mut m.members {
                    member.qid = None;
                }
            }
        }
    }

    /// Titles before a name ("Chinese President Xi Jinping", "Official representative Karoline
    /// Leavitt"): one person mention, acting for the state named before the title when the
    /// gazetteer does not know the person.
    pub fn titled_persons(&mut self) {
        let mut at = 0;
        while at < self.tokens.len() {
            let Some(len) = self.title_run(at) else {
                at += 1;
                continue;
            };
            let name_start = at + len;
            let known = self
                .mentions
                .iter()
                .position(|m| m.tok_start == name_start && m.role == Role::Person);
            let unknown_end = self.capitalised_name(name_start);
            // "President George W Bush": given names before a surname the gazetteer knows.
            let known = known.or_else(|| {
                let end = unknown_end?;
                self.mentions
                    .iter()
                    .position(|m| m.tok_start == end && m.role == Role::Person)
            });
            if known.is_none() && unknown_end.is_none() {
                at += 1;
                continue;
            }
            let state = self.state_before(at);
            let first = state.map_or(at, |s| self.mentions[s].tok_start);
            let code = state.and_then(|s| self.mentions[s].members[0].code.clone());
            // "Somalia's President Mohamed Farmaajo": a known name under another state's title
            // is a namesake of the one the gazetteer knows.
            let namesake = known.filter(|&i| {
                code.is_some() && self.mentions[i].members.iter().all(|m| m.code != code)
            });
            if let Some(i) = namesake {
                let end = self.name_run(self.mentions[i].tok_end);
                let name = &self.text[self.tokens[name_start].start..self.tokens[end - 1].end];
                self.insert_person(first, end, Member::unknown_person(name, code));
                at = name_start + 1;
                continue;
            }
            match (known, unknown_end) {
                (Some(i), _) => {
                    let end = self.mentions[i].tok_end;
                    self.span(i, first, end);
                }
                (None, Some(end)) => {
                    let name = &self.text[self.tokens[name_start].start..self.tokens[end - 1].end];
                    self.insert_person(first, end, Member::unknown_person(name, code));
                }
                (None, None) => unreachable!("checked above"),
            }
            at = name_start + 1;
        }
    }

    /// "Bahraini Prime Minister, Prince Khalifa bin Salman": a person the gazetteer does not
    /// know, in apposition after a state's office, acts for that state.
    pub fn appositions(&mut self) {
        for i in 1..self.mentions.len() {
            let (before, m) = (&self.mentions[i - 1], &self.mentions[i]);
            let uncoded_person =
                m.role == Role::Person && m.members.iter().all(|x| x.code.is_none());
            let apposed = m.tok_start == before.tok_end + 1
                && self.tokens[before.tok_end].text == ","
                && matches!(before.role, Role::Agent | Role::Person);
            let code = before.members.first().and_then(|x| x.code.clone());
            if uncoded_person && apposed && code.is_some() {
                for member in &mut self.mentions[i].members {
                    member.code.clone_from(&code);
                }
            }
        }
    }

    /// Length of the run of title words at `at` ("Prime Minister", "Foreign Minister").
    fn title_run(&self, at: usize) -> Option<usize> {
        let mut len = 0;
        while let Some(n) = self.cues.match_at("title", self.tokens, at + len) {
            len += n;
        }
        (len > 0).then_some(len)
    }

    /// Two or three capitalised words that no mention covers: a person's name.
    fn capitalised_name(&self, at: usize) -> Option<usize> {
        let end = self.name_run(at);
        (end - at >= 2).then_some(end)
    }

    /// Whether a mention covers token `i`.
    fn covered(&self, i: usize) -> bool {
        self.mentions
            .iter()
            .any(|m| m.tok_start <= i && i < m.tok_end)
    }

    /// The end of the capitalised words from `at` that no mention covers, as a name runs.
    fn name_run(&self, at: usize) -> usize {
        let mut end = at;
        while end < self.tokens.len()
            && end - at < 6
            && self.tokens[end].is_capitalised()
            && self.tokens[end].is_word()
            && !self.covered(end)
        {
            end += 1;
            // "Kim Jong-un", "Jean-Noël": a hyphen inside a name keeps it going.
            if self.tokens.get(end).is_some_and(|t| t.text == "-")
                && self.tokens.get(end + 1).is_some_and(Token::is_word)
            {
                end += 2;
            }
            // "Khalifa bin Salman", "Ursula von der Leyen": so do particles before a name.
            let particles = self.tokens[end.min(self.tokens.len())..]
                .iter()
                .take_while(|t| self.cues.is("name-particle", t))
                .count();
            if particles > 0
                && self
                    .tokens
                    .get(end + particles)
                    .is_some_and(|t| t.is_word() && t.is_capitalised())
            {
                end += particles;
            }
        }
        end
    }

    fn insert_person(&mut self, a: usize, b: usize, member: Member) {
        self.insert_mention(a, b, Role::Person, member);
    }

    /// A mention over tokens `a..b`, in place of those it covers.
    fn insert_mention(&mut self, a: usize, b: usize, role: Role, member: Member) {
        let (start, end) = (self.tokens[a].start, self.tokens[b - 1].end);
        self.mentions.retain(|m| m.tok_end <= a || m.tok_start >= b);
        let at = self.mentions.partition_point(|m| m.tok_start < a);
        self.mentions.insert(
            at,
            Mention {
                tok_start: a,
                tok_end: b,
                start,
                end,
                text: self.text[start..end].to_owned(),
                role,
                members: vec![member],
            },
        );
    }

    /// "US Ambassador to Japan" codes to the US; a name in apposition after it is the envoy.
    pub fn envoys(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let m = &self.mentions[i];
            let after = m.tok_end + self.possessive_at(m.tok_end);
            let envoy = Self::is_state_like(m)
                .then(|| self.cues.match_at("envoy", self.tokens, after))
                .flatten();
            let Some(len) = envoy else {
                i += 1;
                continue;
            };
            let mut end = after + len;
            if self.tokens.get(end).is_some_and(|t| t.lower == "to") {
                if let Some(host) = self.mentions.iter().find(|h| h.tok_start == end + 1) {
                    end = host.tok_end;
                }
            }
            let code = m.members[0].code.clone();
            let start = m.tok_start;
            let comma = self.tokens.get(end).is_some_and(|t| t.text == ",");
            let appositive = comma.then(|| self.capitalised_name(end + 1)).flatten();
            match appositive {
                Some(name_end) => {
                    let name =
                        &self.text[self.tokens[end + 1].start..self.tokens[name_end - 1].end];
                    let person = Member::unknown_person(name, code);
                    self.insert_person(start, name_end, person);
                }
                None => i = self.grow_into_agent(i, start, end),
            }
            i += 1;
        }
    }

    /// A demonym or capital followed by a noun is an adjective: "British imperialists",
    /// "Chinese goods", "the Lisbon targets". What follows an actor is instead a verb, an
    /// auxiliary, a preposition, punctuation, or an event word ("a Chinese attack").
    pub fn modifiers(&mut self, opens_event: &dyn Fn(&[Token<'_>], usize) -> bool) {
        for i in 0..self.mentions.len() {
            let m = &self.mentions[i];
            // "Putin critic Garry Kasparov": the person is named for whom the other opposes.
            if m.role == Role::Person
                && self
                    .cues
                    .match_at("opponent", self.tokens, m.tok_end)
                    .is_some()
            {
                self.mentions[i].role = Role::Describing;
                continue;
            }
            let plural_people = m.role == Role::Demonym && m.text.ends_with('s');
            // A city is no actor and modifies nothing, but it may be inside a longer name
            // ("the New York Stock Exchange").
            let kinds = matches!(
                m.role,
                Role::Demonym | Role::Capital | Role::Name | Role::City
            );
            if !kinds || plural_people {
                continue;
            }
            let Some(next) = self.tokens.get(m.tok_end) else {
                continue;
            };
            let at = m.tok_end;
            let word = next.lower.as_ref();
            let after_determiner = m.tok_start > 0
                && self
                    .cues
                    .match_at("determiner", self.tokens, m.tok_start - 1)
                    == Some(1);
            let function_word = self.is_function_word(next);
            // "the U.K. Last December", "the U.S. And Japan": wire copy capitalises after an
            // abbreviation's period, and a time or a function word starts no name.
            let opens_a_time = time::is_date_word(word)
                || self
                    .cues
                    .match_at("time-after-place", self.tokens, at)
                    .is_some();
            let starts_a_name = next.is_word()
                && next.is_capitalised()
                && !function_word
                && !opens_a_time
                && !self.cues.is("people-adjective", next);
            // "UK bank Barclays", "Russian oil firm Yukos": the name describes a company. The
            // words between are nouns, not a verb and its object ("Iran continued its Karbala
            // operation").
            let plain_noun = |k: usize| {
                let t = &self.tokens[k];
                t.is_word()
                    && !t.is_capitalised()
                    && !t.lower.ends_with("ed")
                    && !opens_event(self.tokens, k)
                    && !self.is_function_word(t)
            };
            let names_something_else = (1..=2).any(|n| {
                let named = self.tokens.get(at + n);
                at + n <= self.tokens.len()
                    && (at..at + n).all(plain_noun)
                    && named.is_some_and(|t| t.is_word() && t.is_capitalised())
                    && !self.mentions.iter().any(|o| o.tok_start == at + n)
            });
            // "the Bank of France", "the Paris Club", "Investment Canada": a name inside the
            // name of something else. "the Government of Turkey" still acts for Turkey, and
            // "Montedison SpA of Italy" says where a company is.
            let inside_a_name = {
                let before = m.tok_start.checked_sub(1).map(|b| &self.tokens[b]);
                let of_a_name = before.is_some_and(|t| t.lower == "of")
                    && m.tok_start >= 2
                    && self.tokens[m.tok_start - 2].is_capitalised()
                    && ["agent", "title", "company-suffix"]
                        .iter()
                        .all(|class| !self.cues.is(class, &self.tokens[m.tok_start - 2]))
                    && self.mentions.iter().all(|o| o.tok_end != m.tok_start - 1);
                // "West Germany", "West-Germany", "South Ossetia": a compass word makes
                // another place.
                let hyphen = before.is_some_and(|t| t.text == "-" && t.end == m.start);
                let compass_at = m.tok_start.checked_sub(1 + usize::from(hyphen));
                let after_compass = compass_at.is_some_and(|c| {
                    self.tokens[c].is_capitalised()
                        && self.cues.match_at("compass", self.tokens, c) == Some(1)
                        && (!hyphen || self.tokens[c].end == self.tokens[c + 1].start)
                });
                let after_a_name = m.tok_start >= 2
                    && before.is_some_and(|t| {
                        t.is_word()
                            && t.is_capitalised()
                            && !self.is_function_word(t)
                            && !self.cues.is("people-adjective", t)
                            && self
                                .cues
                                .match_at("title", self.tokens, m.tok_start - 1)
                                .is_none()
                            && self
                                .cues
                                .match_at("agent", self.tokens, m.tok_start - 1)
                                .is_none()
                    })
                    && !self.tokens[m.tok_start - 2].is_clause_punct()
                    && self.mentions.iter().all(|o| o.tok_end != m.tok_start);
                // "Air France said": at a sentence's start capitals say nothing, but some words
                // only ever begin a name with a state's.
                let after_a_name_head = (1..=2).any(|n| {
                    m.tok_start >= n
                        && self.tokens[m.tok_start - n].is_capitalised()
                        && self
                            .cues
                            .match_at("name-head", self.tokens, m.tok_start - n)
                            == Some(n)
                });
                let before_a_name =
                    starts_a_name && !self.mentions.iter().any(|o| o.tok_start == at);
                // "Buenos Aires province", "the Moscow region".
                let before_subdivision = matches!(m.role, Role::City | Role::Capital)
                    && self.cues.match_at("subdivision", self.tokens, at).is_some();
                of_a_name
                    || after_a_name
                    || after_a_name_head
                    || after_compass
                    || before_a_name
                    || before_subdivision
            };
            if inside_a_name {
                self.mentions[i].role = Role::InsideName;
                continue;
            }
            if m.role == Role::City {
                continue;
            }
            if names_something_else && m.role != Role::Capital {
                self.mentions[i].role = Role::Modifier;
                continue;
            }
            // "Iranian-backed militias", "a US-led coalition": what the state did to something
            // that is not its own.
            let compound_adjective = next.text == "-"
                && next.start == self.tokens[m.tok_end - 1].end
                && self.tokens.get(at + 1).is_some_and(|t| t.start == next.end)
                && self.cues.match_at("done-by", self.tokens, at + 1) == Some(1);
            if compound_adjective {
                self.mentions[i].role = Role::Describing;
                continue;
            }
            if m.role == Role::Name {
                // A state's name inside a longer proper name ("the U.S. Chamber of Commerce")
                // or before a noun ("the US dollar", "a UK bank") names something else.
                let in_proper_name = starts_a_name;
                // "unwilling to meet US accounting standards": what is met or broken is a rule.
                let before_rule = self.cues.is("rule-noun", next)
                    || self
                        .tokens
                        .get(at + 1)
                        .is_some_and(|t| self.cues.is("rule-noun", t));
                let before_noun = (after_determiner || before_rule)
                    && next.is_letters()
                    && !word.ends_with("ed")
                    && !function_word
                    && !opens_a_time
                    && !opens_event(self.tokens, at);
                if in_proper_name {
                    self.mentions[i].role = Role::InsideName;
                } else if before_noun {
                    self.mentions[i].role = Role::Modifier;
                }
                continue;
            }
            // "Beijing warns", "Moscow denied", "Tehran still rejects": a capital's verb.
            let verb_at = (at..self.tokens.len())
                .find(|&k| !self.cues.is_adverb(&self.tokens[k]))
                .unwrap_or(at);
            let verb = self.tokens[verb_at].lower.as_ref();
            let verb_after_capital = m.role == Role::Capital
                && (verb.ends_with('s')
                    || verb.ends_with("ed")
                    || verb_at > at && self.is_function_word(&self.tokens[verb_at]));
            // "the Lisbon targets": a capital after an article modifies what follows it.
            // "left Tokyo today", "in London last month": a time after the place.
            let acts = !next.is_letters()
                || self.possessive_at(at) == 1
                || verb_after_capital && !after_determiner
                || function_word
                || opens_a_time
                || opens_event(self.tokens, at);
            if !acts {
                self.mentions[i].role = Role::Modifier;
            }
        }
        // "the Paris, Amsterdam and Lisbon stock exchanges", "the Tokyo and London Stock
        // Exchanges": a list shares its last member's use.
        for i in (1..self.mentions.len()).rev() {
            let (before, after) = self.mentions.split_at_mut(i);
            let (prev, m) = (&mut before[i - 1], &after[0]);
            let joined = m.tok_start == prev.tok_end + 1
                && matches!(self.tokens[prev.tok_end].lower.as_ref(), "and" | "," | "&");
            if joined
                && matches!(m.role, Role::Modifier | Role::InsideName)
                && matches!(
                    prev.role,
                    Role::Demonym | Role::Capital | Role::Name | Role::City
                )
            {
                prev.role = m.role;
            }
        }
    }
}
