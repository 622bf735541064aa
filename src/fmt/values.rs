//! Printing attribute values: scalars as written, and lists and calls on one
//! line when they fit, one item per line when they do not.

use unicode_width::UnicodeWidthStr;

use super::MAX_WIDTH;
use super::printer::Printer;
use crate::syntax::ast::{Call, Clock, List, Phrase, Scalar, StringLit, Value};

impl Printer<'_> {
    /// Prints `value` on the current line, breaking lists and calls that
    /// would not fit together with the `suffix` columns that follow them.
    pub(super) fn value(&mut self, value: &Value, indent: usize, suffix: usize) {
        match value {
            Value::List(list) => self.list(list, indent, suffix),
            Value::Phrase(phrase) => self.phrase(phrase, indent, suffix),
        }
    }

    fn list(&mut self, list: &List, indent: usize, suffix: usize) {
        let flat = flat_list(list);
        if list.items.is_empty() || self.fits(&flat, suffix) {
            self.writer.push(&flat);
            self.hoist_until(list.span.end);
            return;
        }
        self.writer.push("[");
        self.items(&list.items, list.span.start + 1, list.span.end.saturating_sub(1), indent);
        self.writer.start_closing_line(indent);
        self.writer.push("]");
    }

    /// Prints the scalars of a phrase one space apart. A phrase has no
    /// comments of its own: the grammar reads it as one token.
    fn phrase(&mut self, phrase: &Phrase, indent: usize, suffix: usize) {
        let texts: Vec<String> = phrase.scalars.iter().map(flat_scalar).collect();
        // The width of the rest of the phrase after each scalar, each scalar
        // taking its own width and one space.
        let mut rest = vec![0; texts.len()];
        for index in (1..texts.len()).rev() {
            rest[index - 1] = rest[index] + 1 + texts[index].width();
        }

        for (index, scalar) in phrase.scalars.iter().enumerate() {
            if index > 0 {
                self.writer.push(" ");
            }
            match scalar {
                Scalar::Call(call) => self.call(call, &texts[index], indent, rest[index] + suffix),
                _ => self.writer.push(&texts[index]),
            }
        }
    }

    fn call(&mut self, call: &Call, flat: &str, indent: usize, suffix: usize) {
        if call.args.is_empty() || self.fits(flat, suffix) {
            self.writer.push(flat);
            self.hoist_until(call.span.end);
            return;
        }
        self.writer.push(&call.name.name);
        self.writer.push("(");
        self.items(&call.args, call.name.span.end, call.span.end.saturating_sub(1), indent);
        self.writer.start_closing_line(indent);
        self.writer.push(")");
    }

    /// Finishes the line of an opening bracket and prints `items` one per
    /// line at `indent + 1`, each followed by a comma. `open` is where the
    /// bracket's line may carry comments from, and `close` the offset of the
    /// closing bracket, before which the remaining comments print.
    fn items(&mut self, items: &[Value], open: usize, close: usize, indent: usize) {
        self.hoist_until(open);
        let first = items.first().map_or(close, |item| item.span().start);
        self.trail(open, first);
        self.writer.finish_line();

        for (index, item) in items.iter().enumerate() {
            let span = item.span();
            while let Some(comment) = self.comments.next_before(span.start) {
                self.writer.comment_line(indent + 1, comment);
            }
            self.writer.start_line(indent + 1);
            self.value(item, indent + 1, ",".len());
            self.hoist_until(span.end);
            self.writer.push(",");
            let bound = items.get(index + 1).map_or(close, |next| next.span().start);
            self.trail(span.end, bound);
            self.writer.finish_line();
        }

        while let Some(comment) = self.comments.next_before(close) {
            self.writer.comment_line(indent + 1, comment);
        }
    }

    /// Returns whether `text` and `suffix` more columns fit on the current line.
    fn fits(&self, text: &str, suffix: usize) -> bool {
        self.writer.column() + text.width() + suffix <= MAX_WIDTH
    }
}

/// Returns a string between quotes, with its escapes as written.
pub(super) fn quoted(string: &StringLit) -> String {
    format!("\"{}\"", string.raw)
}

fn flat_value(value: &Value) -> String {
    match value {
        Value::List(list) => flat_list(list),
        Value::Phrase(phrase) => {
            let scalars: Vec<String> = phrase.scalars.iter().map(flat_scalar).collect();
            scalars.join(" ")
        }
    }
}

fn flat_list(list: &List) -> String {
    format!("[{}]", flat_values(&list.items))
}

fn flat_values(values: &[Value]) -> String {
    let texts: Vec<String> = values.iter().map(flat_value).collect();
    texts.join(", ")
}

fn flat_scalar(scalar: &Scalar) -> String {
    match scalar {
        Scalar::String(string) => quoted(string),
        Scalar::Call(call) => format!("{}({})", call.name.name, flat_values(&call.args)),
        Scalar::TimeRange(range) => format!("{}-{}", clock(range.from), clock(range.to)),
        Scalar::Money(money) => {
            let per = money.per.map(|unit| format!("/{}", unit.symbol())).unwrap_or_default();
            format!("{} {}{per}", money.amount.text, money.currency)
        }
        Scalar::Duration(duration) => format!("{}{}", duration.number.text, duration.unit.symbol()),
        Scalar::Percent(percent) => format!("{}%", percent.number.text),
        Scalar::Number(number) => number.text.clone(),
        Scalar::DayRange(days) => match days.to {
            Some(to) => format!("{}-{}", days.from.name(), to.name()),
            None => days.from.name().to_string(),
        },
        Scalar::Reference(path) => path.text(),
    }
}

fn clock(clock: Clock) -> String {
    format!("{:02}:{:02}", clock.hour, clock.minute)
}
