//! `reflow build`: load and build the models, derive every process
//! description and job description, write the handbook site.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::args::{BuildArgs, DocsLang};
use super::check::usage_error;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, inputs, output, site_folder, terminal_width};
use crate::diagnostic::{Diagnostic, TextOptions, render_text};
use crate::docs::{self, Context, Document, HandbookTitle, Lang, Revisions};
use crate::model::{self, Input, Loaded, Model, ProcessId, RoleId};

/// A model built without errors from some of the input files.
struct Built {
    inputs: Vec<Input>,
    loaded: Loaded,
    model: Model,
}

/// The reason the inputs could not be built.
enum Failure {
    /// A file could not be read: a usage error.
    Input(String),
    /// A file's model has errors, reported with its sources.
    Model { loaded: Loaded, diagnostics: Vec<Diagnostic> },
}

pub fn build(args: &BuildArgs, color: bool) -> u8 {
    let inputs = match inputs::expand(&args.files) {
        Ok(inputs) => inputs,
        Err(message) => return usage_error(&message),
    };
    let models = match build_models(inputs) {
        Ok(models) => models,
        Err(Failure::Input(message)) => return usage_error(&message),
        Err(Failure::Model { loaded, diagnostics }) => {
            let options = TextOptions { color, width: terminal_width() };
            output::stderr(&render_text(&diagnostics, &loaded.sources, options));
            return EXIT_FINDINGS;
        }
    };

    let lang = match args.lang {
        DocsLang::Zh => Lang::Zh,
        DocsLang::En => Lang::En,
    };
    let (pages, mut warnings) = derive_pages(&models, lang);
    warnings.extend(case_collisions(&pages));
    warnings.iter().for_each(|warning| output::stderr(warning));
    let built_models: Vec<&Model> = models.iter().map(|built| &built.model).collect();
    let index = docs::handbook_index(&handbook_title(&models), &built_models, &pages, lang);
    let files = docs::build_site(&index, &pages, lang);

    let model_files: Vec<PathBuf> = models
        .iter()
        .flat_map(|built| {
            built.loaded.files.iter().filter_map(|file| built.loaded.sources.get(file.id).path.clone())
        })
        .collect();
    if let Err(message) = site_folder::write(&args.output, &files, "reflow build", &model_files) {
        output::stderr(&format!("error: {message}\n"));
        return EXIT_USAGE;
    }
    let count = files.iter().filter(|file| file.path.ends_with(".html")).count();
    output::stderr(&format!("{count} pages written to {}\n", args.output.display()));
    EXIT_OK
}

/// Builds the inputs as one model when they build together without
/// errors. Otherwise each input joins the first group of inputs it builds
/// with, or starts a new one. Files that each import a shared organisation
/// so build together. A short-form file, whose lanes name roles it does
/// not declare, builds only alone.
fn build_models(inputs: Vec<Input>) -> Result<Vec<Built>, Failure> {
    match try_build(inputs.clone())? {
        Ok(built) => return Ok(vec![built]),
        Err(failure) if inputs.len() == 1 => return Err(failure),
        Err(_) => {}
    }

    let mut groups: Vec<Built> = Vec::new();
    for input in inputs {
        if join_group(&mut groups, &input)? {
            continue;
        }
        match try_build(vec![input])? {
            Ok(built) => groups.push(built),
            Err(failure) => return Err(failure),
        }
    }
    Ok(groups)
}

/// Adds `input` to the first group it builds with. Returns whether one
/// was found.
fn join_group(groups: &mut [Built], input: &Input) -> Result<bool, Failure> {
    for group in groups.iter_mut() {
        let mut inputs = group.inputs.clone();
        inputs.push(input.clone());
        if let Ok(built) = try_build(inputs)? {
            *group = built;
            return Ok(true);
        }
    }
    Ok(false)
}

/// Loads and builds a model. The outer error is an input that cannot be
/// read, the inner one a model with errors.
fn try_build(inputs: Vec<Input>) -> Result<Result<Built, Failure>, Failure> {
    let loaded = model::load(&inputs).map_err(|error| Failure::Input(error.to_string()))?;
    // Documents of a model that `reflow check` rejects would show what the
    // errors imply, such as endless loops counted as infinite work.
    let diagnostics = crate::check::findings(&loaded);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(Err(Failure::Model { loaded, diagnostics }));
    }
    let (model, _) = model::build(&loaded);
    Ok(Ok(Built { inputs, loaded, model }))
}

