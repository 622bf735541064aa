//! Process diagrams: layout to a positioned [`Diagram`], then SVG.
//!
//! [`layout()`] places a process in swimlanes, one per role, and routes its
//! flows as orthogonal polylines, and [`svg()`] draws the result. The positioned
//! diagram between them lets each stage be tested alone.
//!
//! The layout is written here rather than taken from the layout-rs crate
//! (version 0.1.3), because a swimlane chart needs what that crate lacks.
//! It cannot pin nodes to lanes, and has no diamond shape and no
//! orthogonal edges. It sizes text as one em per character, nearly twice
//! the width of Latin text. Its SVG writer emits style classes in
//! hash-map order, so two runs can differ. It also re-validates the whole
//! graph after every added edge unless `set_validate(false)` is called.

pub mod diagram;
pub mod layout;
pub mod org;
pub mod png;
pub mod svg;
pub mod text;
pub mod theme;

pub use diagram::{
    Association, Diagram, DiagramEdge, DiagramNode, Direction, EdgeLabel, FontSizes, Lane, Legend,
    LegendEntry, LegendSymbol, Phase, Point, Rect, Shape,
};
pub use layout::{LayoutOptions, layout, reading_order};
pub use org::org_chart;
pub use png::png;
pub use svg::svg;
pub use theme::Theme;

use crate::model::{Model, Process};

/// Lays out a process and writes it as SVG.
pub fn render(model: &Model, process: &Process, options: &LayoutOptions, theme: Theme) -> String {
    svg(&layout(model, process, options), theme)
}
