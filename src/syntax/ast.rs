//! The abstract syntax tree: what the text contains, with a byte span on every
//! part, before names are resolved or attribute values interpreted.
//!
//! Attribute values stay generic here (a list, or a phrase of scalars) so
//! that the formatter can print any file that parses, and the model stage
//! can report a wrong value with its span and the form it expected.

use crate::source::Span;

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Import(Import),
    Department(Department),
    Role(Role),
    Process(Process),
    Simulation(Simulation),
    Attr(Attr),
    Key(KeyStmt),
    Flow(Flow),
}

impl Item {
    pub fn span(&self) -> &Span {
        match self {
            Item::Import(item) => &item.span,
            Item::Department(item) => &item.span,
            Item::Role(item) => &item.span,
            Item::Process(item) => &item.span,
            Item::Simulation(item) => &item.span,
            Item::Attr(item) => &item.span,
            Item::Key(item) => &item.span,
            Item::Flow(item) => &item.span,
        }
    }
}

/// `import "org.flow"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub path: StringLit,
    pub span: Span,
}

/// The `id "label"` part of a declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub id: Ident,
    pub label: Option<StringLit>,
}

/// `department crm "CRM 部" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub doc: Option<String>,
    pub header: Header,
    /// `None` when the declaration has no braces at all.
    pub members: Option<Vec<DepartmentMember>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DepartmentMember {
    Department(Department),
    Role(Role),
    Attr(Attr),
}

/// `role agent "客服专员" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub doc: Option<String>,
    pub header: Header,
    pub block: Option<Block>,
    pub span: Span,
}

/// `process complaint "投诉处理" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Process {
    pub doc: Option<String>,
    pub header: Header,
    pub body: Vec<ProcessStmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProcessStmt {
    Node(Node),
    Attr(Attr),
    Key(KeyStmt),
    Flow(Flow),
}

impl ProcessStmt {
    pub fn span(&self) -> &Span {
        match self {
            ProcessStmt::Node(stmt) => &stmt.span,
            ProcessStmt::Attr(stmt) => &stmt.span,
            ProcessStmt::Key(stmt) => &stmt.span,
            ProcessStmt::Flow(stmt) => &stmt.span,
        }
    }
}

/// `task register "登记投诉" { role: agent }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub doc: Option<String>,
    pub kind: NodeKind,
    pub kind_span: Span,
    pub header: Header,
    pub block: Option<Block>,
    pub span: Span,
}

/// The kinds of process element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Start,
    End,
    Task,
    Decision,
    Merge,
    Fork,
    Join,
    InclusiveSplit,
    InclusiveJoin,
    Wait,
    Call,
    Document,
    Store,
    Note,
}

impl NodeKind {
    pub const ALL: &'static [NodeKind] = &[
        NodeKind::Start,
        NodeKind::End,
        NodeKind::Task,
        NodeKind::Decision,
        NodeKind::Merge,
        NodeKind::Fork,
        NodeKind::Join,
        NodeKind::InclusiveSplit,
        NodeKind::InclusiveJoin,
        NodeKind::Wait,
        NodeKind::Call,
        NodeKind::Document,
        NodeKind::Store,
        NodeKind::Note,
    ];

    /// Returns the keyword that declares this kind.
    pub fn keyword(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::End => "end",
            NodeKind::Task => "task",
            NodeKind::Decision => "decision",
            NodeKind::Merge => "merge",
            NodeKind::Fork => "fork",
            NodeKind::Join => "join",
            NodeKind::InclusiveSplit => "inclusive_split",
            NodeKind::InclusiveJoin => "inclusive_join",
            NodeKind::Wait => "wait",
            NodeKind::Call => "call",
            NodeKind::Document => "document",
            NodeKind::Store => "store",
            NodeKind::Note => "note",
        }
    }

    /// True for gateways: decisions, merges, forks, joins and their inclusive forms.
    pub fn is_gateway(self) -> bool {
        matches!(
            self,
            NodeKind::Decision
                | NodeKind::Merge
                | NodeKind::Fork
                | NodeKind::Join
                | NodeKind::InclusiveSplit
                | NodeKind::InclusiveJoin
        )
    }

    /// True for elements that take part in the control flow; documents,
    /// data stores and notes are attached to steps instead.
    pub fn is_flow_node(self) -> bool {
        !matches!(self, NodeKind::Document | NodeKind::Store | NodeKind::Note)
    }
}