/// Derives the description of every process and the job description of
/// every declared role, once per id, from the first model that has it:
/// processes first, then roles, each in the order of the models.
/// Returns the pages and a warning for each id that two files declare,
/// because the handbook can show only one of them.
fn derive_pages(models: &[Built], lang: Lang) -> (Vec<Document>, Vec<String>) {
    let mut seen_processes: BTreeMap<&str, String> = BTreeMap::new();
    let mut seen_roles: BTreeMap<&str, String> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut processes = Vec::new();
    let mut roles = Vec::new();
    for built in models {
        let model = &built.model;
        let context = Context::with_revisions(model, Revisions::from_git(&built.loaded.sources));
        let file_name = |file| built.loaded.sources.get(file).name.clone();
        for (index, process) in model.processes.iter().enumerate() {
            let file = file_name(process.origin.file);
            match seen_processes.get(process.id.as_str()) {
                None => {
                    seen_processes.insert(&process.id, file);
                    processes.push(docs::process_description_with(model, ProcessId(index), lang, &context));
                }
                Some(first) if *first != file => {
                    warnings.push(duplicate("process", &process.id, first, &file))
                }
                Some(_) => {}
            }
        }
        for (index, role) in model.roles.iter().enumerate().filter(|(_, role)| !role.implicit) {
            let file = role.origin.as_ref().map(|origin| file_name(origin.file)).unwrap_or_default();
            match seen_roles.get(role.id.as_str()) {
                None => {
                    seen_roles.insert(&role.id, file);
                    roles.push(docs::job_description_with(model, RoleId(index), lang, &context));
                }
                Some(first) if *first != file => warnings.push(duplicate("role", &role.id, first, &file)),
                Some(_) => {}
            }
        }
    }
    processes.extend(roles);
    (processes, warnings)
}

/// Warns of pages whose paths differ only in case, because one would
/// overwrite the other on a case-insensitive file system such as macOS's
/// or Windows's default.
fn case_collisions(pages: &[Document]) -> Vec<String> {
    let mut by_folded: BTreeMap<String, String> = BTreeMap::new();
    let mut warnings = Vec::new();
    for page in pages {
        let path = docs::page_path(&page.kind);
        match by_folded.get(&path.to_lowercase()) {
            Some(first) if *first != path => warnings.push(format!(
                "warning: the pages `{first}` and `{path}` differ only in case, so one overwrites the other \
                 on a case-insensitive file system; rename one of the ids\n"
            )),
            Some(_) => {}
            None => {
                by_folded.insert(path.to_lowercase(), path);
            }
        }
    }
    warnings
}

fn duplicate(kind: &str, id: &str, first: &str, second: &str) -> String {
    format!(
        "warning: {kind} `{id}` is declared in `{first}` and in `{second}`, which are built as separate models, \
         so the handbook shows only the one in `{first}`. Rename one of them to show both.\n"
    )
}

/// Chooses the handbook's title and version: the model's when one file was
/// named, else those of the only titled file that declares no process,
/// such as an organisation file that the others import. Otherwise the
/// index shows the generic handbook title.
fn handbook_title(models: &[Built]) -> HandbookTitle {
    let roots: usize = models.iter().map(|built| built.loaded.roots.len()).sum();
    if let ([only], 1) = (models, roots) {
        return HandbookTitle { title: only.model.title.clone(), version: only.model.version.clone() };
    }

    let mut shared = BTreeMap::new();
    for built in models {
        for file in &built.loaded.files {
            if built.model.process_files.contains(&file.id) {
                continue;
            }
            let Some(path) = built.loaded.sources.get(file.id).path.clone() else { continue };
            if shared.contains_key(&path) {
                continue;
            }
            // The file's own title is the model's when it is built alone.
            let Ok(Ok(alone)) = try_build(vec![Input::Path(path.clone())]) else { continue };
            if alone.model.title.is_some() {
                shared.insert(path, HandbookTitle { title: alone.model.title, version: alone.model.version });
            }
        }
    }
    match shared.into_values().collect::<Vec<_>>().as_slice() {
        [only] => only.clone(),
        _ => HandbookTitle::default(),
    }
}
