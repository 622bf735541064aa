//! Reading typed values out of generic AST attributes, with a diagnostic for
//! every value of the wrong form.

use super::{Calendar, Distribution, Duty, Money};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Attr, Scalar, Value, Weekday};

/// Reads attribute values of one file and collects what is wrong with them.
pub(super) struct Reader<'a> {
    pub file: FileId,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

/// Returns the single scalar of a one-token value, if it is one.
fn single(value: &Value) -> Option<&Scalar> {
    match value {
        Value::Phrase(phrase) if phrase.scalars.len() == 1 => phrase.scalars.first(),
        _ => None,
    }
}

/// Describes a value's form in a few words, for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::List(_) => "a list".to_string(),
        Value::Phrase(phrase) if phrase.scalars.len() == 1 => phrase.scalars[0].describe().to_string(),
        Value::Phrase(_) => "several values".to_string(),
    }
}

impl Reader<'_> {
    fn invalid(&mut self, span: &Span, key: &str, expected: &str, found: &str, help: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                self.file,
                span.clone(),
                format!("`{key}` expects {expected}"),
            )
            .with_label(format!("found {found}"))
            .with_help(help.to_string()),
        );
    }

    /// Reports unknown and repeated keys; returns the attributes to read.
    pub fn check_keys<'b>(&mut self, attrs: &'b [Attr], allowed: &[&str], what: &str) -> Vec<&'b Attr> {
        let mut seen: Vec<(&str, &Span)> = Vec::new();
        let mut valid = Vec::new();
        for attr in attrs {
            let key = attr.key.text();
            let key_str = attr.key.segments[0].name.as_str();
            if attr.key.segments.len() > 1 || !allowed.contains(&key_str) {
                self.unknown_attribute(attr, &key, allowed, what);
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(name, _)| *name == key_str) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        self.file,
                        attr.key.span.clone(),
                        format!("`{key}` is given twice"),
                    )
                    .with_label("given again here")
                    .with_related(self.file, (*first).clone(), "first given here")
                    .with_help("try removing one of them"),
                );
                continue;
            }
            seen.push((key_str, &attr.key.span));
            valid.push(attr);
        }
        valid
    }

    pub fn unknown_attribute(&mut self, attr: &Attr, key: &str, allowed: &[&str], what: &str) {
        let help = match did_you_mean(key, allowed.iter().copied()) {
            Some(name) => format!("did you mean `{name}`?"),
            None => format!("{what} accepts: {}", allowed.join(", ")),
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnknownAttribute,
                self.file,
                attr.key.span.clone(),
                format!("unknown attribute `{key}` on {what}"),
            )
            .with_label("not valid here")
            .with_help(help),
        );
    }

    /// Reads a quoted text.
    pub fn text(&mut self, attr: &Attr) -> Option<String> {
        match single(&attr.value) {
            Some(Scalar::String(string)) => Some(string.value.clone()),
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    "a quoted text",
                    &found,
                    "try putting the text in double quotes",
                );
                None
            }
        }
    }

    /// Reads a list of quoted texts. A single text counts as a list of one.
    pub fn texts(&mut self, attr: &Attr) -> Vec<String> {
        let items: Vec<&Value> = match &attr.value {
            Value::List(list) => list.items.iter().collect(),
            value => vec![value],
        };
        let mut texts = Vec::new();
        for item in items {
            match single(item) {
                Some(Scalar::String(string)) => texts.push(string.value.clone()),
                _ => {
                    let found = describe(item);
                    self.invalid(
                        item.span(),
                        &attr.key.text(),
                        "a list of quoted texts",
                        &found,
                        "try `[\"first\", \"second\"]`",
                    );
                }
            }
        }
        texts
    }

    /// Reads a single name, such as a role id.
    pub fn name(&mut self, attr: &Attr) -> Option<(String, Span)> {
        match single(&attr.value) {
            Some(Scalar::Reference(path)) if path.segments.len() == 1 => {
                Some((path.segments[0].name.clone(), path.span.clone()))
            }
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    "a name",
                    &found,
                    "try an id without quotes, such as `agent`",
                );
                None
            }
        }
    }

    /// Reads a list of names. A single name counts as a list of one.
    pub fn names(&mut self, attr: &Attr) -> Vec<(String, Span)> {
        let items: Vec<&Value> = match &attr.value {
            Value::List(list) => list.items.iter().collect(),
            value => vec![value],
        };
        let mut names = Vec::new();
        for item in items {
            match single(item) {
                Some(Scalar::Reference(path)) if path.segments.len() == 1 => {
                    names.push((path.segments[0].name.clone(), path.span.clone()))
                }
                _ => {
                    let found = describe(item);
                    self.invalid(
                        item.span(),
                        &attr.key.text(),
                        "a list of names",
                        &found,
                        "try `[first_id, second_id]`",
                    );
                }
            }
        }
        names
    }

    /// Reads a whole number.
    pub fn count(&mut self, attr: &Attr) -> Option<u64> {
        match single(&attr.value) {
            Some(Scalar::Number(number)) if !number.text.contains('.') && number.text.len() <= 18 => {
                number.text.parse().ok()
            }
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    "a whole number",
                    &found,
                    "try a number without unit or fraction, such as `3`",
                );
                None
            }
        }
    }

    /// Reads an amount of money, or with `per_hour` a rate such as `80 CNY/h`.
    pub fn money(&mut self, attr: &Attr, per_hour: bool) -> Option<Money> {
        let expected =
            if per_hour { "an hourly rate such as `80 CNY/h`" } else { "an amount such as `5 CNY`" };
        match single(&attr.value) {
            Some(Scalar::Money(money)) => {
                let amount = match (per_hour, money.per) {
                    (false, None) => money.amount.value,
                    (true, Some(unit)) => money.amount.value / unit.minutes() * 60.0,
                    _ => {
                        let found =
                            if money.per.is_some() { "a rate" } else { "an amount without a time unit" };
                        self.invalid(
                            &money.span,
                            &attr.key.text(),
                            expected,
                            found,
                            &format!("try {expected}"),
                        );
                        return None;
                    }
                };
                Some(Money { amount, currency: money.currency.clone() })
            }
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    expected,
                    &found,
                    "money is a number and an ISO currency code, such as `80 CNY`",
                );
                None
            }
        }
    }

    /// Reads a duration in minutes.
    pub fn duration(&mut self, attr: &Attr) -> Option<f64> {
        match single(&attr.value) {
            Some(Scalar::Duration(duration)) => Some(duration.minutes()),
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    "a duration such as `2d`",
                    &found,
                    "durations carry a unit: s, m, h, d or w",
                );
                None
            }
        }
    }

    /// Reads a distribution of durations, or a bare duration meaning a fixed one.
    pub fn distribution(&mut self, attr: &Attr) -> Option<Distribution> {
        match single(&attr.value) {
            Some(Scalar::Duration(duration)) => Some(Distribution::Fixed(duration.minutes())),
            Some(Scalar::Call(call)) => super::distribution::read(self, call),
            _ => {
                let found = describe(&attr.value);
                self.invalid(
                    attr.value.span(),
                    &attr.key.text(),
                    "a duration or a distribution",
                    &found,
                    "try `10m` or a distribution such as `triangular(5m, 10m, 20m)`",
                );
                None
            }
        }
    }

    /// Weekly working hours: `mon-fri 09:00-18:00`, a list of such phrases,
    /// or an empty list for no working time.
    pub fn calendar(&mut self, attr: &Attr) -> Option<Calendar> {
        let phrases: Vec<&Value> = match &attr.value {
            Value::List(list) => list.items.iter().collect(),
            value => vec![value],
        };
        let mut calendar = Calendar { slots: Vec::new(), span: attr.value.span().clone() };
        for value in phrases {
            let Value::Phrase(phrase) = value else {
                self.invalid(
                    value.span(),
                    "hours",
                    "weekdays and time ranges",
                    "a nested list",
                    "try `mon-fri 09:00-18:00`",
                );
                return None;
            };
            let mut days: Vec<Weekday> = Vec::new();
            let mut ranges = Vec::new();
            for scalar in &phrase.scalars {
                match scalar {
                    Scalar::DayRange(range) => {
                        // A range may wrap over the weekend: `fri-mon` is Friday to Monday.
                        let to = range.to.unwrap_or(range.from);
                        let (from, to) = (range.from as usize, to as usize);
                        let length = (to + 7 - from) % 7 + 1;
                        days.extend((0..length).map(|offset| Weekday::ALL[(from + offset) % 7]));
                    }
                    Scalar::TimeRange(range) if valid_clock(range) => {
                        ranges.push((range.from.minutes(), range.to.minutes()))
                    }
                    Scalar::TimeRange(range) => {
                        self.invalid(
                            &range.span,
                            "hours",
                            "a time range within one day",
                            "a range that ends before it starts or past 24:00",
                            "try `09:00-18:00`",
                        );
                        return None;
                    }
                    other => {
                        self.invalid(
                            other.span(),
                            "hours",
                            "weekdays and time ranges",
                            other.describe(),
                            "try `mon-fri 09:00-12:00 13:00-18:00`",
                        );
                        return None;
                    }
                }
            }
            if days.is_empty() || ranges.is_empty() {
                self.invalid(
                    &phrase.span,
                    "hours",
                    "weekdays followed by time ranges",
                    "an incomplete entry",
                    "try `mon-fri 09:00-18:00`",
                );
                return None;
            }
            for day in days {
                calendar.slots.extend(ranges.iter().map(|&(from, to)| (day, from, to)));
            }
        }
        calendar.slots.sort();
        calendar.slots.dedup();
        Some(calendar)
    }

    /// Duties with optional weights: `["Handle calls" 60%, "Register" 40%]`.
    pub fn duties(&mut self, attr: &Attr) -> Vec<Duty> {
        let items: Vec<&Value> = match &attr.value {
            Value::List(list) => list.items.iter().collect(),
            value => vec![value],
        };
        let mut duties = Vec::new();
        for item in items {
            let scalars = match item {
                Value::Phrase(phrase) => phrase.scalars.as_slice(),
                Value::List(_) => &[],
            };
            match scalars {
                [Scalar::String(text)] => {
                    duties.push(Duty { text: text.value.clone(), weight: None, span: item.span().clone() })
                }
                [Scalar::String(text), Scalar::Percent(weight)] => {
                    if let Some(weight) = self.percentage(weight) {
                        duties.push(Duty {
                            text: text.value.clone(),
                            weight: Some(weight),
                            span: item.span().clone(),
                        });
                    }
                }
                _ => {
                    let found = describe(item);
                    self.invalid(
                        item.span(),
                        "duties",
                        "a quoted duty with an optional weight",
                        &found,
                        "try `[\"Handle complaints\" 60%, \"Report\" 40%]`",
                    );
                }
            }
        }
        duties
    }

    /// Returns a percentage as a fraction and reports values above 100%.
    pub fn percentage(&mut self, percent: &ast::Percent) -> Option<f64> {
        if percent.number.value > 100.0 {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidPercentage,
                    self.file,
                    percent.span.clone(),
                    format!("{}% is more than 100%", percent.number.text),
                )
                .with_label("out of range")
                .with_help("a percentage lies between 0% and 100%"),
            );
            return None;
        }
        Some(percent.fraction())
    }
}

fn valid_clock(range: &ast::TimeRange) -> bool {
    let ok =
        |clock: ast::Clock| clock.minute < 60 && (clock.hour < 24 || clock.hour == 24 && clock.minute == 0);
    ok(range.from) && ok(range.to) && range.from < range.to
}