/// `key approve "why"`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyStmt {
    pub node: NodeRef,
    pub reason: Option<StringLit>,
    pub span: Span,
}

/// `a -> b -> [no 20%] c`: `arrows[i]` leads from `endpoints[i]` to
/// `endpoints[i + 1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub endpoints: Vec<Endpoint>,
    pub arrows: Vec<Arrow>,
    pub span: Span,
}

/// One end of a flow, with the short form's inline label and lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub node: NodeRef,
    pub label: Option<StringLit>,
    pub lane: Option<Ident>,
    pub span: Span,
}

/// A node named by its id or, in the short form, by its quoted label.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeRef {
    Id(Ident),
    Label(StringLit),
}

impl NodeRef {
    /// Returns the id or label text.
    pub fn name(&self) -> &str {
        match self {
            NodeRef::Id(ident) => &ident.name,
            NodeRef::Label(label) => &label.value,
        }
    }

    pub fn span(&self) -> &Span {
        match self {
            NodeRef::Id(ident) => &ident.span,
            NodeRef::Label(label) => &label.span,
        }
    }
}

/// `->` with an optional `[label probability]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub label: Option<FlowLabel>,
    pub probability: Option<Percent>,
    pub span: Span,
}

/// A branch label, bare (`yes`) or quoted (`"满意 yes"`).
#[derive(Debug, Clone, PartialEq)]
pub enum FlowLabel {
    Ident(Ident),
    String(StringLit),
}

impl FlowLabel {
    pub fn text(&self) -> &str {
        match self {
            FlowLabel::Ident(ident) => &ident.name,
            FlowLabel::String(string) => &string.value,
        }
    }

    pub fn span(&self) -> &Span {
        match self {
            FlowLabel::Ident(ident) => &ident.span,
            FlowLabel::String(string) => &string.span,
        }
    }
}

/// `simulation { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub doc: Option<String>,
    pub id: Option<Ident>,
    pub label: Option<StringLit>,
    pub members: Vec<SimulationMember>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SimulationMember {
    Scenario(Scenario),
    Attr(Attr),
}

/// `scenario staffed "S2" { agent.headcount: 4 }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub doc: Option<String>,
    pub header: Header,
    pub block: Option<Block>,
    pub span: Span,
}

/// `{ key: value ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub attrs: Vec<Attr>,
    pub span: Span,
}

/// `key: value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub key: Path,
    pub value: Value,
    pub span: Span,
}

/// `agent` or `agent.headcount`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub segments: Vec<Ident>,
    pub span: Span,
}

impl Path {
    /// Returns the path as written, segments joined by `.`.
    pub fn text(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|segment| segment.name.as_str()).collect();
        names.join(".")
    }
}

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    List(List),
    Phrase(Phrase),
}

impl Value {
    pub fn span(&self) -> &Span {
        match self {
            Value::List(list) => &list.span,
            Value::Phrase(phrase) => &phrase.span,
        }
    }
}

/// `[a, b, c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub items: Vec<Value>,
    pub span: Span,
}

/// One or more scalars on one line: `"Handle complaints" 40%`.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub scalars: Vec<Scalar>,
    pub span: Span,
}

/// One token of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(StringLit),
    Call(Call),
    TimeRange(TimeRange),
    Money(Money),
    Duration(Duration),
    Percent(Percent),
    Number(Number),
    DayRange(DayRange),
    Reference(Path),
}

