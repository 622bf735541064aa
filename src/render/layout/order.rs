//! Lanes, and the order of nodes inside each lane.
//!
//! Nodes of one lane and one rank share a cell; each takes a slot, a row
//! of the lane across the flow. The lane has as many slots as its fullest
//! cell. A barycentre sweep orders each cell by the mean slot of the
//! node's neighbours in earlier ranks, then in later ones, and moves a
//! node towards its neighbours' slot when the cell leaves room.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::model::{NodeKind, Process, RoleId};

/// Down-and-up sweeps of the barycentre ordering.
const SWEEPS: usize = 4;

/// Lanes and each node's cell and slot.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The role of each lane, in drawing order; `None` for steps without a role.
    pub lanes: Vec<Option<RoleId>>,
    /// The lane of each node; `None` for nodes that are not drawn.
    pub lane: Vec<Option<usize>>,
    pub rank: Vec<usize>,
    pub slot: Vec<usize>,
    /// Slots per lane, at least one.
    pub slots: Vec<usize>,
    pub rank_count: usize,
    /// True for documents, stores and notes, which sort after the steps of
    /// their cell so that the flow keeps the upper slots of a lane.
    pub artefact: Vec<bool>,
    /// For a document, store or note, the step it is placed beside.
    pub anchor: Vec<Option<usize>>,
}

/// Puts each node in a lane: the process's declared lanes first, then roles
/// in the order steps first use them, then one lane for the rest.
fn lanes(process: &Process, rank: &mut [usize]) -> Placement {
    let mut lanes: Vec<Option<RoleId>> = process.lanes.iter().copied().map(Some).collect();
    let mut lane_of: Vec<Option<usize>> = vec![None; process.nodes.len()];
    let lane_index = |lanes: &mut Vec<Option<RoleId>>, role: Option<RoleId>| {
        lanes.iter().position(|&lane| lane == role).unwrap_or_else(|| {
            lanes.push(role);
            lanes.len() - 1
        })
    };

    // Roles that steps use, in declaration order; the lane for steps
    // without a role comes after every role's lane.
    for (index, node) in process.nodes.iter().enumerate() {
        if node.kind.is_flow_node() && node.role.is_some() {
            lane_of[index] = Some(lane_index(&mut lanes, node.role));
        }
    }
    // Events and gateways without a role sit in the lane of the work they
    // start, follow or route, as in a hand-drawn swimlane chart. Only steps
    // connected to no performer at all go to the lane without a role.
    let after_performer = spread_lanes(process, &lane_of, Direction::Outgoing);
    let before_performer = spread_lanes(process, &lane_of, Direction::Incoming);
    for (index, node) in process.nodes.iter().enumerate() {
        if node.kind.is_flow_node() && node.role.is_none() {
            let inherited = match node.kind {
                NodeKind::Start => before_performer[index].or(after_performer[index]),
                _ => after_performer[index].or(before_performer[index]),
            };
            lane_of[index] = Some(inherited.unwrap_or_else(|| lane_index(&mut lanes, None)));
        }
    }

    // Documents, stores and notes go beside the first step that uses them.
    let mut anchors = vec![None; process.nodes.len()];
    for (index, node) in process.nodes.iter().enumerate() {
        if node.kind.is_flow_node() {
            continue;
        }
        let anchor = match node.kind {
            NodeKind::Note => node.note_on,
            _ => process
                .nodes
                .iter()
                .position(|step| step.reads.contains(&index) || step.writes.contains(&index)),
        };
        let anchor = anchor.filter(|&anchor| lane_of[anchor].is_some());
        match anchor {
            Some(anchor) => {
                anchors[index] = Some(anchor);
                lane_of[index] = lane_of[anchor];
                rank[index] = rank[anchor];
            }
            None => lane_of[index] = Some(lane_index(&mut lanes, node.role)),
        }
    }
    Placement { lanes, lane_of, anchors }
}

/// Gives each node without a lane the lane of the nearest performed step
/// that reaches it along flows in `direction`: `Outgoing` finds the step
/// before a node, `Incoming` the step after it. One breadth-first walk
/// from every performed step at once keeps this linear in the size of the
/// process. Nodes are taken in declaration order and flows in the order
/// written, so the choice is stable.
fn spread_lanes(
    process: &Process,
    performer_lanes: &[Option<usize>],
    direction: Direction,
) -> Vec<Option<usize>> {
    let mut lane = performer_lanes.to_vec();
    let mut queue: std::collections::VecDeque<usize> =
        (0..process.nodes.len()).filter(|&node| performer_lanes[node].is_some()).collect();
    while let Some(current) = queue.pop_front() {
        let mut next: Vec<(usize, usize)> = process
            .graph
            .edges_directed(NodeIndex::new(current), direction)
            .map(|edge| {
                let other = if direction == Direction::Outgoing { edge.target() } else { edge.source() };
                (*edge.weight(), other.index())
            })
            .collect();
        next.sort_unstable();
        for (_, other) in next {
            if lane[other].is_none() {
                lane[other] = lane[current];
                queue.push_back(other);
            }
        }
    }
    lane
}

