//! The swimlane layout: a process to a [`Diagram`].
//!
//! The layout works in two abstract axes, `u` along the flow and `v`
//! across it, and maps them to x and y at the end, so that both directions
//! share one algorithm. Ranks are columns along `u` separated by channels;
//! lanes are bands along `v`, split into slots. Every node sits in its
//! lane at the centre of its rank, and edges run only through the channels
//! and through the padding band at the edge of each slot, which no node
//! reaches, so no edge crosses a node.
//!
//! When steps name phases, each phase takes a run of ranks of its own and
//! is drawn as a band across every lane. A legend of the symbols used goes
//! below the chart.

mod legend;
mod order;
mod phases;
mod ranks;
mod route;
mod shapes;

use petgraph::graph::NodeIndex;

use crate::analysis::key_nodes;
use crate::model::{Model, Process};
use crate::render::diagram::{Association, Diagram, DiagramNode, Direction, FontSizes, Lane, Phase, Rect};
use crate::render::text::{text_width, wrap};

pub use shapes::LINE_HEIGHT;

/// Distance from the widest node of a cell to an association line that
/// runs past it. It is less than the channel margin, which edge tracks
/// keep free.
const SIDE_GAP: f64 = 7.0;
/// Padding between a slot's edge and its nodes; edges that go around
/// nodes run inside it.
const SLOT_PADDING: f64 = 24.0;
/// Gap between a small shape and the caption beside it.
const CAPTION_GAP: f64 = 4.0;
/// Width of the lane header column when the flow runs left to right.
const HEADER_WIDTH: f64 = 120.0;
/// Narrowest lane when the flow runs top to bottom.
const MIN_LANE_WIDTH: f64 = 140.0;
/// Width of the phase header column when the flow runs top to bottom.
const PHASE_HEADER_WIDTH: f64 = 110.0;
/// Space between the chart and the legend below it.
const LEGEND_GAP: f64 = 16.0;
/// Margin left of the title and the legend, and below the legend.
const MARGIN: f64 = 16.0;

/// Layout settings.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions {
    pub direction: Direction,
    pub fonts: FontSizes,
    /// True to place a legend of the symbols used below the chart.
    pub legend: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { direction: Direction::default(), fonts: FontSizes::default(), legend: true }
    }
}

/// A node's extent around its shape's centre in the abstract axes.
#[derive(Debug, Clone, Copy, Default)]
struct Extent {
    /// Shape size along and across the flow.
    shape_u: f64,
    shape_v: f64,
    /// Half the node's size along the flow, caption included.
    half_u: f64,
    /// Size before and after the shape's centre across the flow; the
    /// caption, if any, lies after.
    before_v: f64,
    after_v: f64,
}

/// The position and size of each lane across the flow.
#[derive(Debug, Clone)]
struct LaneBands {
    start: Vec<f64>,
    size: Vec<f64>,
    /// Start and size of each slot of each lane; each slot fits its
    /// tallest node.
    slot_start: Vec<Vec<f64>>,
    slot_size: Vec<Vec<f64>>,
    /// Position of the shape centres of each slot.
    slot_center: Vec<Vec<f64>>,
    titles: Vec<Vec<String>>,
    /// Size of the header row when lanes are columns.
    header_height: f64,
    total: f64,
}

/// Lays out one process of the model.
pub fn layout(model: &Model, process: &Process, options: &LayoutOptions) -> Diagram {
    let vertical = options.direction == Direction::Vertical;
    let outgoing = ranks::outgoing(process);
    let phased = phases::rank(process, ranks::back_edges(process, &outgoing));
    let grid = order::grid(process, phased.rank.clone());

    let sized: Vec<Option<shapes::Sized>> = (0..process.nodes.len())
        .map(|n| grid.lane[n].map(|_| shapes::size(&process.nodes[n], &options.fonts, vertical)))
        .collect();
    let extents: Vec<Extent> =
        sized.iter().map(|s| s.as_ref().map(|s| extent(s, vertical)).unwrap_or_default()).collect();

    let bands = lane_bands(model, &grid, &extents, options);
    let center_v: Vec<f64> = (0..process.nodes.len())
        .map(|n| match grid.lane[n] {
            Some(lane) => bands.slot_center[lane][grid.slot[n]],
            None => 0.0,
        })
        .collect();

    let geometry =
        route::Geometry { grid: &grid, extents: &extents, center_v: &center_v, bands: &bands, vertical };
    let routed = route::route(process, &phased.back, &geometry, &options.fonts);

    let placed = Placed { grid: &grid, sized: &sized, extents: &extents, bands: &bands, center_v: &center_v };
    assemble(model, process, options, &placed, &phased, routed)
}