impl Scalar {
    pub fn span(&self) -> &Span {
        match self {
            Scalar::String(scalar) => &scalar.span,
            Scalar::Call(scalar) => &scalar.span,
            Scalar::TimeRange(scalar) => &scalar.span,
            Scalar::Money(scalar) => &scalar.span,
            Scalar::Duration(scalar) => &scalar.span,
            Scalar::Percent(scalar) => &scalar.span,
            Scalar::Number(scalar) => &scalar.span,
            Scalar::DayRange(scalar) => &scalar.span,
            Scalar::Reference(scalar) => &scalar.span,
        }
    }

    /// Describes the scalar's form in a few words, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Scalar::String(_) => "a quoted text",
            Scalar::Call(_) => "a call such as a distribution",
            Scalar::TimeRange(_) => "a time range",
            Scalar::Money(_) => "an amount of money",
            Scalar::Duration(_) => "a duration",
            Scalar::Percent(_) => "a percentage",
            Scalar::Number(_) => "a number",
            Scalar::DayRange(_) => "a range of weekdays",
            Scalar::Reference(_) => "a name",
        }
    }
}

/// `triangular(5m, 10m, 20m)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: Ident,
    pub args: Vec<Value>,
    pub span: Span,
}

/// A name: ASCII or Unicode letters, digits and `_`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A quoted string.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    /// The text with escapes resolved.
    pub value: String,
    /// The text between the quotes as written, escapes included; the
    /// formatter prints this so that escapes stay as the user wrote them.
    pub raw: String,
    pub span: Span,
}

/// A decimal number, kept as written so formatting does not change it.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    pub value: f64,
    pub span: Span,
}

/// `40%`.
#[derive(Debug, Clone, PartialEq)]
pub struct Percent {
    pub number: Number,
    pub span: Span,
}

impl Percent {
    /// Returns the percentage as a fraction: `40%` is 0.4.
    pub fn fraction(&self) -> f64 {
        self.number.value / 100.0
    }
}

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
}

impl TimeUnit {
    pub fn symbol(self) -> &'static str {
        match self {
            TimeUnit::Second => "s",
            TimeUnit::Minute => "m",
            TimeUnit::Hour => "h",
            TimeUnit::Day => "d",
            TimeUnit::Week => "w",
        }
    }

    pub fn from_symbol(symbol: &str) -> Option<TimeUnit> {
        Some(match symbol {
            "s" => TimeUnit::Second,
            "m" => TimeUnit::Minute,
            "h" => TimeUnit::Hour,
            "d" => TimeUnit::Day,
            "w" => TimeUnit::Week,
            _ => return None,
        })
    }

    /// Returns the length of one unit in minutes, reflow's internal unit of time.
    /// A day is 24 hours of clock time; working calendars are applied by the
    /// simulator, not here.
    pub fn minutes(self) -> f64 {
        match self {
            TimeUnit::Second => 1.0 / 60.0,
            TimeUnit::Minute => 1.0,
            TimeUnit::Hour => 60.0,
            TimeUnit::Day => 24.0 * 60.0,
            TimeUnit::Week => 7.0 * 24.0 * 60.0,
        }
    }
}

/// `30m`.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    pub number: Number,
    pub unit: TimeUnit,
    pub span: Span,
}

impl Duration {
    pub fn minutes(&self) -> f64 {
        self.number.value * self.unit.minutes()
    }
}

/// `80 CNY` or `120 CNY/h`.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub amount: Number,
    pub currency: String,
    pub per: Option<TimeUnit>,
    pub span: Span,
}

/// `09:00-18:00`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeRange {
    pub from: Clock,
    pub to: Clock,
    pub span: Span,
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

impl Clock {
    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }
}

/// `mon-fri` or `sat`.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRange {
    pub from: Weekday,
    pub to: Option<Weekday>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    pub fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self as usize]
    }

    pub fn from_name(name: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|day| day.name() == name)
    }
}
