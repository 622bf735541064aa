//! The pest parser and the conversion of its pairs into the [`ast`](super::ast).

use pest::iterators::Pair;
use pest_derive::Parser;

use super::ast::*;
use super::docs::DocComments;
use super::escape::unescape;

/// The parser generated from `grammar/reflow.pest`.
#[derive(Parser)]
#[grammar = "../grammar/reflow.pest"]
pub struct ReflowParser;

/// A string escape the parser could not resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct EscapeError {
    pub span: crate::source::Span,
    pub message: String,
}

/// Converts pest pairs into AST nodes. Rules and children are guaranteed by
/// the grammar, so a mismatch here is a bug in this file, not a user error.
pub(super) struct Builder<'a> {
    pub docs: DocComments<'a>,
    pub escape_errors: Vec<EscapeError>,
}

fn span(pair: &Pair<'_, Rule>) -> crate::source::Span {
    let span = pair.as_span();
    span.start()..span.end()
}

impl Builder<'_> {
    /// Returns the span of a declaration without the whitespace and comments that
    /// pest skipped after it while looking for an optional block.
    fn item_span(&self, pair: &Pair<'_, Rule>) -> crate::source::Span {
        let full = span(pair);
        let mut end = full.start + pair.as_str().trim_end().len();
        while let Some(comment) = self.docs.comment_ending_at(end).filter(|c| c.span.start >= full.start) {
            end = full.start + pair.as_str()[..comment.span.start - full.start].trim_end().len();
        }
        full.start..end
    }
}

