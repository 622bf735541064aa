//! The organisation: departments and job roles.

use crate::source::{FileId, Span};
use crate::syntax::ast::Weekday;

/// Index of a department in [`super::Model::departments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DepartmentId(pub usize);

/// Index of a role in [`super::Model::roles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleId(pub usize);

/// The place a declaration was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    /// The whole declaration.
    pub span: Span,
    /// The declared id.
    pub id_span: Span,
}

#[derive(Debug, Clone)]
pub struct Department {
    pub id: String,
    pub name: Option<String>,
    pub doc: Option<String>,
    pub origin: Origin,
    pub parent: Option<DepartmentId>,
    pub head: Option<RoleId>,
    pub description: Option<String>,
}

/// A job role with its job-description fields.
#[derive(Debug, Clone, Default)]
pub struct Role {
    pub id: String,
    pub name: Option<String>,
    pub doc: Option<String>,
    pub origin: Option<Origin>,
    /// True when the role was only named as a short-form lane (`@agent`).
    pub implicit: bool,
    pub department: Option<DepartmentId>,
    pub reports_to: Option<RoleId>,
    pub headcount: Option<u32>,
    pub cost_per_hour: Option<Money>,
    pub hours: Option<Calendar>,
    pub purpose: Option<String>,
    pub duties: Vec<Duty>,
    pub authority: Vec<String>,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub knowledge: Vec<String>,
    pub skills: Vec<String>,
    pub tools: Vec<String>,
    pub kpis: Vec<String>,
    pub internal: Vec<String>,
    pub external: Vec<String>,
    pub conditions: Option<String>,
    pub career: Option<String>,
}

impl Role {
    /// Returns the display name, or the id when the role has no label.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A declared duty and its share of the role's time.
#[derive(Debug, Clone, PartialEq)]
pub struct Duty {
    pub text: String,
    /// Share of working time, 0–1.
    pub weight: Option<f64>,
    pub span: Span,
}

/// An amount of money, optionally per hour.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub amount: f64,
    /// ISO 4217 code such as `CNY`.
    pub currency: String,
}

/// Weekly working hours: the spans of minutes each weekday is worked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    /// `(day, start minute, end minute)`, ordered by day then start.
    pub slots: Vec<(Weekday, u32, u32)>,
    pub span: Span,
}

impl Calendar {
    /// Working minutes in one week.
    pub fn minutes_per_week(&self) -> u32 {
        self.slots.iter().map(|&(_, start, end)| end.saturating_sub(start)).sum()
    }
}
