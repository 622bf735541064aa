//! Colour themes for diagrams.

/// A named set of colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on pale lanes, for screens.
    #[default]
    Light,
    /// Light text on dark lanes, for dark pages and slides.
    Dark,
    /// Black on white without fills, for paper and monochrome copies.
    Print,
}

/// The colours a theme gives each part of a diagram, as CSS colours.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    /// Lane fills, alternating.
    pub lanes: [&'static str; 2],
    pub lane_stroke: &'static str,
    pub header: &'static str,
    pub node: &'static str,
    pub terminator: &'static str,
    pub decision: &'static str,
    pub data: &'static str,
    pub note: &'static str,
    pub stroke: &'static str,
    pub edge: &'static str,
    /// Edges that go back against the flow, as in a rework loop.
    pub back_edge: &'static str,
    pub label_background: &'static str,
    pub badge: &'static str,
    pub badge_text: &'static str,
}

impl Theme {
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: "#ffffff",
                text: "#1f2933",
                lanes: ["#f5f7fa", "#eaeff5"],
                lane_stroke: "#b8c4d0",
                header: "#d9e2ec",
                node: "#ffffff",
                terminator: "#e3f2e1",
                decision: "#fff4d6",
                data: "#e8eefb",
                note: "#fffbe6",
                stroke: "#3e4c59",
                edge: "#52606d",
                back_edge: "#c0392b",
                label_background: "#ffffff",
                badge: "#c0392b",
                badge_text: "#ffffff",
            },
            Theme::Dark => Palette {
                background: "#14181f",
                text: "#e4e7eb",
                lanes: ["#1c222b", "#222a35"],
                lane_stroke: "#3e4c59",
                header: "#2b3541",
                node: "#2a323d",
                terminator: "#23412f",
                decision: "#4a3f1f",
                data: "#26354f",
                note: "#3d3a22",
                stroke: "#9aa5b1",
                edge: "#9aa5b1",
                back_edge: "#ff7b72",
                label_background: "#14181f",
                badge: "#ff7b72",
                badge_text: "#14181f",
            },
            Theme::Print => Palette {
                background: "#ffffff",
                text: "#000000",
                lanes: ["#ffffff", "#ffffff"],
                lane_stroke: "#000000",
                header: "#ffffff",
                node: "#ffffff",
                terminator: "#ffffff",
                decision: "#ffffff",
                data: "#ffffff",
                note: "#ffffff",
                stroke: "#000000",
                edge: "#000000",
                back_edge: "#000000",
                label_background: "#ffffff",
                badge: "#000000",
                badge_text: "#ffffff",
            },
        }
    }
}
