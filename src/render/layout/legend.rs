//! The legend: one entry for each symbol the chart uses, in rows below
//! the chart.

use super::shapes::LINE_HEIGHT;
use crate::render::diagram::{DiagramEdge, DiagramNode, Legend, LegendEntry, LegendSymbol, Rect, Shape};
use crate::render::text::text_width;

/// Space between the legend's border and its contents.
const PADDING: f64 = 10.0;
/// Width of the column each symbol is centred in.
const SYMBOL_SLOT: f64 = 32.0;
/// Space between a symbol's column and its label.
const LABEL_GAP: f64 = 6.0;
/// Space between two entries of a row.
const ENTRY_GAP: f64 = 18.0;
const ROW_HEIGHT: f64 = 26.0;
const TITLE: &str = "图例 Legend";

/// Shapes in the order the legend lists them, with their labels.
const SHAPES: [(Shape, &str); 10] = [
    (Shape::Terminator, "开始/结束 Start/end"),
    (Shape::Process, "任务 Task"),
    (Shape::Decision, "判断 Decision"),
    (Shape::ParallelBar, "并行 Parallel"),
    (Shape::InclusiveGateway, "包容 Inclusive"),
    (Shape::Timer, "等待 Wait"),
    (Shape::SubProcess, "子流程 Sub-process"),
    (Shape::Document, "文档 Document"),
    (Shape::Store, "数据存储 Data store"),
    (Shape::Note, "备注 Note"),
];

/// Lists the symbols that the nodes and edges use, with their labels.
fn symbols(nodes: &[DiagramNode], edges: &[DiagramEdge]) -> Vec<(LegendSymbol, &'static str)> {
    let mut used: Vec<(LegendSymbol, &'static str)> = SHAPES
        .iter()
        .filter(|(shape, _)| nodes.iter().any(|node| node.shape == *shape))
        .map(|&(shape, label)| (LegendSymbol::Shape(shape), label))
        .collect();
    if nodes.iter().any(|node| node.key_number.is_some()) {
        used.push((LegendSymbol::KeyBadge, "关键节点 Key node"));
    }
    if edges.iter().any(|edge| edge.back) {
        used.push((LegendSymbol::BackEdge, "返回 Flow back"));
    }
    used
}

/// Width and height of the symbol drawn in the legend. `vertical` is true
/// when the flow runs top to bottom, so a parallel bar lies flat as in
/// the chart.
fn symbol_size(symbol: LegendSymbol, vertical: bool) -> (f64, f64) {
    match symbol {
        LegendSymbol::Shape(shape) => match shape {
            Shape::Terminator | Shape::SubProcess => (30.0, 18.0),
            Shape::Process => (28.0, 18.0),
            Shape::Decision => (28.0, 20.0),
            Shape::ParallelBar if vertical => (24.0, 5.0),
            Shape::ParallelBar => (5.0, 20.0),
            Shape::InclusiveGateway | Shape::Timer => (20.0, 20.0),
            Shape::Document => (26.0, 22.0),
            Shape::Store => (20.0, 22.0),
            Shape::Note => (24.0, 20.0),
        },
        LegendSymbol::KeyBadge => (18.0, 18.0),
        LegendSymbol::BackEdge => (30.0, 10.0),
    }
}

/// Places the legend with its top left corner at `(left, top)`, in rows
/// no wider than `max_width` unless one entry alone is wider. Returns
/// `None` when the chart has no symbol to explain.
pub fn legend(
    nodes: &[DiagramNode],
    edges: &[DiagramEdge],
    font: f64,
    vertical: bool,
    left: f64,
    top: f64,
    max_width: f64,
) -> Option<Legend> {
    let used = symbols(nodes, edges);
    if used.is_empty() {
        return None;
    }
    let line = font * LINE_HEIGHT;
    let inner_left = left + PADDING;
    let limit = left + max_width - PADDING;
    let row_center = |row: usize| top + PADDING + (row as f64 + 0.5) * ROW_HEIGHT;

    let title_width = text_width(TITLE, font).ceil();
    let title_box = Rect { x: inner_left, y: row_center(0) - line / 2.0, width: title_width, height: line };
    let mut right = title_box.right();
    let mut x = right + ENTRY_GAP;
    let mut row = 0;
    let mut entries = Vec::new();
    for (symbol, label) in used {
        let label_width = text_width(label, font).ceil();
        let entry_width = SYMBOL_SLOT + LABEL_GAP + label_width;
        if x + entry_width > limit && x > inner_left {
            row += 1;
            x = inner_left;
        }
        let center = row_center(row);
        let (width, height) = symbol_size(symbol, vertical);
        let symbol_box = Rect { x: x + (SYMBOL_SLOT - width) / 2.0, y: center - height / 2.0, width, height };
        let label_x = x + SYMBOL_SLOT + LABEL_GAP;
        let label_box = Rect { x: label_x, y: center - line / 2.0, width: label_width, height: line };
        entries.push(LegendEntry { symbol, symbol_box, label: label.to_string(), label_box });
        right = right.max(label_box.right());
        x = label_box.right() + ENTRY_GAP;
    }

    let bounds = Rect {
        x: left,
        y: top,
        width: right + PADDING - left,
        height: (row + 1) as f64 * ROW_HEIGHT + 2.0 * PADDING,
    };
    Some(Legend { bounds, title: TITLE.to_string(), title_box, entries })
}
