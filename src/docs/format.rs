//! Fixed formatting of numbers, durations and anchors, shared by every
//! document so that the same value always reads the same.

use super::{Lang, Msg};

/// Formats a share of 0–1 as a percentage with at most one decimal:
/// `42%`, `42.5%`.
pub fn percent(share: f64) -> String {
    format!("{}%", decimals(share * 100.0, 1))
}

/// Formats a count per case with at most two decimals: `1`, `0.4`, `1.18`.
pub fn count(value: f64) -> String {
    decimals(value, 2)
}

/// Formats minutes in the largest unit that keeps the number at 1 or
/// more, with at most one decimal: `30 min`, `2 h`, `1.5 d`. A day is 24
/// hours, as in the language's durations.
pub fn minutes(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    let (amount, unit) = if value >= 24.0 * 60.0 {
        (value / (24.0 * 60.0), Msg::Days)
    } else if value >= 60.0 {
        (value / 60.0, Msg::Hours)
    } else {
        (value, Msg::Minutes)
    };
    format!("{} {}", decimals(amount, 1), unit.text(lang))
}

/// Rounds to `places` decimals and drops trailing zeros, so that `2.50`
/// reads `2.5` and `3.0` reads `3`. Infinity reads `∞`.
pub fn decimals(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    let text = format!("{value:.places$}");
    let trimmed = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if trimmed == "-0" { "0".to_string() } else { trimmed.to_string() }
}

/// Returns the anchor of a step's row in its process description.
///
/// Anchors may contain only ASCII letters, digits and hyphens, but step
/// ids may be Chinese. Lower-case letters and digits are kept, and every
/// other character becomes `-HEX-`, its code point in lower-case
/// hexadecimal between hyphens. A hyphen so always opens or closes a code
/// point, which keeps two different ids from sharing an anchor.
pub fn step_anchor(step: &str) -> String {
    let mut anchor = String::from("step-");
    for character in step.chars() {
        if character.is_ascii_lowercase() || character.is_ascii_digit() {
            anchor.push(character);
        } else {
            anchor.push_str(&format!("-{:x}-", u32::from(character)));
        }
    }
    anchor
}

/// Returns the anchor of a key node's row in its process description.
pub fn key_anchor(number: usize) -> String {
    format!("key-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_keeps_one_decimal() {
        assert_eq!(percent(0.42), "42%");
        assert_eq!(percent(0.425), "42.5%");
        assert_eq!(percent(1.0 / 3.0), "33.3%");
    }

    #[test]
    fn minutes_choose_unit() {
        assert_eq!(minutes(30.0, Lang::En), "30 min");
        assert_eq!(minutes(120.0, Lang::En), "2 h");
        assert_eq!(minutes(90.0, Lang::Zh), "1.5 小时");
        assert_eq!(minutes(1440.0, Lang::En), "1 d");
        assert_eq!(minutes(4.666, Lang::En), "4.7 min");
    }

    #[test]
    fn step_anchor_is_ascii_and_distinct() {
        assert_eq!(step_anchor("draft_reply"), "step-draft-5f-reply");
        assert_eq!(step_anchor("登记"), "step--767b--8bb0-");
        assert_ne!(step_anchor("a_b"), step_anchor("a-5f-b"));
        assert_ne!(step_anchor("Ab"), step_anchor("ab"));
    }
}
