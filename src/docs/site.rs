//! The handbook site: an index page, one page per process description and
//! job description, and the stylesheet, as files in memory.
//!
//! The caller derives the documents and writes the files, so that the site
//! can be built and checked without touching the disk.

use std::collections::BTreeSet;

use super::html::{NavEntry, Navigation, STYLESHEET, html, page_path};
use super::{Align, Block, DocKind, Document, Inline, Lang, Msg, Section, Table, Target};
use crate::model::{Model, Role};
use crate::render::{Direction, LayoutOptions, Theme};

/// The stylesheet of every page, written to the site's root.
pub const STYLE: &str = include_str!("handbook.css");

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// The path relative to the site's root, with `/` between folders.
    pub path: String,
    pub contents: Vec<u8>,
}

/// Builds every file of the site: `index.html`, a page per document in
/// `pages` under `processes/` or `roles/`, and `style.css`.
///
/// The navigation bar of every page lists the process and role pages in
/// the order of `pages`. When two pages share a kind and id, the first is
/// kept. An index document in `pages` is ignored in favour of `index`.
pub fn build_site(index: &Document, pages: &[Document], lang: Lang) -> Vec<SiteFile> {
    let pages = distinct_pages(pages);
    let navigation = navigation(&pages);
    let mut files = vec![SiteFile {
        path: page_path(&DocKind::Index),
        contents: html(index, &navigation, lang).into_bytes(),
    }];
    for page in pages {
        files.push(SiteFile {
            path: page_path(&page.kind),
            contents: html(page, &navigation, lang).into_bytes(),
        });
    }
    files.push(SiteFile { path: STYLESHEET.to_string(), contents: STYLE.as_bytes().to_vec() });
    files
}

/// Keeps the first process or role page of each id and drops index pages.
fn distinct_pages(pages: &[Document]) -> Vec<&Document> {
    let mut seen = BTreeSet::new();
    pages
        .iter()
        .filter(|page| page.kind != DocKind::Index)
        .filter(|page| seen.insert(page_path(&page.kind)))
        .collect()
}

/// Lists the process pages and the role pages, each in the given order.
fn navigation(pages: &[&Document]) -> Navigation {
    let mut navigation = Navigation::default();
    for page in pages {
        match &page.kind {
            DocKind::Process(id) => {
                navigation.processes.push(NavEntry { id: id.clone(), title: page.title.clone() })
            }
            DocKind::Role(id) => {
                navigation.roles.push(NavEntry { id: id.clone(), title: page.title.clone() })
            }
            DocKind::Index => {}
        }
    }
    navigation
}

/// The title and version of the whole handbook, shown on the index page
/// and above the organisation chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandbookTitle {
    pub title: Option<String>,
    pub version: Option<String>,
}

/// Builds the index page of the site: the handbook's title and version,
/// the organisation chart, a table of departments and roles with
/// headcounts, and a link to every process page.
///
/// A folder of files that cannot be built as one model gives several
/// models. A role that several models declare is listed once, and an
/// organisation chart is drawn for each model that declares a role no
/// earlier chart showed.
pub fn handbook_index(
    heading: &HandbookTitle,
    models: &[&Model],
    pages: &[Document],
    lang: Lang,
) -> Document {
    let mut sections = Vec::new();

    let charts = org_charts(models, heading.title.as_deref());
    if !charts.is_empty() {
        sections.push(Section {
            heading: Msg::OrgChart.text(lang).to_string(),
            anchor: "organisation".to_string(),
            blocks: charts
                .into_iter()
                .enumerate()
                .map(|(number, svg)| Block::Figure {
                    svg,
                    file: format!("organisation-{}.svg", number + 1),
                    caption: Msg::OrgChart.text(lang).to_string(),
                })
                .collect(),
        });
    }

    let roles = role_table(models, pages, lang);
    if !roles.rows.is_empty() {
        sections.push(Section {
            heading: Msg::DepartmentsAndRoles.text(lang).to_string(),
            anchor: "roles".to_string(),
            blocks: vec![Block::Table { table: roles }],
        });
    }

    let processes = process_links(pages);
    if !processes.is_empty() {
        sections.push(Section {
            heading: Msg::Processes.text(lang).to_string(),
            anchor: "processes".to_string(),
            blocks: vec![Block::List { items: processes }],
        });
    }

    let handbook = Msg::Handbook.text(lang);
    let version = heading.version.as_ref().map(|version| format!("{} {version}", Msg::Version.text(lang)));
    let (title, subtitle) = match (&heading.title, version) {
        (Some(title), Some(version)) => (title.clone(), Some(format!("{handbook} · {version}"))),
        (Some(title), None) => (title.clone(), Some(handbook.to_string())),
        (None, version) => (handbook.to_string(), version),
    };
    Document { kind: DocKind::Index, title, subtitle, sections }
}

