//! Who receives: the recipient of a transfer ("provided $400 million in aid to Indonesia") and
//! of aid whose phrase names none as an actor ("sent aid to the people of Laos").

use super::Sentence;
use crate::extract::segment::Token;

/// How far after a transfer verb its recipient may stand, past what is given: further for
/// aid, whose description runs long ("a shipment of 250 state-of-the-art ventilators and
/// other critical care equipment to Ethiopia"), than for anything else given.
const RECIPIENT_REACH: usize = 24;
const ANYTHING_RECIPIENT_REACH: usize = 16;

/// The cue class of a purpose that makes what is sent help ("to help", "to support"); a
/// transfer phrase flagged `needs:help-purpose` goes to whom it helps.
pub(super) const HELP_PURPOSE: &str = "help-purpose";

impl Sentence<'_, '_> {
    /// The recipient of a transfer ("provided $400 million in aid to Indonesia", "gave Kyiv
    /// air defences", "handed over supplies to the Nigerian government"), only when what is
    /// given is aid: "provided details to reporters" is no AID event.
    /// With `anything`, what is given need not be aid but must stand between the verb and
    /// "to": "returned 12 skulls to Peru", not "returned to Brazil".
    pub(super) fn recipient(&self, at: usize, anything: bool) -> Vec<usize> {
        let reach = if anything {
            ANYTHING_RECIPIENT_REACH
        } else {
            RECIPIENT_REACH
        };
        let end = self.clause_end(at, false).min(at + reach);
        if !anything && !self.tokens[at..end].iter().any(|t| self.is_aid(t)) {
            return Vec::new();
        }
        // "provided Ethiopia with ventilators", "provided the Lebanese Armed Forces (LAF) with
        // aircraft"; but "sent troops" names what is sent.
        let given = |m: usize| {
            let with_follows = self
                .tokens
                .get(self.mentions.0[m].tok_end)
                .is_some_and(|t| matches!(t.lower.as_ref(), "with" | "("));
            self.is_armed(m) && !with_follows
        };
        let mut direct = self.object(at, 1, false);
        direct.retain(|&m| !given(m));
        if !direct.is_empty() && !anything {
            return direct;
        }
        if anything {
            // "release her tax returns to prove that she's not beholden to Putin": what is
            // given goes to the first "to", or to nobody the sentence names.
            let first_to =
                (at + 1..end).find(|&i| matches!(self.tokens[i].lower.as_ref(), "to" | "for"));
            return first_to.map_or_else(Vec::new, |to| self.named_recipient(to, to + 1));
        }
        self.named_recipient(at, end)
    }

    /// "sent troops to Ukraine to help the separatists": whom what is sent somewhere helps,
    /// when the sentence names them.
    pub(super) fn helped(&self, at: usize) -> Vec<usize> {
        let end = self.clause_end(at, false).min(at + RECIPIENT_REACH);
        (at..end)
            .find_map(|i| {
                let len = self.cues.match_at(HELP_PURPOSE, self.tokens, i)?;
                Some(self.object(i + len, 1, false))
            })
            .unwrap_or_default()
    }

    /// A transfer told in the passive: "a sarcophagus was returned to Egypt by ICE", "$5
    /// million was given to Haiti by Japan". The giver follows "by", the recipient "to"; what
    /// is given is the subject, which must be aid unless the phrase gives anything.
    pub(super) fn passive_transfer(
        &self,
        start: usize,
        end: usize,
        anything: bool,
    ) -> (Vec<usize>, Vec<usize>) {
        let given = &self.tokens[self.clause_start(start, false)..start];
        if !anything && !given.iter().any(|t| self.is_aid(t)) {
            return Default::default();
        }
        let reach = self
            .clause_end(end, false)
            .min(end + ANYTHING_RECIPIENT_REACH);
        let giver = self.by_agent(end);
        let recipient = self.named_recipient(end, reach);
        if giver.is_empty() || recipient.is_empty() {
            return Default::default();
        }
        (giver, recipient)
    }

    /// What aid is given as: "aid", "ventilators", "$2 million".
    fn is_aid(&self, token: &Token<'_>) -> bool {
        self.cues.is("aid-theme", token) || token.text.starts_with(['$', '€', '£', '¥'])
    }

    /// The recipient after "to" or "for" in `tokens[from..end]`: "to Haiti", "for Yemen", "to
    /// help Haiti", "to people in Somalia".
    fn named_recipient(&self, from: usize, end: usize) -> Vec<usize> {
        (from..end)
            .filter(|&i| matches!(self.tokens[i].lower.as_ref(), "to" | "for"))
            // "send up to 30,000 troops": a count, not a recipient.
            .filter(|&i| i == 0 || self.tokens[i - 1].lower != "up")
            .map(|i| {
                let helping = self
                    .tokens
                    .get(i + 1)
                    .is_some_and(|t| self.cues.is("aid-verb", t));
                let object = i + 1 + usize::from(helping);
                // "to 20,000 families in northern Pakistan": a state's people, as CAMEO codes
                // them, even when a sector names them.
                let people = self.people_of(object);
                if !people.is_empty() {
                    return people;
                }
                // "delivered aid to Gaza": a place stands for its state.
                let found = self.object(object, 1, true);
                if !found.is_empty() {
                    return found;
                }
                self.named_place_in_state(object)
            })
            .find(|found| !found.is_empty())
            .unwrap_or_else(|| self.aid_spent_in(from, end))
    }

    /// "provided $340 million for assistance in northern Iraq", "gave 50 million euros to
    /// promote development in Ethiopia": aid spent in a state goes to it, as CAMEO codes it.
    /// Only when "in" follows what is given, what it is for or whom it helps ("refugees in
    /// Syria"), so that "pledged aid at a conference in Brussels" names no recipient.
    fn aid_spent_in(&self, from: usize, end: usize) -> Vec<usize> {
        (from.max(1)..end)
            .filter(|&i| self.tokens[i].lower == "in")
            .filter(|&i| {
                let before = &self.tokens[i - 1];
                ["aid-theme", "aid-purpose", "civilians"]
                    .iter()
                    .any(|class| self.cues.is(class, before))
            })
            .map(|i| self.state_after(i + 1))
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    /// Aid whose phrase names no recipient as an actor: "sent aid to the people of Laos",
    /// "pledged 50 million euros in aid for flood victims across Pakistan".
    /// So do those the phrase ends on: "accepted 1,141 Iraqi refugees".
    pub(super) fn aid_recipient(&self, at: usize) -> Vec<usize> {
        let phrase_ends_on_actor = at
            .checked_sub(1)
            .and_then(|last| self.mentions.covering(last))
            .filter(|&i| self.mentions.0[i].tok_end == at && self.mentions.0[i].is_actor());
        if let Some(i) = phrase_ends_on_actor {
            return vec![i];
        }
        let people = self.people_of(at);
        if !people.is_empty() {
            return people;
        }
        let end = self.clause_end(at, false).min(at + RECIPIENT_REACH);
        self.named_recipient(at, end)
    }
}
