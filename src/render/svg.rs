//! The SVG writer: a positioned [`Diagram`] to an SVG document.
//!
//! The output depends only on the diagram and the theme: numbers are
//! written with one decimal, elements in the diagram's order, and every
//! piece of user text is XML-escaped, so identical input gives
//! byte-identical files.

use std::fmt::Write;

use super::diagram::{
    Association, Diagram, DiagramEdge, DiagramNode, Direction, Lane, Legend, LegendEntry, LegendSymbol,
    Phase, Point, Rect, Shape,
};
use super::layout::LINE_HEIGHT;
use super::text::escape;
use super::theme::{Palette, Theme};

/// Fonts to try in order: CJK fonts first, as their Latin letters are
/// also fine, then the viewer's default sans-serif.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/// Radius of a key-node badge.
const BADGE_RADIUS: f64 = 9.0;

/// Formats a coordinate with one decimal, writing zero without a sign.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    if text == "-0.0" { "0.0".to_string() } else { text }
}

/// Writes the diagram as a standalone SVG document.
pub fn svg(diagram: &Diagram, theme: Theme) -> String {
    let palette = theme.palette();
    let mut out = String::new();
    let (width, height) = (num(diagram.width), num(diagram.height));
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}">"#,
        escape(FONT_FAMILY)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&diagram.title));
    write_defs(&mut out, &palette);
    let _ = writeln!(out, r#"<rect width="{width}" height="{height}" fill="{}"/>"#, palette.background);

    out.push_str("<g class=\"lanes\">\n");
    for (index, lane) in diagram.lanes.iter().enumerate() {
        write_lane(&mut out, diagram, lane, index, &palette);
    }
    out.push_str("</g>\n");
    if !diagram.phases.is_empty() {
        out.push_str("<g class=\"phases\">\n");
        write_header_corner(&mut out, diagram, &palette);
        for (index, phase) in diagram.phases.iter().enumerate() {
            write_phase(&mut out, diagram, phase, index > 0, &palette);
        }
        out.push_str("</g>\n");
    }

    let title_font = diagram.fonts.title;
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
        num(diagram.title_box.x),
        num(baseline(diagram.title_box.y, 0, title_font)),
        num(title_font),
        palette.text,
        escape(&diagram.title)
    );

    out.push_str("<g class=\"edges\">\n");
    for association in &diagram.associations {
        write_association(&mut out, association, &palette);
    }
    for edge in &diagram.edges {
        write_edge(&mut out, diagram, edge, &palette);
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for node in &diagram.nodes {
        write_node(&mut out, diagram, node, &palette);
    }
    out.push_str("</g>\n");
    if let Some(legend) = &diagram.legend {
        write_legend(&mut out, diagram, legend, &palette);
    }
    out.push_str("</svg>\n");
    out
}

/// The arrowheads.
fn write_defs(out: &mut String, palette: &Palette) {
    out.push_str("<defs>\n");
    for (id, colour) in [("arrow", palette.edge), ("arrow-back", palette.back_edge)] {
        let _ = writeln!(
            out,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
        );
    }
    out.push_str("</defs>\n");
}

/// Computes the baseline of line `line` of a text block whose top is at `top`,
/// so that the line's glyphs sit centred in its line height.
fn baseline(top: f64, line: usize, font: f64) -> f64 {
    top + (line as f64 + 0.5) * font * LINE_HEIGHT + 0.35 * font
}

/// Writes centred lines of text in a box.
fn write_lines(out: &mut String, lines: &[String], area: &Rect, font: f64, colour: &str) {
    let x = num(area.x + area.width / 2.0);
    let top = area.y + (area.height - lines.len() as f64 * font * LINE_HEIGHT) / 2.0;
    for (index, line) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<text x="{x}" y="{}" font-size="{}" text-anchor="middle" fill="{colour}">{}</text>"#,
            num(baseline(top, index, font)),
            num(font),
            escape(line)
        );
    }
}

fn write_rect(out: &mut String, area: &Rect, radius: f64, fill: &str, stroke: &str) {
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="{stroke}"/>"#,
        num(area.x),
        num(area.y),
        num(area.width),
        num(area.height),
        num(radius)
    );
}

fn write_lane(out: &mut String, diagram: &Diagram, lane: &Lane, index: usize, palette: &Palette) {
    write_rect(out, &lane.bounds, 0.0, palette.lanes[index % 2], palette.lane_stroke);
    write_rect(out, &lane.header, 0.0, palette.header, palette.lane_stroke);
    write_lines(out, &lane.title, &lane.header, diagram.fonts.header, palette.text);
}

/// Fills the corner where the row of lane headers or phase headers meets
/// the column of the other, so the two header bars join.
fn write_header_corner(out: &mut String, diagram: &Diagram, palette: &Palette) {
    let (Some(lane), Some(phase)) = (diagram.lanes.first(), diagram.phases.first()) else { return };
    let corner = match diagram.direction {
        Direction::Horizontal => {
            Rect { x: 0.0, y: phase.header.y, width: lane.header.width, height: phase.header.height }
        }
        Direction::Vertical => {
            Rect { x: 0.0, y: lane.header.y, width: phase.header.width, height: lane.header.height }
        }
    };
    write_rect(out, &corner, 0.0, palette.header, palette.lane_stroke);
}