/// Lists the control-flow steps in the order a reader meets them in the
/// chart: by rank along the flow, then by lane in drawing order, then by
/// declaration. Documents number their steps this way, so that the steps
/// table follows the chart.
pub fn reading_order(process: &Process) -> Vec<NodeIndex> {
    let outgoing = ranks::outgoing(process);
    let phased = phases::rank(process, ranks::back_edges(process, &outgoing));
    let grid = order::grid(process, phased.rank);

    let mut steps: Vec<NodeIndex> = process.flow_nodes().collect();
    steps.sort_by_key(|node| {
        (grid.rank[node.index()], grid.lane[node.index()], grid.slot[node.index()], node.index())
    });
    steps
}

/// The nodes placed in their lanes and slots, before mapping to the screen.
struct Placed<'a> {
    grid: &'a order::Grid,
    sized: &'a [Option<shapes::Sized>],
    extents: &'a [Extent],
    bands: &'a LaneBands,
    center_v: &'a [f64],
}

/// Converts a node's screen size to its abstract extent.
fn extent(sized: &shapes::Sized, vertical: bool) -> Extent {
    let (shape_u, shape_v) = if vertical { (sized.height, sized.width) } else { (sized.width, sized.height) };
    let (caption_u, caption_v) = match (sized.caption, vertical) {
        (false, _) => (0.0, 0.0),
        (true, false) => (sized.label_width, CAPTION_GAP + sized.label_height),
        (true, true) => (sized.label_height, CAPTION_GAP + sized.label_width),
    };
    Extent {
        shape_u,
        shape_v,
        half_u: shape_u.max(caption_u) / 2.0,
        before_v: shape_v / 2.0,
        after_v: shape_v / 2.0 + caption_v,
    }
}

/// Sizes the lanes: each slot fits the lane's tallest node with padding,
/// and each lane fits its header.
fn lane_bands(model: &Model, grid: &order::Grid, extents: &[Extent], options: &LayoutOptions) -> LaneBands {
    let vertical = options.direction == Direction::Vertical;
    let font = options.fonts.header;
    let line = font * LINE_HEIGHT;
    let lane_count = grid.lanes.len();
    let mut before: Vec<Vec<f64>> = grid.slots.iter().map(|&count| vec![20.0; count]).collect();
    let mut after = before.clone();
    for (node, lane) in grid.lane.iter().enumerate() {
        if let Some(lane) = *lane {
            let slot = grid.slot[node];
            before[lane][slot] = before[lane][slot].max(extents[node].before_v);
            after[lane][slot] = after[lane][slot].max(extents[node].after_v);
        }
    }

    let mut bands = LaneBands {
        start: Vec::new(),
        size: Vec::new(),
        slot_start: Vec::new(),
        slot_size: Vec::new(),
        slot_center: Vec::new(),
        titles: Vec::new(),
        header_height: 0.0,
        total: 0.0,
    };
    for lane in 0..lane_count {
        let name = match grid.lanes[lane] {
            Some(role) => model.role(role).display_name(),
            None => "未指定角色 No role",
        };
        let slot_size: Vec<f64> = (0..grid.slots[lane])
            .map(|slot| 2.0 * SLOT_PADDING + before[lane][slot] + after[lane][slot])
            .collect();
        let mut size: f64 = slot_size.iter().sum();
        let title = if vertical {
            size = size.max(MIN_LANE_WIDTH);
            wrap(name, size - 16.0, font)
        } else {
            let title = wrap(name, HEADER_WIDTH - 16.0, font);
            size = size.max(title.len() as f64 * line + 16.0);
            title
        };
        let mut cursor = bands.total;
        let mut slot_start = Vec::new();
        let mut slot_center = Vec::new();
        for (slot, &slot_size) in slot_size.iter().enumerate() {
            slot_start.push(cursor);
            slot_center.push(cursor + SLOT_PADDING + before[lane][slot]);
            cursor += slot_size;
        }
        bands.header_height = bands.header_height.max(title.len() as f64 * line + 16.0);
        bands.start.push(bands.total);
        bands.size.push(size);
        bands.slot_start.push(slot_start);
        bands.slot_size.push(slot_size);
        bands.slot_center.push(slot_center);
        bands.titles.push(title);
        bands.total += size;
    }
    bands
}

