//! Orthogonal edge routing through the channels between ranks and the
//! padding bands of slots.
//!
//! A flow to the next rank turns once, in the channel between the two
//! ranks. A longer flow, and every flow that goes back against the flow,
//! leaves its source into the next channel, runs along the padding band
//! of the source's slot to the channel before the target, and enters the
//! target from there. A longer flow whose straight line meets no node is
//! drawn straight. Each turn in a channel gets its own track, so no two
//! edges share a segment there.

use std::collections::BTreeMap;

use super::order::Grid;
use super::shapes::LINE_HEIGHT;
use super::{Extent, LaneBands, Mapper, SLOT_PADDING};
use crate::model::Process;
use crate::render::diagram::{DiagramEdge, EdgeLabel, FontSizes, Point};
use crate::render::text::text_width;

/// Space between a channel's edge and its first track.
const CHANNEL_MARGIN: f64 = 14.0;
/// Space between tracks in a channel.
const TRACK_SPACING: f64 = 8.0;
/// Narrowest channel.
const MIN_CHANNEL: f64 = 40.0;
/// Space between tracks in a slot's padding band.
const BAND_SPACING: f64 = 5.0;
/// Tracks in one padding band, kept clear of the key-node badges.
const BAND_TRACKS: usize = 3;

/// The placed nodes that routing reads.
pub(super) struct Geometry<'a> {
    pub grid: &'a Grid,
    pub extents: &'a [Extent],
    pub center_v: &'a [f64],
    pub bands: &'a LaneBands,
    pub vertical: bool,
}

/// The route of an edge from its source to its target.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// A straight line; a labelled one takes a track in the next channel
    /// that only places its label.
    Straight { label_track: Option<usize> },
    /// One turn, in the channel before the target's rank.
    OneTurn { track: usize },
    /// Along the padding band at `band_v`, turning in two channels.
    Around { first_track: usize, last_track: usize, band_v: f64 },
}

/// An edge in abstract coordinates.
#[derive(Debug, Clone)]
pub(super) struct RoutedEdge {
    from: usize,
    to: usize,
    back: bool,
    /// `(u, v)` pairs.
    points: Vec<(f64, f64)>,
    /// Text and abstract box `(u, v, size_u, size_v)`.
    label: Option<(String, (f64, f64, f64, f64))>,
}

impl RoutedEdge {
    pub(super) fn into_diagram(self, map: &Mapper, index_of: &[usize]) -> DiagramEdge {
        let points: Vec<Point> = self.points.iter().map(|&(u, v)| map.point(u, v)).collect();
        let label = self
            .label
            .map(|(text, (u, v, size_u, size_v))| EdgeLabel { text, bounds: map.rect(u, v, size_u, size_v) });
        DiagramEdge { from: index_of[self.from], to: index_of[self.to], points, label, back: self.back }
    }
}

/// Routed edges and the positions along the flow that they fixed.
pub(super) struct Routed {
    pub edges: Vec<RoutedEdge>,
    pub rank_center: Vec<f64>,
    /// A line across each channel, before each rank and after the last,
    /// that lies between the nodes before it and the channel's first track,
    /// so no edge segment runs along it.
    pub channel_divider: Vec<f64>,
    pub total_u: f64,
}

/// Joins a flow's branch name and probability into the text of its label.
pub fn label_text(label: Option<&str>, probability: Option<f64>) -> Option<String> {
    let percent = probability.map(|p| {
        let percent = p * 100.0;
        if (percent - percent.round()).abs() < 0.05 {
            format!("{percent:.0}%")
        } else {
            format!("{percent:.1}%")
        }
    });
    match (label, percent) {
        (Some(label), Some(percent)) => Some(format!("{label} {percent}")),
        (Some(label), None) => Some(label.to_string()),
        (None, Some(percent)) => Some(percent),
        (None, None) => None,
    }
}

/// A flow with its plan and its label's text and abstract size.
struct Planned {
    from: usize,
    to: usize,
    back: bool,
    plan: Plan,
    label: Option<(String, (f64, f64))>,
}

/// Positions along the flow, fixed once the channels' widths are known.
struct Positions {
    channel_start: Vec<f64>,
    rank_center: Vec<f64>,
    channel_divider: Vec<f64>,
    /// Offset of each track from its channel's first track.
    track_offsets: Vec<Vec<f64>>,
    total_u: f64,
}

impl Positions {
    fn track_u(&self, channel: usize, track: usize) -> f64 {
        self.channel_start[channel] + CHANNEL_MARGIN + self.track_offsets[channel][track]
    }
}

/// Routes every flow between drawn nodes.
pub(super) fn route(process: &Process, back: &[bool], geometry: &Geometry, fonts: &FontSizes) -> Routed {
    let (planned, tracks) = plan_edges(process, back, geometry, fonts);
    let positions = positions(geometry, &tracks);
    let edges = planned.into_iter().map(|planned| draw_edge(planned, geometry, &positions)).collect();
    Routed {
        edges,
        rank_center: positions.rank_center,
        channel_divider: positions.channel_divider,
        total_u: positions.total_u,
    }
}