/// Lanes in drawing order, each node's lane, and the anchors of
/// documents, stores and notes.
struct Placement {
    lanes: Vec<Option<RoleId>>,
    lane_of: Vec<Option<usize>>,
    anchors: Vec<Option<usize>>,
}

/// Builds the grid and orders each cell.
pub fn grid(process: &Process, mut rank: Vec<usize>) -> Grid {
    let Placement { lanes, lane_of: lane, anchors: anchor } = lanes(process, &mut rank);
    let rank_count = (0..rank.len()).filter(|&n| lane[n].is_some()).map(|n| rank[n] + 1).max().unwrap_or(0);

    // Cells in declaration order first.
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); lanes.len() * rank_count];
    for node in 0..rank.len() {
        if let Some(lane) = lane[node] {
            cells[lane * rank_count + rank[node]].push(node);
        }
    }
    let mut slots = vec![1usize; lanes.len()];
    for (index, cell) in cells.iter().enumerate() {
        let lane = index / rank_count.max(1);
        slots[lane] = slots[lane].max(cell.len());
    }
    let mut slot = vec![0usize; rank.len()];
    for cell in &cells {
        for (position, &node) in cell.iter().enumerate() {
            slot[node] = position;
        }
    }

    let artefact = process.nodes.iter().map(|node| !node.kind.is_flow_node()).collect();
    let mut grid = Grid { lanes, lane, rank, slot, slots, rank_count, artefact, anchor };
    let (predecessors, successors) = neighbours(process, &grid);
    for _ in 0..SWEEPS {
        for rank in 0..rank_count {
            reorder_rank(&mut grid, &mut cells, rank, &predecessors);
        }
        for rank in (0..rank_count).rev() {
            reorder_rank(&mut grid, &mut cells, rank, &successors);
        }
    }
    grid
}

/// Drawn neighbours of each node in earlier and in later ranks.
fn neighbours(process: &Process, grid: &Grid) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut predecessors = vec![Vec::new(); grid.rank.len()];
    let mut successors = vec![Vec::new(); grid.rank.len()];
    for flow in &process.flows {
        let (a, b) = (flow.from, flow.to);
        if a >= grid.rank.len() || b >= grid.rank.len() || grid.rank[a] == grid.rank[b] {
            continue;
        }
        let (early, late) = if grid.rank[a] < grid.rank[b] { (a, b) } else { (b, a) };
        predecessors[late].push(early);
        successors[early].push(late);
    }
    (predecessors, successors)
}

/// Reorders every cell of one rank by the barycentre of each node's
/// neighbours, then gives each node the slot nearest the mean slot of its
/// neighbours in the same lane that keeps the order. Neighbours in other
/// lanes order a cell but do not pull a node across its lane, so a lane's
/// flow keeps to its upper slots.
fn reorder_rank(grid: &mut Grid, cells: &mut [Vec<usize>], rank: usize, neighbours: &[Vec<usize>]) {
    let lane_start: Vec<usize> = grid
        .slots
        .iter()
        .scan(0, |start, &count| {
            let this = *start;
            *start += count;
            Some(this)
        })
        .collect();
    let position = |grid: &Grid, node: usize| lane_start[grid.lane[node].unwrap_or(0)] + grid.slot[node];

    for lane in 0..grid.lanes.len() {
        let cell = &mut cells[lane * grid.rank_count + rank];
        if cell.is_empty() {
            continue;
        }
        // Each node with its sort key and the slot it would like.
        let mut keyed: Vec<(f64, f64, usize)> = cell
            .iter()
            .map(|&node| {
                if grid.artefact[node] {
                    return (f64::MAX, f64::MAX, node);
                }
                let around = &neighbours[node];
                let key = if around.is_empty() {
                    position(grid, node) as f64
                } else {
                    around.iter().map(|&other| position(grid, other) as f64).sum::<f64>()
                        / around.len() as f64
                };
                let same_lane: Vec<f64> = around
                    .iter()
                    .filter(|&&other| grid.lane[other] == Some(lane))
                    .map(|&other| grid.slot[other] as f64)
                    .collect();
                let wanted = if same_lane.is_empty() {
                    0.0
                } else {
                    same_lane.iter().sum::<f64>() / same_lane.len() as f64
                };
                (key, wanted, node)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));

        let count = keyed.len();
        let last_slot = grid.slots[lane] - 1;
        let mut next_free = 0usize;
        for (index, &(_, wanted, node)) in keyed.iter().enumerate() {
            let target_slot = wanted.round().clamp(0.0, last_slot as f64) as usize;
            let latest = grid.slots[lane] - (count - index);
            let chosen = target_slot.max(next_free).min(latest);
            grid.slot[node] = chosen;
            next_free = chosen + 1;
        }
        *cell = keyed.into_iter().map(|(_, _, node)| node).collect();
    }
}