/// Draws the organisation chart of each model that declares a role that
/// no chart drawn before it contains, under the handbook's title.
fn org_charts(models: &[&Model], title: Option<&str>) -> Vec<String> {
    let mut charted = BTreeSet::new();
    let mut charts = Vec::new();
    for model in models {
        let declared: Vec<&str> = declared_roles(model).map(|role| role.id.as_str()).collect();
        if declared.iter().all(|id| charted.contains(*id)) {
            continue;
        }
        // The chart's heading is the model's title, which for one of several
        // models is that of its first file rather than the handbook's.
        let titled = Model { title: title.map(str::to_string), ..(*model).clone() };
        let Some((columns, chart)) = crate::render::org_chart(&titled) else { continue };
        // Every role is drawn as a task box, so a legend would call roles
        // tasks. `reflow render --org` draws none either.
        let options =
            LayoutOptions { direction: Direction::Vertical, legend: false, ..LayoutOptions::default() };
        charts.push(crate::render::render(&columns, &chart, &options, Theme::Light));
        charted.extend(declared);
    }
    charts
}

/// Returns the roles written in the model, leaving out those only named
/// as a short-form lane.
fn declared_roles(model: &Model) -> impl Iterator<Item = &Role> {
    model.roles.iter().filter(|role| !role.implicit)
}

/// Lists every declared role once with its department and headcount,
/// grouped by department in the order declared, roles without a
/// department last.
fn role_table(models: &[&Model], pages: &[Document], lang: Lang) -> Table {
    let mut listed = BTreeSet::new();
    let mut rows: Vec<(usize, Vec<Vec<Inline>>)> = Vec::new();
    for model in models {
        for role in declared_roles(model) {
            if !listed.insert(role.id.clone()) {
                continue;
            }
            let (order, department) = match role.department {
                Some(id) => {
                    let department = &model.departments[id.0];
                    (id.0, department.name.clone().unwrap_or_else(|| department.id.clone()))
                }
                None => (usize::MAX, Msg::NoDepartment.text(lang).to_string()),
            };
            rows.push((
                order,
                vec![vec![Inline::Text(department)], role_cell(role, pages), headcount_cell(role)],
            ));
        }
    }
    // A stable sort keeps the declaration order of roles within a department.
    rows.sort_by_key(|(order, _)| *order);
    Table {
        header: vec![
            Msg::Department.text(lang).to_string(),
            Msg::Role.text(lang).to_string(),
            Msg::Headcount.text(lang).to_string(),
        ],
        align: vec![Align::Left, Align::Left, Align::Right],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

/// Links a role to its page, or names it when it has none.
fn role_cell(role: &Role, pages: &[Document]) -> Vec<Inline> {
    let name = role.display_name().to_string();
    if pages.iter().any(|page| page.kind == DocKind::Role(role.id.clone())) {
        vec![Inline::Link { text: name, target: Target::Role { id: role.id.clone() } }]
    } else {
        vec![Inline::Text(name)]
    }
}

fn headcount_cell(role: &Role) -> Vec<Inline> {
    match role.headcount {
        Some(count) => vec![Inline::Text(count.to_string())],
        None => vec![Inline::Text("–".to_string())],
    }
}

/// Links every process page once, in the order of `pages`.
fn process_links(pages: &[Document]) -> Vec<Vec<Inline>> {
    distinct_pages(pages)
        .into_iter()
        .filter_map(|page| match &page.kind {
            DocKind::Process(id) => Some(vec![Inline::Link {
                text: page.title.clone(),
                target: Target::Process { id: id.clone() },
            }]),
            _ => None,
        })
        .collect()
}
