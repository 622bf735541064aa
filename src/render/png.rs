//! PNG output: the SVG rasterised by resvg, with fonts from the system.
//!
//! Text is drawn with the fonts fontdb finds on the machine, so the
//! picture depends on the fonts installed there, unlike the SVG. Without
//! a CJK font installed, Chinese labels come out as empty boxes.

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit, so that text stays sharp on high-density screens.
const SCALE: f32 = 2.0;
/// Largest picture written, in pixels, about 256 MiB of RGBA.
const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// Rasterises an SVG document to PNG bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|error| format!("invalid SVG: {error}"))?;

    let size = tree.size();
    let width = (size.width() * SCALE).ceil() as u32;
    let height = (size.height() * SCALE).ceil() as u32;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "the chart is {width} × {height} pixels, too large for PNG; try an output file ending in `.svg`"
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| format!("cannot allocate a {width} × {height} picture"))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(SCALE, SCALE), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|error| format!("cannot encode PNG: {error}"))
}
