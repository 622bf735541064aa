//! The positioned diagram: what layout produces and the SVG writer draws.
//! Every coordinate is in pixels, with the origin at the top left and y
//! pointing down.

/// A point in the diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point { x: self.x + self.width / 2.0, y: self.y + self.height / 2.0 }
    }

    /// Returns the smallest box that contains both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }

    /// True when `other` lies inside this box, borders included, with
    /// `tolerance` pixels of slack for rounding.
    pub fn contains_rect(&self, other: &Rect, tolerance: f64) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }

    /// True when the interiors of the two boxes overlap; boxes that only
    /// touch do not.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    /// True when the point is on the border, within `tolerance` pixels.
    pub fn on_border(&self, point: Point, tolerance: f64) -> bool {
        let inside_x = point.x >= self.x - tolerance && point.x <= self.right() + tolerance;
        let inside_y = point.y >= self.y - tolerance && point.y <= self.bottom() + tolerance;
        let on_vertical =
            (point.x - self.x).abs() <= tolerance || (point.x - self.right()).abs() <= tolerance;
        let on_horizontal =
            (point.y - self.y).abs() <= tolerance || (point.y - self.bottom()).abs() <= tolerance;
        inside_x && inside_y && (on_vertical || on_horizontal)
    }

    /// True when the axis-parallel segment from `a` to `b` passes through
    /// the interior of the box, shrunk by `tolerance`.
    pub fn crossed_by(&self, a: Point, b: Point, tolerance: f64) -> bool {
        let inner = Rect {
            x: self.x + tolerance,
            y: self.y + tolerance,
            width: self.width - 2.0 * tolerance,
            height: self.height - 2.0 * tolerance,
        };
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        x0 < inner.right() && x1 > inner.x && y0 < inner.bottom() && y1 > inner.y
    }
}

/// The direction of the flow: left to right with lanes as rows, or top to
/// bottom with lanes as columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Horizontal,
    Vertical,
}

/// The flowchart symbol a node is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A rounded box for starts and ends.
    Terminator,
    /// A rectangle for tasks.
    Process,
    /// A diamond with the question inside, for decisions and merges.
    Decision,
    /// A thick bar across the flow, for parallel forks and joins.
    ParallelBar,
    /// A small diamond with a circle, for inclusive splits and joins.
    InclusiveGateway,
    /// A page with a wavy lower edge.
    Document,
    /// A cylinder for a data store.
    Store,
    /// A rectangle with doubled side borders, for a call of another process.
    SubProcess,
    /// A circle with a clock face, for waits.
    Timer,
    /// A page with a folded corner.
    Note,
}

/// A node with its place and label.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramNode {
    /// The node's id in the process.
    pub id: String,
    pub shape: Shape,
    /// The box the shape is drawn in; edges start and end on its border.
    pub shape_box: Rect,
    /// The label's lines, already wrapped.
    pub label: Vec<String>,
    /// The box of the label's lines, inside the shape or beside small shapes.
    pub label_box: Rect,
    /// The key-node number, as the analysis numbers key nodes.
    pub key_number: Option<usize>,
    /// The index of the lane the node is in.
    pub lane: usize,
    /// The index in [`Diagram::phases`] of the band the node is drawn in;
    /// `None` when the process uses no phases.
    pub phase: Option<usize>,
}

impl DiagramNode {
    /// Returns the box around the shape and its label.
    pub fn bounds(&self) -> Rect {
        if self.label.iter().all(String::is_empty) {
            self.shape_box
        } else {
            self.shape_box.union(&self.label_box)
        }
    }
}

/// A swimlane: one role, or the steps without a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// The role's display name, wrapped into lines.
    pub title: Vec<String>,
    /// The whole lane, header included.
    pub bounds: Rect,
    /// The header with the title.
    pub header: Rect,
}

/// A phase band: a range of ranks across every lane, with its name in a
/// header row above the lanes, or in a header column left of them when the
/// flow runs top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The phase name as the steps give it.
    pub name: String,
    /// The name wrapped into lines.
    pub title: Vec<String>,
    /// The whole band, header included.
    pub bounds: Rect,
    /// The header with the title.
    pub header: Rect,
}

/// The symbol of a legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendSymbol {
    Shape(Shape),
    /// The numbered badge of a key node.
    KeyBadge,
    /// The dashed arrow of a flow back against the flow.
    BackEdge,
}

/// One symbol of the legend with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub symbol: LegendSymbol,
    /// The box the symbol is drawn in.
    pub symbol_box: Rect,
    pub label: String,
    pub label_box: Rect,
}

/// The box below the chart that explains the symbols the chart uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    pub bounds: Rect,
    pub title: String,
    pub title_box: Rect,
    pub entries: Vec<LegendEntry>,
}

/// A label on an edge: the branch name and its probability.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    pub text: String,
    /// The box the text is drawn in, on or beside the edge.
    pub bounds: Rect,
}

/// A flow drawn as an orthogonal polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramEdge {
    /// Index of the source in [`Diagram::nodes`].
    pub from: usize,
    /// Index of the target in [`Diagram::nodes`].
    pub to: usize,
    /// At least two points; consecutive points share an x or a y.
    pub points: Vec<Point>,
    pub label: Option<EdgeLabel>,
    /// True for a flow that goes back against the flow, as in a rework loop.
    pub back: bool,
}

/// A dotted line from a step to a document, store or note beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Association {
    /// Index of the step in [`Diagram::nodes`].
    pub step: usize,
    /// Index of the document, store or note in [`Diagram::nodes`].
    pub artefact: usize,
    /// From the step's border to the artefact's: two points, or four for a
    /// line that runs past other nodes of the cell. Consecutive points share
    /// an x or a y.
    pub points: Vec<Point>,
}

/// Font sizes in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FontSizes {
    pub title: f64,
    pub header: f64,
    pub legend: f64,
    pub node: f64,
    pub edge: f64,
    pub badge: f64,
}

impl Default for FontSizes {
    fn default() -> Self {
        FontSizes { title: 16.0, header: 13.0, legend: 11.0, node: 12.0, edge: 11.0, badge: 10.0 }
    }
}

/// A laid-out process, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub direction: Direction,
    pub title: String,
    pub title_box: Rect,
    pub fonts: FontSizes,
    pub lanes: Vec<Lane>,
    /// Phase bands in the order of the flow; empty when no step has a phase.
    pub phases: Vec<Phase>,
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
    pub associations: Vec<Association>,
    pub legend: Option<Legend>,
}