/// A track of a channel, as planning leaves it.
#[derive(Debug, Clone, Copy, Default)]
struct Track {
    /// Size along the flow of the label beside the track, or zero.
    label: f64,
    /// True when later tracks of the channel move past the label, because
    /// sibling labels beside them would lie at the same place across the
    /// flow.
    clear_label: bool,
}

/// Plans each flow and gives it its tracks. Returns the plans and the
/// tracks of each channel.
fn plan_edges(
    process: &Process,
    back: &[bool],
    geometry: &Geometry,
    fonts: &FontSizes,
) -> (Vec<Planned>, Vec<Vec<Track>>) {
    let grid = geometry.grid;
    let mut tracks: Vec<Vec<Track>> = vec![Vec::new(); grid.rank_count + 1];
    let mut band_tracks: BTreeMap<(usize, usize, bool), usize> = BTreeMap::new();
    let by_rank = nodes_by_rank(grid);

    let mut planned = Vec::new();
    for (index, flow) in process.flows.iter().enumerate() {
        let (a, b) = (flow.from, flow.to);
        if a >= grid.lane.len() || b >= grid.lane.len() || grid.lane[a].is_none() || grid.lane[b].is_none() {
            continue;
        }
        let backwards = back[index] || a == b;
        let (rank_a, rank_b) = (grid.rank[a], grid.rank[b]);
        let (va, vb) = (geometry.center_v[a], geometry.center_v[b]);
        let mut take_track = |channel: usize| {
            tracks[channel].push(Track::default());
            tracks[channel].len() - 1
        };
        let mut plan =
            if !backwards && (va - vb).abs() < 0.01 && clear(&by_rank, geometry, rank_a + 1, rank_b, va) {
                Plan::Straight { label_track: None }
            } else if !backwards && rank_b == rank_a + 1 {
                Plan::OneTurn { track: take_track(rank_b) }
            } else {
                let below = backwards || vb >= va;
                let first_track = take_track(rank_a + 1);
                let last_track = take_track(rank_b);
                let band = band_tracks.entry((grid.lane[a].unwrap_or(0), grid.slot[a], below)).or_insert(0);
                let band_v = band_position(geometry, a, below, *band);
                *band += 1;
                Plan::Around { first_track, last_track, band_v }
            };

        // A label sits beside a track of the channel after the source.
        let text = label_text(flow.label.as_deref(), flow.probability);
        let label_size = text.as_deref().map(|text| label_size(text, fonts, geometry.vertical));
        if let Some((size_u, _)) = label_size {
            let channel = rank_a + 1;
            match &mut plan {
                // A straight flow's label sits over the line, where a
                // sibling flow that turns in the same channel would cross
                // it, so later tracks move past the label.
                Plan::Straight { label_track } => {
                    tracks[channel].push(Track { label: size_u, clear_label: true });
                    *label_track = Some(tracks[channel].len() - 1);
                }
                Plan::OneTurn { track } => tracks[channel][*track].label = size_u,
                // Flows that go around from one source all turn between
                // the source and the padding band, so their labels would
                // stack on each other.
                Plan::Around { first_track, .. } => {
                    tracks[channel][*first_track] = Track { label: size_u, clear_label: true }
                }
            }
        }
        planned.push(Planned { from: a, to: b, back: backwards, plan, label: text.zip(label_size) });
    }
    (planned, tracks)
}

/// Sizes the channels and ranks and lays them out along the flow.
fn positions(geometry: &Geometry, tracks: &[Vec<Track>]) -> Positions {
    let grid = geometry.grid;
    let rank_count = grid.rank_count;
    let mut channel_need = vec![MIN_CHANNEL; rank_count + 1];
    let track_offsets = track_offsets(tracks, geometry.vertical, &mut channel_need);

    let mut rank_size = vec![20.0f64; rank_count];
    for (node, lane) in grid.lane.iter().enumerate() {
        if lane.is_some() {
            rank_size[grid.rank[node]] = rank_size[grid.rank[node]].max(2.0 * geometry.extents[node].half_u);
        }
    }
    let mut channel_start = vec![0.0; rank_count + 1];
    let mut rank_center = vec![0.0; rank_count];
    let mut cursor = 0.0;
    for rank in 0..rank_count {
        channel_start[rank] = cursor;
        cursor += channel_need[rank];
        rank_center[rank] = cursor + rank_size[rank] / 2.0;
        cursor += rank_size[rank];
    }
    channel_start[rank_count] = cursor;
    let total_u = cursor + channel_need[rank_count];
    let channel_divider = channel_start.iter().map(|start| start + CHANNEL_MARGIN / 2.0).collect();
    Positions { channel_start, rank_center, channel_divider, track_offsets, total_u }
}