/// Draws a phase band's header and, unless it is the first band, a dashed
/// border across the lanes where it starts. Only one line marks each
/// border, because two dashed lines on top of each other look solid.
fn write_phase(out: &mut String, diagram: &Diagram, phase: &Phase, border: bool, palette: &Palette) {
    let area = &phase.bounds;
    if border {
        let end = match diagram.direction {
            Direction::Horizontal => format!("V{}", num(area.bottom())),
            Direction::Vertical => format!("H{}", num(area.right())),
        };
        let _ = writeln!(
            out,
            r#"<path d="M{},{} {end}" fill="none" stroke="{}" stroke-dasharray="6 4"/>"#,
            num(area.x),
            num(area.y),
            palette.stroke
        );
    }
    write_rect(out, &phase.header, 0.0, palette.header, palette.lane_stroke);
    write_lines(out, &phase.title, &phase.header, diagram.fonts.header, palette.text);
}

fn write_legend(out: &mut String, diagram: &Diagram, legend: &Legend, palette: &Palette) {
    let font = diagram.fonts.legend;
    out.push_str("<g class=\"legend\">\n");
    write_rect(out, &legend.bounds, 3.0, palette.background, palette.lane_stroke);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
        num(legend.title_box.x),
        num(baseline(legend.title_box.y, 0, font)),
        num(font),
        palette.text,
        escape(&legend.title)
    );
    for entry in &legend.entries {
        write_legend_symbol(out, diagram, entry, palette);
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
            num(entry.label_box.x),
            num(baseline(entry.label_box.y, 0, font)),
            num(font),
            palette.text,
            escape(&entry.label)
        );
    }
    out.push_str("</g>\n");
}

fn write_legend_symbol(out: &mut String, diagram: &Diagram, entry: &LegendEntry, palette: &Palette) {
    let area = &entry.symbol_box;
    let center = area.center();
    match entry.symbol {
        LegendSymbol::Shape(shape) => write_shape(out, shape, area, palette),
        LegendSymbol::KeyBadge => write_badge(out, center, 1, diagram.fonts.badge, palette),
        LegendSymbol::BackEdge => {
            let _ = writeln!(
                out,
                r#"<path d="M{},{} L{},{}" fill="none" stroke="{}" stroke-width="1.4" stroke-dasharray="6 3" marker-end="url(#arrow-back)"/>"#,
                num(area.x),
                num(center.y),
                num(area.right()),
                num(center.y),
                palette.back_edge
            );
        }
    }
}

fn write_edge(out: &mut String, diagram: &Diagram, edge: &DiagramEdge, palette: &Palette) {
    let mut path = String::new();
    for (index, point) in edge.points.iter().enumerate() {
        let command = if index == 0 { 'M' } else { 'L' };
        let _ =
            write!(path, "{}{command}{},{}", if index == 0 { "" } else { " " }, num(point.x), num(point.y));
    }
    let (colour, marker, dash) = if edge.back {
        (palette.back_edge, "arrow-back", r#" stroke-dasharray="6 3""#)
    } else {
        (palette.edge, "arrow", "")
    };
    let _ = writeln!(
        out,
        r#"<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#{marker})"/>"#
    );
    if let Some(label) = &edge.label {
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}" fill-opacity="0.9"/>"#,
            num(label.bounds.x),
            num(label.bounds.y),
            num(label.bounds.width),
            num(label.bounds.height),
            palette.label_background
        );
        write_lines(out, std::slice::from_ref(&label.text), &label.bounds, diagram.fonts.edge, palette.text);
    }
}

fn write_association(out: &mut String, association: &Association, palette: &Palette) {
    let path: Vec<String> = association
        .points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            format!("{}{},{}", if index == 0 { 'M' } else { 'L' }, num(point.x), num(point.y))
        })
        .collect();
    let _ = writeln!(
        out,
        r#"<path d="{}" fill="none" stroke="{}" stroke-dasharray="2 3"/>"#,
        path.join(" "),
        palette.edge
    );
}

