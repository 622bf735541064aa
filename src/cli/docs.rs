//! `reflow docs`: load and build a model, derive job descriptions and
//! process descriptions, write them as Markdown or as HTML pages.

use std::path::{Path, PathBuf};

use super::args::{DocsArgs, DocsFormat, DocsLang};
use super::check::usage_error;
use super::{EXIT_OK, EXIT_USAGE, inputs, output};
use crate::diagnostic::did_you_mean;
use crate::docs::{self, Context, Document, Lang, Revisions, SiteFile};
use crate::model::{Model, ProcessId, RoleId};

/// The documents chosen on the command line.
struct Selection {
    roles: Vec<RoleId>,
    processes: Vec<ProcessId>,
}

pub fn docs(args: &DocsArgs, color: bool) -> u8 {
    if args.format == DocsFormat::Html && args.output.is_none() {
        return usage_error(
            "HTML pages link a shared stylesheet and each other; write them to a folder with `-o DIR`",
        );
    }
    let (loaded, built) = match inputs::load_checked(&args.file, "docs", color) {
        Ok(model) => model,
        Err(status) => return status,
    };

    let selection = match select(&built, args) {
        Ok(selection) => selection,
        Err(message) => return usage_error(&message),
    };
    let lang = match args.lang {
        DocsLang::Zh => Lang::Zh,
        DocsLang::En => Lang::En,
    };
    let context = Context::with_revisions(&built, Revisions::from_git(&loaded.sources));
    let documents = derive(&built, &selection, lang, &context);

    let model_files: Vec<PathBuf> =
        loaded.files.iter().filter_map(|file| loaded.sources.get(file.id).path.clone()).collect();
    match (&args.output, args.format) {
        (Some(folder), DocsFormat::Html) => {
            write_site(folder, &model_files, &built, &selection, &documents, lang)
        }
        (Some(folder), DocsFormat::Md) => {
            write_folder(folder, &model_files, &built, &selection, &documents, lang)
        }
        (None, _) => print_one(&documents, lang),
    }
}

/// Picks the documents: the role or process named, or else every declared
/// role and every process.
fn select(model: &Model, args: &DocsArgs) -> Result<Selection, String> {
    if let Some(name) = &args.role {
        let role = model.find_role(name).ok_or_else(|| {
            unknown(
                "role",
                name,
                model.roles.iter().filter(|role| !role.implicit).map(|role| role.id.as_str()),
            )
        })?;
        return Ok(Selection { roles: vec![role], processes: Vec::new() });
    }
    if let Some(name) = &args.process {
        let process = model.find_process(name).ok_or_else(|| {
            unknown("process", name, model.processes.iter().map(|process| process.id.as_str()))
        })?;
        return Ok(Selection { roles: Vec::new(), processes: vec![process] });
    }
    Ok(Selection {
        roles: (0..model.roles.len()).map(RoleId).filter(|&role| !model.role(role).implicit).collect(),
        processes: (0..model.processes.len()).map(ProcessId).collect(),
    })
}

/// Words the error for an id that the model does not declare.
fn unknown<'a>(kind: &str, name: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    match did_you_mean(name, ids.clone()) {
        Some(similar) => format!("no {kind} `{name}` in the model; did you mean `{similar}`?"),
        None => {
            let listed: Vec<String> = ids.map(|id| format!("`{id}`")).collect();
            if listed.is_empty() {
                format!("no {kind} `{name}` in the model; it declares none")
            } else {
                format!("no {kind} `{name}` in the model; it has {}", listed.join(", "))
            }
        }
    }
}

/// Builds the selected documents: process descriptions first, then job
/// descriptions.
fn derive(model: &Model, selection: &Selection, lang: Lang, context: &Context) -> Vec<Document> {
    let processes =
        selection.processes.iter().map(|&id| docs::process_description_with(model, id, lang, context));
    let roles = selection.roles.iter().map(|&id| docs::job_description_with(model, id, lang, context));
    processes.chain(roles).collect()
}

/// Prints the one selected document on standard output.
fn print_one(documents: &[Document], lang: Lang) -> u8 {
    match documents {
        [only] => {
            output::stdout(&format!("{}\n", docs::markdown(only, lang)));
            EXIT_OK
        }
        [] => usage_error("the model declares no role or process to document"),
        _ => usage_error(&format!(
            "{} documents were selected; write them to a folder with `-o DIR`, or choose one with `--role ID` or `--process ID`",
            documents.len()
        )),
    }
}

/// Writes every document, its figures and the index into a folder, with
/// the same rules for replacing the folder as the HTML pages.
fn write_folder(
    folder: &Path,
    model_files: &[PathBuf],
    model: &Model,
    selection: &Selection,
    documents: &[Document],
    lang: Lang,
) -> u8 {
    let index = docs::index(model, &selection.processes, &selection.roles, lang);
    let mut files: Vec<SiteFile> = Vec::new();
    for document in documents.iter().chain(std::iter::once(&index)) {
        let path = docs::document_path(&document.kind);
        let folder_of_document = path.rsplit_once('/').map_or("", |(parent, _)| parent).to_string();
        for (name, svg) in docs::figures(document) {
            files.push(SiteFile {
                path: join(&folder_of_document, name),
                contents: svg.to_string().into_bytes(),
            });
        }
        files.push(SiteFile { path, contents: format!("{}\n", docs::markdown(document, lang)).into_bytes() });
    }
    write_output(folder, &files, model_files)
}

/// Writes the documents as HTML pages with an index and the stylesheet,
/// laid out as the handbook that `reflow build` writes.
fn write_site(
    folder: &Path,
    model_files: &[PathBuf],
    model: &Model,
    selection: &Selection,
    documents: &[Document],
    lang: Lang,
) -> u8 {
    let index = docs::index(model, &selection.processes, &selection.roles, lang);
    let files = docs::build_site(&index, documents, lang);
    write_output(folder, &files, model_files)
}

fn write_output(folder: &Path, files: &[SiteFile], model_files: &[PathBuf]) -> u8 {
    match super::site_folder::write(folder, files, "reflow docs", model_files) {
        Ok(()) => {
            let documents =
                files.iter().filter(|file| file.path.ends_with(".md") || file.path.ends_with(".html"));
            output::stderr(&format!("{} documents written to {}\n", documents.count(), folder.display()));
            EXIT_OK
        }
        Err(message) => {
            output::stderr(&format!("error: {message}\n"));
            EXIT_USAGE
        }
    }
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") }
}
