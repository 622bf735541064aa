//! Loading files and following their imports.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, Comment, ast};

/// One parsed file of the model.
#[derive(Debug)]
pub struct LoadedFile {
    pub id: FileId,
    /// `None` when the file does not parse.
    pub ast: Option<ast::File>,
    pub comments: Vec<Comment>,
    /// Files this file imports, in the order written.
    pub imports: Vec<FileId>,
    /// Lines the parser left out to recover from syntax errors.
    pub skipped: Vec<Span>,
}

/// Every file of a model: the roots the user named and all they import.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    pub files: Vec<LoadedFile>,
    /// The files the user named, in the order named.
    pub roots: Vec<FileId>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file the user named: a path, or standard input with its text.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Stdin(Vec<u8>),
}

/// An I/O failure on a file the user named, which is a usage error (exit
/// code 2) rather than a finding about the model.
#[derive(Debug)]
pub struct InputError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read `{}`: {}", self.path.display(), self.error)
    }
}

/// Loads the named files and, depth first, every file they import. A file
/// reached twice is loaded once; a file that imports itself, directly or
/// through others, is an import cycle.
pub fn load(inputs: &[Input]) -> Result<Loaded, InputError> {
    let mut loaded = Loaded::default();
    for input in inputs {
        let root = match input {
            Input::Path(path) => {
                let bytes = std::fs::read(path).map_err(|error| InputError { path: path.clone(), error })?;
                let canonical = std::fs::canonicalize(path).ok();
                if let Some(existing) = canonical.as_deref().and_then(|c| loaded.sources.find(c)) {
                    loaded.roots.push(existing);
                    continue;
                }
                add_file(&mut loaded, path.display().to_string(), canonical, bytes)
            }
            Input::Stdin(bytes) => add_file(&mut loaded, "<stdin>".to_string(), None, bytes.clone()),
        };
        loaded.roots.push(root);
        let mut stack = vec![root];
        follow_imports(&mut loaded, root, &mut stack);
    }
    Ok(loaded)
}

/// Decodes and parses one file and records it.
fn add_file(loaded: &mut Loaded, name: String, path: Option<PathBuf>, bytes: Vec<u8>) -> FileId {
    let id = FileId(loaded.sources.len() as u32);
    let (text, decode_error) = syntax::decode(id, bytes);
    let added = loaded.sources.add(name, path, text);
    debug_assert_eq!(added, id);

    if let Some(diagnostic) = decode_error {
        loaded.diagnostics.push(diagnostic);
        loaded.files.push(LoadedFile {
            id,
            ast: None,
            comments: Vec::new(),
            imports: Vec::new(),
            skipped: Vec::new(),
        });
        return id;
    }

    let parsed = syntax::parse(id, &loaded.sources.get(id).text);
    loaded.diagnostics.extend(parsed.diagnostics);
    loaded.files.push(LoadedFile {
        id,
        ast: parsed.ast,
        comments: parsed.comments,
        imports: Vec::new(),
        skipped: parsed.skipped,
    });
    id
}

/// Loads the imports of `file`. `stack` contains the chain of files being
/// imported, to detect cycles.
fn follow_imports(loaded: &mut Loaded, file: FileId, stack: &mut Vec<FileId>) {
    let imports: Vec<(String, Span)> = match &loaded.files[file.0 as usize].ast {
        Some(ast) => ast
            .items
            .iter()
            .filter_map(|item| match item {
                ast::Item::Import(import) => Some((import.path.value.clone(), import.path.span.clone())),
                _ => None,
            })
            .collect(),
        None => return,
    };

    let base = import_base(loaded.sources.get(file).path.as_deref());
    for (target, span) in imports {
        let path = base.join(&target);
        let canonical = std::fs::canonicalize(&path).ok();

        if let Some(existing) = canonical.as_deref().and_then(|c| loaded.sources.find(c)) {
            if let Some(position) = stack.iter().position(|&id| id == existing) {
                loaded.diagnostics.push(cycle_diagnostic(loaded, file, span, &stack[position..]));
                continue;
            }
            loaded.files[file.0 as usize].imports.push(existing);
            continue;
        }

        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                loaded.diagnostics.push(missing_diagnostic(loaded, file, span, &target, &path, &error));
                continue;
            }
        };
        let imported = add_file(loaded, display_name(loaded, file, &target), canonical, bytes);
        loaded.files[file.0 as usize].imports.push(imported);
        stack.push(imported);
        follow_imports(loaded, imported, stack);
        stack.pop();
    }
}

/// Imports resolve relative to the importing file, or to the working
/// directory for standard input.
fn import_base(path: Option<&Path>) -> PathBuf {
    path.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Names an imported file relative to the importing file's displayed name,
/// so messages show `examples/org.flow` rather than an absolute path.
fn display_name(loaded: &Loaded, importer: FileId, target: &str) -> String {
    let importer_name = Path::new(&loaded.sources.get(importer).name);
    match importer_name.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(target).display().to_string(),
        _ => target.to_string(),
    }
}

fn cycle_diagnostic(loaded: &Loaded, file: FileId, span: Span, cycle: &[FileId]) -> Diagnostic {
    let mut names: Vec<&str> = cycle.iter().map(|&id| loaded.sources.get(id).name.as_str()).collect();
    names.push(names[0]);
    Diagnostic::new(Code::ImportCycle, file, span, "files import each other in a cycle")
        .with_label("this import closes the cycle")
        .with_help(format!(
            "the chain is {}; try moving the shared declarations into a file that imports nothing",
            names.join(" → ")
        ))
}

fn missing_diagnostic(
    loaded: &Loaded,
    file: FileId,
    span: Span,
    target: &str,
    path: &Path,
    error: &std::io::Error,
) -> Diagnostic {
    let reason = match error.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        _ => error.to_string(),
    };
    let mut diagnostic =
        Diagnostic::new(Code::ImportNotFound, file, span, format!("cannot import `{target}`: {reason}"))
            .with_label(format!("looked for {}", path.display()));

    // Suggest a sibling file with a similar name.
    let siblings = sibling_flow_files(path);
    let suggestion = crate::diagnostic::did_you_mean(target, siblings.iter().map(String::as_str));
    diagnostic = match suggestion {
        Some(name) => diagnostic.with_help(format!("did you mean `{name}`?")),
        None => diagnostic.with_help(format!(
            "paths are relative to the importing file `{}`; names it would declare are not reported as unknown",
            loaded.sources.get(file).name
        )),
    };
    diagnostic
}

fn sibling_flow_files(path: &Path) -> Vec<String> {
    let Some(dir) = path.parent() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".flow"))
        .collect();
    names.sort();
    names
}
