//! Time expressions ("in April", "later next year", "on Monday", "in 2026") and their
//! resolution against the document's date.

use super::segment::Token;
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeExpr {
    Year(i32),
    Month {
        month: u32,
        year: Option<i32>,
    },
    /// Years from the document's: next year = 1.
    RelativeYear(i32),
    RelativeMonth(i32),
    RelativeDay(i64),
    Weekday(u32),
    /// "in the fall": the season nearest the document date, as its year.
    Season,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month and weekday names: "in Beijing Monday" names no "Beijing Monday".
pub fn is_date_word(lower: &str) -> bool {
    MONTHS.contains(&lower) || WEEKDAYS.contains(&lower)
}

/// Time expressions of a sentence with the token where each starts.
pub fn find(tokens: &[Token<'_>]) -> Vec<(usize, TimeExpr)> {
    let word = |i: usize| tokens.get(i).map(|t| t.lower.as_ref()).unwrap_or("");
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let w = token.lower.as_ref();
        let expr = if let Some(m) = MONTHS.iter().position(|m| *m == w) {
            // "may" is a modal verb unless capitalised and in a date position.
            if w == "may"
                && !(tokens[i].is_capitalised()
                    && matches!(
                        word(i.wrapping_sub(1)),
                        "in" | "of" | "since" | "until" | "by" | "early" | "late" | "mid"
                    ))
            {
                continue;
            }
            let year = word(i + 1)
                .parse::<i32>()
                .ok()
                .filter(|y| (1900..2200).contains(y));
            Some(TimeExpr::Month {
                month: m as u32 + 1,
                year,
            })
        } else if let Some(d) = WEEKDAYS.iter().position(|d| *d == w) {
            Some(TimeExpr::Weekday(d as u32))
        } else if let Ok(year) = w.parse::<i32>() {
            let after_in = matches!(
                word(i.wrapping_sub(1)),
                "in" | "since" | "until" | "by" | "of" | "early" | "late" | "mid"
            );
            let month_before = MONTHS.contains(&word(i.wrapping_sub(1)));
            ((1900..2200).contains(&year) && after_in && !month_before)
                .then_some(TimeExpr::Year(year))
        } else {
            match (w, word(i + 1)) {
                ("next" | "last" | "this", "year" | "month" | "week") => {
                    let n = match w {
                        "next" => 1,
                        "last" => -1,
                        _ => 0,
                    };
                    Some(match word(i + 1) {
                        "year" => TimeExpr::RelativeYear(n),
                        "month" => TimeExpr::RelativeMonth(n),
                        _ => TimeExpr::RelativeDay(7 * i64::from(n)),
                    })
                }
                ("yesterday", _) => Some(TimeExpr::RelativeDay(-1)),
                ("today", _) => Some(TimeExpr::RelativeDay(0)),
                ("tomorrow", _) => Some(TimeExpr::RelativeDay(1)),
                ("fall" | "autumn" | "spring" | "summer" | "winter", _)
                    if word(i.wrapping_sub(1)) == "the" =>
                {
                    Some(TimeExpr::Season)
                }
                _ => None,
            }
        };
        if let Some(expr) = expr {
            found.push((i, expr));
        }
    }
    found
}

/// Resolves an expression against the document date; `future` when the event is planned.
/// Returns ISO 8601 (`2026-04`, `2026`, `2025-11-20`); only absolute years without a date.
pub fn resolve(expr: TimeExpr, anchor: Option<NaiveDate>, future: bool) -> Option<String> {
    if let (TimeExpr::Year(year), None) = (expr, anchor) {
        return Some(format!("{year:04}"));
    }
    if let (
        TimeExpr::Month {
            month,
            year: Some(year),
        },
        None,
    ) = (expr, anchor)
    {
        return Some(format!("{year:04}-{month:02}"));
    }
    let anchor = anchor?;
    let text = match expr {
        TimeExpr::Year(year) => format!("{year:04}"),
        TimeExpr::Month { month, year } => {
            let year = year.unwrap_or_else(|| {
                let this = anchor.year();
                match (future, month.cmp(&anchor.month())) {
                    (true, std::cmp::Ordering::Less) => this + 1,
                    (false, std::cmp::Ordering::Greater) => this - 1,
                    _ => this,
                }
            });
            format!("{year:04}-{month:02}")
        }
        TimeExpr::RelativeYear(n) => format!("{:04}", anchor.year() + n),
        TimeExpr::RelativeMonth(n) => {
            let months = anchor.year() * 12 + anchor.month0() as i32 + n;
            format!(
                "{:04}-{:02}",
                months.div_euclid(12),
                months.rem_euclid(12) + 1
            )
        }
        TimeExpr::RelativeDay(n) => (anchor + Duration::days(n)).format("%Y-%m-%d").to_string(),
        TimeExpr::Weekday(day) => {
            let today = anchor.weekday().num_days_from_monday() as i64;
            let delta = if future {
                (day as i64 - today).rem_euclid(7)
            } else {
                -(today - day as i64).rem_euclid(7)
            };
            (anchor + Duration::days(delta))
                .format("%Y-%m-%d")
                .to_string()
        }
        TimeExpr::Season => format!("{:04}", anchor.year()),
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::tokens;

    fn first(text: &str) -> TimeExpr {
        find(&tokens(text, 0, text.len()))[0].1
    }

    #[test]
    fn months_resolve_forward_for_plans_and_back_for_facts() {
        let anchor = NaiveDate::from_ymd_opt(2025, 11, 26);
        let april = first("he plans to go in the month of April");
        assert_eq!(resolve(april, anchor, true).as_deref(), Some("2026-04"));
        assert_eq!(resolve(april, anchor, false).as_deref(), Some("2025-04"));
        assert_eq!(resolve(april, None, true), None);
    }

    #[test]
    fn relative_expressions() {
        let anchor = NaiveDate::from_ymd_opt(2025, 11, 26); // a Wednesday
        assert_eq!(
            resolve(first("later next year"), anchor, true).as_deref(),
            Some("2026")
        );
        assert_eq!(
            resolve(first("met on Monday"), anchor, false).as_deref(),
            Some("2025-11-24")
        );
        assert_eq!(
            resolve(first("will meet on Monday"), anchor, true).as_deref(),
            Some("2025-12-01")
        );
        assert_eq!(
            resolve(first("in 2024"), None, false).as_deref(),
            Some("2024")
        );
    }

    #[test]
    fn may_the_modal_is_not_a_month() {
        let text = "China may respond";
        assert!(find(&tokens(text, 0, text.len())).is_empty());
    }
}