impl Builder<'_> {
    pub fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        let file_span = span(&pair);
        let items = pair.into_inner().filter(|p| p.as_rule() != Rule::EOI).map(|p| self.item(p)).collect();
        File { items, span: file_span }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::import => {
                let item_span = self.item_span(&pair);
                let path = self.string(pair.into_inner().nth(1).expect("import path"));
                Item::Import(Import { path, span: item_span })
            }
            Rule::department => Item::Department(self.department(pair)),
            Rule::role => Item::Role(self.role(pair)),
            Rule::process => Item::Process(self.process(pair)),
            Rule::simulation => Item::Simulation(self.simulation(pair)),
            Rule::attr => Item::Attr(self.attr(pair)),
            Rule::key_stmt => Item::Key(self.key_stmt(pair)),
            Rule::flow => Item::Flow(self.flow(pair)),
            rule => unreachable!("unexpected top-level rule {rule:?}"),
        }
    }

    /// Reads `keyword id "label"?` from a `*_head` pair.
    fn header(&mut self, pair: Pair<'_, Rule>) -> Header {
        let mut inner = pair.into_inner().skip_while(|p| p.as_rule() != Rule::ident);
        let id = ident(inner.next().expect("header id"));
        let label = inner.next().map(|p| self.string(p));
        Header { id, label }
    }

    fn department(&mut self, pair: Pair<'_, Rule>) -> Department {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let header = self.header(inner.next().expect("department head"));
        let members = inner.next().map(|body| {
            body.into_inner()
                .map(|member| match member.as_rule() {
                    Rule::department => DepartmentMember::Department(self.department(member)),
                    Rule::role => DepartmentMember::Role(self.role(member)),
                    _ => DepartmentMember::Attr(self.attr(member)),
                })
                .collect()
        });
        Department { doc, header, members, span: item_span }
    }

    fn role(&mut self, pair: Pair<'_, Rule>) -> Role {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let header = self.header(inner.next().expect("role head"));
        let block = inner.next().map(|p| self.block(p));
        Role { doc, header, block, span: item_span }
    }

    fn process(&mut self, pair: Pair<'_, Rule>) -> Process {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let header = self.header(inner.next().expect("process head"));
        let body = inner
            .next()
            .expect("process body")
            .into_inner()
            .map(|stmt| match stmt.as_rule() {
                Rule::node => ProcessStmt::Node(self.node(stmt)),
                Rule::attr => ProcessStmt::Attr(self.attr(stmt)),
                Rule::key_stmt => ProcessStmt::Key(self.key_stmt(stmt)),
                _ => ProcessStmt::Flow(self.flow(stmt)),
            })
            .collect();
        Process { doc, header, body, span: item_span }
    }

    fn node(&mut self, pair: Pair<'_, Rule>) -> Node {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let head = inner.next().expect("node head");
        let kind_pair = head.clone().into_inner().next().expect("node kind");
        let kind_span = span(&kind_pair);
        let kind = node_kind(kind_pair.into_inner().next().expect("kind keyword").as_rule());
        let header = self.header(head);
        let block = inner.next().map(|p| self.block(p));
        Node { doc, kind, kind_span, header, block, span: item_span }
    }

    fn key_stmt(&mut self, pair: Pair<'_, Rule>) -> KeyStmt {
        let item_span = self.item_span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let node = self.node_ref(inner.next().expect("key node"));
        let reason = inner.next().map(|p| self.string(p));
        KeyStmt { node, reason, span: item_span }
    }

    fn flow(&mut self, pair: Pair<'_, Rule>) -> Flow {
        let item_span = self.item_span(&pair);
        let mut endpoints = Vec::new();
        let mut arrows = Vec::new();
        for part in pair.into_inner() {
            if part.as_rule() == Rule::endpoint {
                endpoints.push(self.endpoint(part));
            } else {
                arrows.push(self.arrow(part));
            }
        }
        Flow { endpoints, arrows, span: item_span }
    }

    fn endpoint(&mut self, pair: Pair<'_, Rule>) -> Endpoint {
        let item_span = span(&pair);
        let mut inner = pair.into_inner();
        let node = self.node_ref(inner.next().expect("endpoint node"));
        let mut label = None;
        let mut lane = None;
        for part in inner {
            match part.as_rule() {
                Rule::string => label = Some(self.string(part)),
                _ => lane = Some(ident(part.into_inner().next().expect("lane id"))),
            }
        }
        Endpoint { node, label, lane, span: item_span }
    }

    fn node_ref(&mut self, pair: Pair<'_, Rule>) -> NodeRef {
        let inner = pair.into_inner().next().expect("node reference");
        match inner.as_rule() {
            Rule::ident => NodeRef::Id(ident(inner)),
            _ => NodeRef::Label(self.string(inner)),
        }
    }

    fn arrow(&mut self, pair: Pair<'_, Rule>) -> Arrow {
        let item_span = span(&pair);
        let mut label = None;
        let mut probability = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::flow_label => {
                    let inner = part.into_inner().next().expect("flow label");
                    label = Some(match inner.as_rule() {
                        Rule::ident => FlowLabel::Ident(ident(inner)),
                        _ => FlowLabel::String(self.string(inner)),
                    });
                }
                _ => probability = Some(percent(part)),
            }
        }
        Arrow { label, probability, span: item_span }
    }

    fn simulation(&mut self, pair: Pair<'_, Rule>) -> Simulation {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let mut id = None;
        let mut label = None;
        for part in inner.next().expect("simulation head").into_inner() {
            match part.as_rule() {
                Rule::ident => id = Some(ident(part)),
                Rule::string => label = Some(self.string(part)),
                _ => {}
            }
        }
        let members = inner
            .next()
            .expect("simulation body")
            .into_inner()
            .map(|member| match member.as_rule() {
                Rule::scenario => SimulationMember::Scenario(self.scenario(member)),
                _ => SimulationMember::Attr(self.attr(member)),
            })
            .collect();
        Simulation { doc, id, label, members, span: item_span }
    }

    fn scenario(&mut self, pair: Pair<'_, Rule>) -> Scenario {
        let item_span = self.item_span(&pair);
        let doc = self.docs.before(item_span.start);
        let mut inner = pair.into_inner();
        let header = self.header(inner.next().expect("scenario head"));
        let block = inner.next().map(|p| self.block(p));
        Scenario { doc, header, block, span: item_span }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Block {
        let item_span = span(&pair);
        let attrs = pair.into_inner().map(|p| self.attr(p)).collect();
        Block { attrs, span: item_span }
    }

    fn attr(&mut self, pair: Pair<'_, Rule>) -> Attr {
        let item_span = self.item_span(&pair);
        let mut inner = pair.into_inner();
        let key = path(inner.next().expect("attribute key"));
        let value = self.value(inner.next().expect("attribute value"));
        Attr { key, value, span: item_span }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let pair =
            if pair.as_rule() == Rule::value { pair.into_inner().next().expect("value") } else { pair };
        let value_span = span(&pair);
        match pair.as_rule() {
            Rule::list => Value::List(List {
                items: pair.into_inner().map(|p| self.value(p)).collect(),
                span: value_span,
            }),
            _ => Value::Phrase(Phrase {
                scalars: pair.into_inner().map(|p| self.scalar(p)).collect(),
                span: value_span,
            }),
        }
    }

    fn scalar(&mut self, pair: Pair<'_, Rule>) -> Scalar {
        let scalar_span = span(&pair);
        match pair.as_rule() {
            Rule::string => Scalar::String(self.string(pair)),
            Rule::call => {
                let mut inner = pair.into_inner();
                let name = ident(inner.next().expect("call name"));
                let args = inner.map(|p| self.value(p)).collect();
                Scalar::Call(Call { name, args, span: scalar_span })
            }
            Rule::time_range => {
                let mut inner = pair.into_inner();
                let from = clock(inner.next().expect("range start").as_str());
                let to = clock(inner.next().expect("range end").as_str());
                Scalar::TimeRange(TimeRange { from, to, span: scalar_span })
            }
            Rule::money => Scalar::Money(money(pair)),
            Rule::duration => Scalar::Duration(duration(pair)),
            Rule::percent => Scalar::Percent(percent(pair)),
            Rule::number => Scalar::Number(number(pair.as_str(), scalar_span)),
            Rule::day_range => {
                let mut inner = pair.into_inner();
                let from = weekday(inner.next().expect("first day").as_str());
                let to = inner.next().map(|p| weekday(p.as_str()));
                Scalar::DayRange(DayRange { from, to, span: scalar_span })
            }
            _ => Scalar::Reference(path(pair.into_inner().next().expect("reference path"))),
        }
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> StringLit {
        let string_span = span(&pair);
        let raw = pair.into_inner().next().map_or("", |p| p.as_str()).to_string();
        let value = match unescape(&raw) {
            Ok(value) => value,
            Err((offset, message)) => {
                let at = string_span.start + 1 + offset;
                self.escape_errors.push(EscapeError { span: at..at + 2, message });
                raw.clone()
            }
        };
        StringLit { value, raw, span: string_span }
    }
}

fn ident(pair: Pair<'_, Rule>) -> Ident {
    Ident { name: pair.as_str().to_string(), span: span(&pair) }
}

fn path(pair: Pair<'_, Rule>) -> Path {
    let path_span = span(&pair);
    Path { segments: pair.into_inner().map(ident).collect(), span: path_span }
}

fn number(text: &str, span: crate::source::Span) -> Number {
    // The grammar only admits digits with an optional fraction, which
    // always parse as f64.
    let value = text.parse().expect("grammar admits only decimal numbers");
    Number { text: text.to_string(), value, span }
}

fn percent(pair: Pair<'_, Rule>) -> Percent {
    let percent_span = span(&pair);
    let text = pair.as_str().trim_end_matches('%');
    let end = percent_span.start + text.len();
    Percent { number: number(text, percent_span.start..end), span: percent_span }
}

fn duration(pair: Pair<'_, Rule>) -> Duration {
    let duration_span = span(&pair);
    let text = pair.as_str();
    let split = text.len() - 1;
    let unit = TimeUnit::from_symbol(&text[split..]).expect("grammar admits only known units");
    let number = number(&text[..split], duration_span.start..duration_span.start + split);
    Duration { number, unit, span: duration_span }
}

fn money(pair: Pair<'_, Rule>) -> Money {
    let money_span = span(&pair);
    let mut inner = pair.into_inner();
    let amount_pair = inner.next().expect("amount");
    let amount = number(amount_pair.as_str(), span(&amount_pair));
    let currency = inner.next().expect("currency").as_str().to_string();
    let per =
        inner.next().map(|p| TimeUnit::from_symbol(p.as_str()).expect("grammar admits only known units"));
    Money { amount, currency, per, span: money_span }
}

fn clock(text: &str) -> Clock {
    let (hour, minute) = text.split_once(':').expect("grammar admits only hh:mm");
    Clock { hour: hour.parse().expect("two digits"), minute: minute.parse().expect("two digits") }
}

fn weekday(text: &str) -> Weekday {
    Weekday::from_name(text).expect("grammar admits only weekday names")
}

fn node_kind(rule: Rule) -> NodeKind {
    match rule {
        Rule::kw_start => NodeKind::Start,
        Rule::kw_end => NodeKind::End,
        Rule::kw_task => NodeKind::Task,
        Rule::kw_decision => NodeKind::Decision,
        Rule::kw_merge => NodeKind::Merge,
        Rule::kw_fork => NodeKind::Fork,
        Rule::kw_join => NodeKind::Join,
        Rule::kw_inclusive_split => NodeKind::InclusiveSplit,
        Rule::kw_inclusive_join => NodeKind::InclusiveJoin,
        Rule::kw_wait => NodeKind::Wait,
        Rule::kw_call => NodeKind::Call,
        Rule::kw_document => NodeKind::Document,
        Rule::kw_store => NodeKind::Store,
        Rule::kw_note => NodeKind::Note,
        rule => unreachable!("not a node keyword: {rule:?}"),
    }
}