/// Turns a planned flow into its polyline and label box.
fn draw_edge(planned: Planned, geometry: &Geometry, positions: &Positions) -> RoutedEdge {
    let grid = geometry.grid;
    let Planned { from: a, to: b, back, plan, label } = planned;
    let (rank_a, rank_b) = (grid.rank[a], grid.rank[b]);
    let (va, vb) = (geometry.center_v[a], geometry.center_v[b]);
    let source = (positions.rank_center[rank_a] + geometry.extents[a].shape_u / 2.0, va);
    let target = (positions.rank_center[rank_b] - geometry.extents[b].shape_u / 2.0, vb);
    let points = match plan {
        Plan::Straight { .. } => vec![source, target],
        Plan::OneTurn { track } => {
            let u = positions.track_u(rank_b, track);
            vec![source, (u, va), (u, vb), target]
        }
        Plan::Around { first_track, last_track, band_v } => {
            let first = positions.track_u(rank_a + 1, first_track);
            let last = positions.track_u(rank_b, last_track);
            vec![source, (first, va), (first, band_v), (last, band_v), (last, vb), target]
        }
    };

    let total_v = geometry.bands.total;
    let label = label.map(|(text, (size_u, size_v))| {
        let (u, v) = match plan {
            Plan::Straight { label_track } => {
                let u = positions.track_u(rank_a + 1, label_track.unwrap_or(0));
                (u + 4.0, beside(va, size_v, total_v))
            }
            // On the segment that enters the target, just past the turn.
            Plan::OneTurn { .. } => (points[1].0 + 4.0, beside(vb, size_v, total_v)),
            // Beside the short first turn, which only this edge uses.
            Plan::Around { band_v, .. } => {
                let v = ((va + band_v) / 2.0 - size_v / 2.0).clamp(0.0, total_v - size_v);
                (points[1].0 + 4.0, v)
            }
        };
        (text, (u, v, size_u, size_v))
    });
    RoutedEdge { from: a, to: b, back, points, label }
}

/// Places a label of size `size_v` across the flow beside a line at `v`:
/// before it, or after it when the space before is too small, as next to
/// the first lane.
fn beside(v: f64, size_v: f64, total: f64) -> f64 {
    let before = v - size_v - 2.0;
    if before >= 0.0 || v + 2.0 + size_v > total { before.max(0.0) } else { v + 2.0 }
}

/// Spaces the tracks of each channel and widens channels to fit their
/// tracks and labels. A label lies beside its track, across the tracks
/// after it. When the flow runs top to bottom, the label is one line high
/// along the flow, so the next track moves past it and labels of sibling
/// branches stay apart; a track marked `clear_label` does so in both
/// directions.
fn track_offsets(tracks: &[Vec<Track>], vertical: bool, channel_need: &mut [f64]) -> Vec<Vec<f64>> {
    let mut offsets = Vec::with_capacity(tracks.len());
    for (channel, channel_tracks) in tracks.iter().enumerate() {
        let mut cursor = 0.0;
        let mut channel_offsets = Vec::with_capacity(channel_tracks.len());
        for track in channel_tracks {
            channel_offsets.push(cursor);
            let label = track.label;
            let label_room = if label > 0.0 { 4.0 + label } else { 0.0 };
            channel_need[channel] = channel_need[channel].max(2.0 * CHANNEL_MARGIN + cursor + label_room);
            let moves_past = (vertical || track.clear_label) && label > 0.0;
            cursor += if moves_past { TRACK_SPACING.max(label_room) } else { TRACK_SPACING };
        }
        offsets.push(channel_offsets);
    }
    offsets
}

/// Drawn nodes of each rank.
fn nodes_by_rank(grid: &Grid) -> Vec<Vec<usize>> {
    let mut by_rank = vec![Vec::new(); grid.rank_count];
    for (node, lane) in grid.lane.iter().enumerate() {
        if lane.is_some() {
            by_rank[grid.rank[node]].push(node);
        }
    }
    by_rank
}

/// True when no node of the ranks `first..end` reaches across `v`.
fn clear(by_rank: &[Vec<usize>], geometry: &Geometry, first: usize, end: usize, v: f64) -> bool {
    (first..end).all(|rank| {
        by_rank[rank].iter().all(|&node| {
            let extent = &geometry.extents[node];
            let center = geometry.center_v[node];
            v <= center - extent.before_v - 1.0 || v >= center + extent.after_v + 1.0
        })
    })
}

/// Computes the position across the flow of a track in the padding band
/// before or after a node's slot.
fn band_position(geometry: &Geometry, node: usize, after: bool, track: usize) -> f64 {
    let grid = geometry.grid;
    let lane = grid.lane[node].unwrap_or(0);
    let slot_size = geometry.bands.slot_size[lane][grid.slot[node]];
    let slot_start = geometry.bands.slot_start[lane][grid.slot[node]];
    // NOTE: a fourth edge along the same side of a slot reuses the first
    // track, so its segment there can run on top of another edge's.
    let offset = 4.0 + (track % BAND_TRACKS) as f64 * BAND_SPACING;
    debug_assert!(offset < SLOT_PADDING - 9.0);
    if after { slot_start + slot_size - offset } else { slot_start + offset }
}

/// Measures the abstract size of an edge label's box, with a little room
/// around the text.
fn label_size(text: &str, fonts: &FontSizes, vertical: bool) -> (f64, f64) {
    let width = (text_width(text, fonts.edge) + 6.0).ceil();
    let height = fonts.edge * LINE_HEIGHT + 2.0;
    if vertical { (height, width) } else { (width, height) }
}