/// Maps the abstract layout to screen coordinates and builds the diagram.
fn assemble(
    model: &Model,
    process: &Process,
    options: &LayoutOptions,
    placed: &Placed,
    phased: &phases::Phased,
    routed: route::Routed,
) -> Diagram {
    let vertical = options.direction == Direction::Vertical;
    let (grid, bands) = (placed.grid, placed.bands);
    // A short-form file has one process, named by the file's title.
    let title = match (&process.title, process.short_form) {
        (None, true) => model.title.clone().unwrap_or_else(|| process.id.clone()),
        _ => process.display_name().to_string(),
    };
    let title_height = options.fonts.title * LINE_HEIGHT + 20.0;
    let spans = phase_spans(phased, &routed);
    let phase_titles = phase_titles(phased, &spans, options);
    let phase_header = phase_header_size(&phase_titles, options);
    let (origin_x, origin_y) = if vertical {
        (phase_header, title_height + bands.header_height)
    } else {
        (HEADER_WIDTH, title_height + phase_header)
    };
    let map = Mapper { vertical, origin_x, origin_y };

    let content_width = if vertical { origin_x + bands.total } else { HEADER_WIDTH + routed.total_u };
    let content_height = if vertical { origin_y + routed.total_u } else { origin_y + bands.total };
    let title_width = text_width(&title, options.fonts.title).ceil();
    let width = content_width.max(title_width + 2.0 * MARGIN);
    let frame = Frame { map, title_height, width, height: content_height };

    let lanes = (0..grid.lanes.len()).map(|lane| lane_geometry(bands, lane, &frame)).collect();
    let phases = phase_bands(phased, &spans, phase_titles, bands, &frame);
    let phase_of_rank = |rank: usize| {
        (!phases.is_empty())
            .then(|| phased.first_rank.partition_point(|&first| first <= rank).saturating_sub(1))
    };

    let numbers = key_nodes::numbered(process);
    let mut index_of = vec![usize::MAX; process.nodes.len()];
    let mut nodes = Vec::new();
    for (node, index) in index_of.iter_mut().enumerate() {
        let (Some(lane), Some(sized)) = (grid.lane[node], &placed.sized[node]) else { continue };
        let center_u = routed.rank_center[grid.rank[node]];
        let e = &placed.extents[node];
        let shape_box = map.rect(
            center_u - e.shape_u / 2.0,
            placed.center_v[node] - e.shape_v / 2.0,
            e.shape_u,
            e.shape_v,
        );
        let label_box = label_box(sized, &shape_box, vertical);
        *index = nodes.len();
        nodes.push(DiagramNode {
            id: process.nodes[node].id.clone(),
            shape: sized.shape,
            shape_box,
            label: sized.label.clone(),
            label_box,
            key_number: numbers.iter().find(|(_, index)| index.index() == node).map(|(number, _)| *number),
            lane,
            phase: phase_of_rank(grid.rank[node]),
        });
    }

    let associations = associations(placed, &routed.rank_center, &map, &index_of);
    let edges: Vec<_> = routed.edges.into_iter().map(|edge| edge.into_diagram(&map, &index_of)).collect();
    let legend = options
        .legend
        .then(|| {
            let top = content_height + LEGEND_GAP;
            legend::legend(&nodes, &edges, options.fonts.legend, vertical, MARGIN, top, width - 2.0 * MARGIN)
        })
        .flatten();
    let (width, height) = match &legend {
        Some(legend) => (width.max(legend.bounds.right() + MARGIN), legend.bounds.bottom() + MARGIN),
        None => (width, content_height),
    };
    Diagram {
        width: width.ceil(),
        height: height.ceil(),
        direction: options.direction,
        title,
        title_box: Rect { x: MARGIN, y: 10.0, width: title_width, height: options.fonts.title * LINE_HEIGHT },
        fonts: options.fonts,
        lanes,
        phases,
        nodes,
        edges,
        associations,
        legend,
    }
}

