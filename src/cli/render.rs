//! `reflow render`: load and build a model, lay out one process or the
//! organisation chart, write SVG or PNG.

use super::args::{RenderArgs, RenderDirection, RenderTheme};
use super::check::usage_error;
use super::{EXIT_OK, EXIT_USAGE, inputs, output};
use crate::diagnostic::did_you_mean;
use crate::model::{Model, Process};
use crate::render::{Direction, LayoutOptions, Theme};
use crate::source::FileId;

pub fn render(args: &RenderArgs, color: bool) -> u8 {
    let (loaded, built) = match inputs::load_checked(&args.file, "render", color) {
        Ok(model) => model,
        Err(status) => return status,
    };

    if args.org {
        let Some((columns, chart)) = crate::render::org_chart(&built) else {
            return usage_error("the model declares no role to draw");
        };
        let direction = args.direction.map_or(Direction::Vertical, direction);
        // Every role is a task box in the organisation chart, so a legend
        // of flowchart symbols would mislead.
        let options = LayoutOptions { direction, legend: false, ..LayoutOptions::default() };
        return write(args, &crate::render::render(&columns, &chart, &options, theme(args.theme)));
    }

    let root = loaded.roots.first().copied();
    let process = match selected(&built, args.process.as_deref(), root) {
        Ok(process) => process,
        Err(message) => return usage_error(&message),
    };
    let direction = args.direction.map_or(Direction::Horizontal, direction);
    let options = LayoutOptions { direction, legend: !args.no_legend, ..LayoutOptions::default() };
    let svg = crate::render::render(&built, process, &options, theme(args.theme));
    write(args, &svg)
}

/// Picks the process to draw: the one named, or else the only process
/// declared in the file given, not counting the files it imports.
fn selected<'a>(model: &'a Model, name: Option<&str>, root: Option<FileId>) -> Result<&'a Process, String> {
    let ids =
        || model.processes.iter().map(|process| format!("`{}`", process.id)).collect::<Vec<_>>().join(", ");
    let Some(name) = name else {
        let own: Vec<&Process> =
            model.processes.iter().filter(|process| Some(process.origin.file) == root).collect();
        return match own.as_slice() {
            [only] => Ok(only),
            [] if model.processes.is_empty() => {
                Err("the model has no process to render; draw its organisation chart with `--org`"
                    .to_string())
            }
            [] => Err(format!(
                "the file declares no process; choose an imported one with `--process ID`: {}",
                ids()
            )),
            _ => Err(format!("the model has several processes ({}); choose one with `--process ID`", ids())),
        };
    };
    if let Some(id) = model.find_process(name) {
        return Ok(&model.processes[id.0]);
    }
    let names = model.processes.iter().map(|process| process.id.as_str());
    Err(match did_you_mean(name, names) {
        Some(similar) => format!("no process `{name}` in the model; did you mean `{similar}`?"),
        None => format!("no process `{name}` in the model; it has {}", ids()),
    })
}

/// Writes the SVG to the output file, or as PNG when the file name ends in
/// `.png`, or to standard output without a file.
fn write(args: &RenderArgs, svg: &str) -> u8 {
    let Some(path) = args.output.as_ref().filter(|path| path.as_os_str() != "-") else {
        output::stdout(svg);
        return EXIT_OK;
    };
    let extension = path.extension().and_then(|ext| ext.to_str()).map(str::to_ascii_lowercase);
    let written = match extension.as_deref() {
        Some("svg") | None => crate::fmt::write_atomically(path, svg),
        Some("png") => match crate::render::png(svg) {
            Ok(bytes) => std::fs::write(path, bytes),
            Err(message) => return usage_error(&message),
        },
        Some(other) => {
            return usage_error(&format!(
                "cannot write `.{other}` files; try an output file ending in `.svg` or `.png`"
            ));
        }
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(error) => {
            output::stderr(&format!("error: cannot write `{}`: {error}\n", path.display()));
            EXIT_USAGE
        }
    }
}

fn direction(direction: RenderDirection) -> Direction {
    match direction {
        RenderDirection::Horizontal => Direction::Horizontal,
        RenderDirection::Vertical => Direction::Vertical,
    }
}

fn theme(theme: RenderTheme) -> Theme {
    match theme {
        RenderTheme::Light => Theme::Light,
        RenderTheme::Dark => Theme::Dark,
        RenderTheme::Print => Theme::Print,
    }
}