fn write_node(out: &mut String, diagram: &Diagram, node: &DiagramNode, palette: &Palette) {
    let _ = writeln!(out, r#"<g class="node" data-id="{}">"#, escape(&node.id));
    let _ = writeln!(out, "<title>{}</title>", escape(&node.label.join(" ")));
    write_shape(out, node.shape, &node.shape_box, palette);
    write_lines(out, &node.label, &node.label_box, diagram.fonts.node, palette.text);
    if let Some(number) = node.key_number {
        write_badge(out, badge_center(node), number, diagram.fonts.badge, palette);
    }
    out.push_str("</g>\n");
}

/// Draws a numbered key-node badge centred on `center`.
fn write_badge(out: &mut String, center: Point, number: usize, font: f64, palette: &Palette) {
    let (cx, cy) = (num(center.x), num(center.y));
    let _ =
        writeln!(out, r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="{}"/>"#, num(BADGE_RADIUS), palette.badge);
    let _ = writeln!(
        out,
        r#"<text x="{cx}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle" fill="{}">{number}</text>"#,
        num(center.y + 0.35 * font),
        num(font),
        palette.badge_text
    );
}

/// Places a key-node badge on the shape's upper right: at the corner of a
/// box, at the top corner of a diamond, on the rim of a circle.
fn badge_center(node: &DiagramNode) -> Point {
    let area = &node.shape_box;
    match node.shape {
        // The top corner, which the label inside never reaches.
        Shape::Decision | Shape::InclusiveGateway => Point { x: area.center().x, y: area.y },
        Shape::Timer => Point { x: area.x + area.width * 0.85, y: area.y + area.height * 0.15 },
        _ => Point { x: area.right(), y: area.y },
    }
}

/// Draws the flowchart symbol in its box.
fn write_shape(out: &mut String, shape: Shape, area: &Rect, palette: &Palette) {
    let stroke = palette.stroke;
    let (x, y, right, bottom) = (area.x, area.y, area.right(), area.bottom());
    let center = area.center();
    match shape {
        Shape::Terminator => write_rect(out, area, area.height / 2.0, palette.terminator, stroke),
        Shape::Process => write_rect(out, area, 3.0, palette.node, stroke),
        Shape::SubProcess => {
            write_rect(out, area, 3.0, palette.node, stroke);
            for side in [x + 7.0, right - 7.0] {
                let _ = writeln!(
                    out,
                    r#"<path d="M{},{} V{}" stroke="{stroke}" fill="none"/>"#,
                    num(side),
                    num(y),
                    num(bottom)
                );
            }
        }
        Shape::Decision => write_diamond(out, area, palette.decision, stroke),
        Shape::ParallelBar => write_rect(out, area, 2.0, stroke, stroke),
        Shape::InclusiveGateway => {
            write_diamond(out, area, palette.decision, stroke);
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{stroke}" stroke-width="2"/>"#,
                num(center.x),
                num(center.y),
                num(area.width * 0.22)
            );
        }
        Shape::Timer => {
            let radius = area.width / 2.0;
            let (cx, cy) = (num(center.x), num(center.y));
            let _ = writeln!(
                out,
                r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="{}" stroke="{stroke}"/>"#,
                num(radius),
                palette.node
            );
            let _ = writeln!(
                out,
                r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="{stroke}"/>"#,
                num(radius - 4.0)
            );
            let _ = writeln!(
                out,
                r#"<path d="M{cx},{} L{cx},{cy} L{},{cy}" fill="none" stroke="{stroke}" stroke-width="1.5"/>"#,
                num(center.y - radius * 0.6),
                num(center.x + radius * 0.45)
            );
        }
        Shape::Document => {
            let _ = writeln!(
                out,
                r#"<path d="M{},{} H{} V{} C{},{} {},{} {},{} Z" fill="{}" stroke="{stroke}"/>"#,
                num(x),
                num(y),
                num(right),
                num(bottom - 8.0),
                num(x + area.width * 0.75),
                num(bottom - 18.0),
                num(x + area.width * 0.3),
                num(bottom + 4.0),
                num(x),
                num(bottom - 6.0),
                palette.data
            );
        }
        Shape::Store => {
            let cap = 7.0;
            let radius = area.width / 2.0;
            let _ = writeln!(
                out,
                r#"<path d="M{},{} V{} A{},{} 0 0 0 {},{} V{}" fill="{}" stroke="{stroke}"/>"#,
                num(x),
                num(y + cap),
                num(bottom - cap),
                num(radius),
                num(cap),
                num(right),
                num(bottom - cap),
                num(y + cap),
                palette.data
            );
            let _ = writeln!(
                out,
                r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{}" stroke="{stroke}"/>"#,
                num(center.x),
                num(y + cap),
                num(radius),
                num(cap),
                palette.data
            );
        }
        Shape::Note => {
            let fold = 10.0;
            let _ = writeln!(
                out,
                r#"<path d="M{},{} H{} L{},{} V{} H{} Z" fill="{}" stroke="{stroke}"/>"#,
                num(x),
                num(y),
                num(right - fold),
                num(right),
                num(y + fold),
                num(bottom),
                num(x),
                palette.note
            );
            let _ = writeln!(
                out,
                r#"<path d="M{},{} V{} H{}" fill="none" stroke="{stroke}"/>"#,
                num(right - fold),
                num(y),
                num(y + fold),
                num(right)
            );
        }
    }
}

fn write_diamond(out: &mut String, area: &Rect, fill: &str, stroke: &str) {
    let center = area.center();
    let _ = writeln!(
        out,
        r#"<path d="M{},{} L{},{} L{},{} L{},{} Z" fill="{fill}" stroke="{stroke}"/>"#,
        num(center.x),
        num(area.y),
        num(area.right()),
        num(center.y),
        num(center.x),
        num(area.bottom()),
        num(area.x),
        num(center.y)
    );
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn num_writes_one_decimal() {
        assert_eq!(num(1.0), "1.0");
        assert_eq!(num(2.26), "2.3");
        assert_eq!(num(-0.01), "0.0");
    }
}