/// The mapping to the screen and the size of the chart without its legend.
struct Frame {
    map: Mapper,
    title_height: f64,
    width: f64,
    height: f64,
}

/// Places one lane with its header.
fn lane_geometry(bands: &LaneBands, lane: usize, frame: &Frame) -> Lane {
    let size = bands.size[lane];
    let (bounds, header) = if frame.map.vertical {
        let x = frame.map.origin_x + bands.start[lane];
        let y = frame.title_height;
        (
            Rect { x, y, width: size, height: frame.height - y },
            Rect { x, y, width: size, height: bands.header_height },
        )
    } else {
        let y = frame.map.origin_y + bands.start[lane];
        (
            Rect { x: 0.0, y, width: frame.width, height: size },
            Rect { x: 0.0, y, width: HEADER_WIDTH, height: size },
        )
    };
    Lane { title: bands.titles[lane].clone(), bounds, header }
}

/// Computes the start and end of each phase along the flow. Neighbouring
/// phases meet at the divider of the channel between them.
fn phase_spans(phased: &phases::Phased, routed: &route::Routed) -> Vec<(f64, f64)> {
    let count = phased.names.len();
    (0..count)
        .map(|phase| {
            let start = if phase == 0 { 0.0 } else { routed.channel_divider[phased.first_rank[phase]] };
            let end = if phase + 1 == count {
                routed.total_u
            } else {
                routed.channel_divider[phased.first_rank[phase + 1]]
            };
            (start, end)
        })
        .collect()
}

/// Wraps each phase name to fit its header.
fn phase_titles(phased: &phases::Phased, spans: &[(f64, f64)], options: &LayoutOptions) -> Vec<Vec<String>> {
    let font = options.fonts.header;
    phased
        .names
        .iter()
        .zip(spans)
        .map(|(name, (start, end))| match options.direction {
            Direction::Vertical => wrap(name, PHASE_HEADER_WIDTH - 16.0, font),
            Direction::Horizontal => wrap(name, end - start - 12.0, font),
        })
        .collect()
}

/// Computes the size across the flow of the phase header row or column,
/// which is zero without phases.
fn phase_header_size(titles: &[Vec<String>], options: &LayoutOptions) -> f64 {
    if titles.is_empty() {
        return 0.0;
    }
    match options.direction {
        Direction::Vertical => PHASE_HEADER_WIDTH,
        Direction::Horizontal => {
            let lines = titles.iter().map(Vec::len).max().unwrap_or(1);
            lines as f64 * options.fonts.header * LINE_HEIGHT + 16.0
        }
    }
}

/// Places the phase bands across every lane. The last band reaches the
/// end of the lanes, which can be wider than the flow under a long title.
fn phase_bands(
    phased: &phases::Phased,
    spans: &[(f64, f64)],
    titles: Vec<Vec<String>>,
    bands: &LaneBands,
    frame: &Frame,
) -> Vec<Phase> {
    let map = &frame.map;
    let count = spans.len();
    phased
        .names
        .iter()
        .zip(spans)
        .zip(titles)
        .enumerate()
        .map(|(index, ((name, &(start, end)), title))| {
            let (bounds, header) = if map.vertical {
                let y = map.origin_y + start;
                let bottom = if index + 1 == count { frame.height } else { map.origin_y + end };
                let height = bottom - y;
                (
                    Rect { x: 0.0, y, width: map.origin_x + bands.total, height },
                    Rect { x: 0.0, y, width: map.origin_x, height },
                )
            } else {
                let x = map.origin_x + start;
                let right = if index + 1 == count { frame.width } else { map.origin_x + end };
                let width = right - x;
                let y = frame.title_height;
                (
                    Rect { x, y, width, height: map.origin_y - y + bands.total },
                    Rect { x, y, width, height: map.origin_y - y },
                )
            };
            Phase { name: name.clone(), title, bounds, header }
        })
        .collect()
}

