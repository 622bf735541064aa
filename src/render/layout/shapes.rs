//! The shape of each node and the size of its shape and label.

use crate::model::{Node, NodeKind};
use crate::render::diagram::{FontSizes, Shape};
use crate::render::text::{text_width, wrap};

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.3;

/// A node's shape and label before placement, in screen pixels.
#[derive(Debug, Clone)]
pub struct Sized {
    pub shape: Shape,
    pub width: f64,
    pub height: f64,
    pub label: Vec<String>,
    pub label_width: f64,
    pub label_height: f64,
    /// True when the label goes beside the shape rather than inside it.
    pub caption: bool,
}

/// Picks the flowchart symbol for a kind of node.
pub fn shape(kind: NodeKind) -> Shape {
    match kind {
        NodeKind::Start | NodeKind::End => Shape::Terminator,
        NodeKind::Task => Shape::Process,
        NodeKind::Decision | NodeKind::Merge => Shape::Decision,
        NodeKind::Fork | NodeKind::Join => Shape::ParallelBar,
        NodeKind::InclusiveSplit | NodeKind::InclusiveJoin => Shape::InclusiveGateway,
        NodeKind::Wait => Shape::Timer,
        NodeKind::Call => Shape::SubProcess,
        NodeKind::Document => Shape::Document,
        NodeKind::Store => Shape::Store,
        NodeKind::Note => Shape::Note,
    }
}

/// Sizes a node's shape around its wrapped label. `vertical` is true when
/// the flow runs top to bottom, so a parallel bar lies flat.
pub fn size(node: &Node, fonts: &FontSizes, vertical: bool) -> Sized {
    let shape = shape(node.kind);
    let font = fonts.node;
    let wrap_width = match shape {
        Shape::Terminator => 130.0,
        Shape::Decision => 96.0,
        Shape::ParallelBar | Shape::InclusiveGateway | Shape::Timer => 110.0,
        _ => 140.0,
    };
    let label = wrap(node.display_name(), wrap_width, font);
    let label_width = label.iter().map(|line| text_width(line, font)).fold(0.0, f64::max).ceil();
    let label_height = label.len() as f64 * font * LINE_HEIGHT;
    let (width, height, caption) = match shape {
        Shape::Terminator => ((label_width + 32.0).max(90.0), (label_height + 14.0).max(36.0), false),
        Shape::Process => ((label_width + 24.0).max(120.0), (label_height + 20.0).max(48.0), false),
        Shape::SubProcess => ((label_width + 36.0).max(130.0), (label_height + 20.0).max(48.0), false),
        // A centred w × h box fits a diamond W × H when w/W + h/H ≤ 1;
        // doubling both sides gives exactly 1.
        Shape::Decision => ((label_width * 2.0).max(90.0), (label_height * 2.0 + 8.0).max(56.0), false),
        Shape::ParallelBar if vertical => (56.0, 10.0, true),
        Shape::ParallelBar => (10.0, 56.0, true),
        Shape::InclusiveGateway => (40.0, 40.0, true),
        Shape::Timer => (36.0, 36.0, true),
        Shape::Document => ((label_width + 24.0).max(110.0), label_height + 30.0, false),
        Shape::Store => ((label_width + 24.0).max(100.0), label_height + 34.0, false),
        Shape::Note => ((label_width + 24.0).max(110.0), label_height + 18.0, false),
    };
    Sized { shape, width, height, label, label_width, label_height, caption }
}