/// Joins each document, store or note to the step it sits beside, unless
/// the step has a caption on that side. The line runs straight from the
/// step to the artefact when nothing lies between them. Otherwise it
/// leaves the step's downstream side and runs past everything in the cell,
/// so that artefacts stacked under one step are each joined to it. An
/// artefact that other steps also use is joined to the first only.
fn associations(placed: &Placed, rank_center: &[f64], map: &Mapper, index_of: &[usize]) -> Vec<Association> {
    let Placed { grid, sized, extents, center_v, .. } = *placed;
    let mut found = Vec::new();
    for (artefact, anchor) in grid.anchor.iter().enumerate() {
        let Some(step) = *anchor else { continue };
        let captioned = sized[step].as_ref().is_some_and(|sized| sized.caption);
        let (low, high) = (grid.slot[step], grid.slot[artefact]);
        // A caption under the step would lie across the line.
        if captioned || high <= low {
            continue;
        }
        let cell: Vec<usize> = (0..grid.lane.len())
            .filter(|&other| {
                grid.lane[other].is_some()
                    && grid.lane[other] == grid.lane[step]
                    && grid.rank[other] == grid.rank[step]
            })
            .collect();
        let between = cell.iter().any(|&other| grid.slot[other] > low && grid.slot[other] < high);

        let u = rank_center[grid.rank[step]];
        let points = if between {
            // Past the widest node of the cell, inside the channel margin
            // that edge tracks keep free.
            let side = cell.iter().map(|&other| extents[other].half_u).fold(0.0, f64::max) + SIDE_GAP;
            let leave_v = center_v[step] + extents[step].shape_v / 4.0;
            vec![
                map.point(u + extents[step].shape_u / 2.0, leave_v),
                map.point(u + side, leave_v),
                map.point(u + side, center_v[artefact]),
                map.point(u + extents[artefact].shape_u / 2.0, center_v[artefact]),
            ]
        } else {
            vec![
                map.point(u, center_v[step] + extents[step].shape_v / 2.0),
                map.point(u, center_v[artefact] - extents[artefact].shape_v / 2.0),
            ]
        };
        found.push(Association { step: index_of[step], artefact: index_of[artefact], points });
    }
    found
}

/// Places a node's label: centred in the shape, a little off centre in
/// documents and stores, or beside small shapes.
fn label_box(sized: &shapes::Sized, shape: &Rect, vertical: bool) -> Rect {
    let (width, height) = (sized.label_width, sized.label_height);
    let center = shape.center();
    if sized.caption {
        return if vertical {
            Rect { x: shape.right() + CAPTION_GAP, y: center.y - height / 2.0, width, height }
        } else {
            Rect { x: center.x - width / 2.0, y: shape.bottom() + CAPTION_GAP, width, height }
        };
    }
    let shift = match sized.shape {
        crate::render::diagram::Shape::Document => -4.0,
        crate::render::diagram::Shape::Store => 5.0,
        _ => 0.0,
    };
    Rect { x: center.x - width / 2.0, y: center.y - height / 2.0 + shift, width, height }
}

/// Maps abstract `(u, v)` coordinates to the screen.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mapper {
    vertical: bool,
    origin_x: f64,
    origin_y: f64,
}

impl Mapper {
    fn point(&self, u: f64, v: f64) -> crate::render::diagram::Point {
        use crate::render::diagram::Point;
        if self.vertical {
            Point { x: self.origin_x + v, y: self.origin_y + u }
        } else {
            Point { x: self.origin_x + u, y: self.origin_y + v }
        }
    }

    fn rect(&self, u: f64, v: f64, size_u: f64, size_v: f64) -> Rect {
        let corner = self.point(u, v);
        if self.vertical {
            Rect { x: corner.x, y: corner.y, width: size_v, height: size_u }
        } else {
            Rect { x: corner.x, y: corner.y, width: size_u, height: size_v }
        }
    }
}
