//! A handbook site built from hand-made documents, and checks of a site
//! written to disk, shared by the site tests.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use reflow::docs::{
    Align, Block, DocKind, Document, HandbookTitle, Inline, Lang, Section, SiteFile, Table, Target,
    build_site, handbook_index, key_anchor, step_anchor,
};
use reflow::model::{self, Input, Model};

/// A user string that would run as a script if a writer left it unescaped.
pub const SCRIPT: &str = "<script>alert('x & y')</script>";

/// A model with markup in every kind of name: title, department, roles,
/// steps, a branch label and a key node's explanation. Step ids are
/// Chinese, so links and anchors must encode them.
pub const MODEL: &str = r#"
title: "测试手册 <script>alert('x & y')</script>"
version: "1.2"

department service "客户服务 <script>alert('x & y')</script>" {
    role 客服 "客服专员 <script>alert('x & y')</script>" {
        headcount: 3
        purpose: "<script>alert('x & y')</script>"
    }

    role manager "Manager & lead" {
        headcount: 1
    }
}

process 投诉 "投诉处理 <script>alert('x & y')</script>" {
    start 收到 "收到 <script>alert('x & y')</script>"
    task 登记 "登记 <script>alert('x & y')</script>" {
        role: 客服
        duration: 5m
    }
    decision ok "<script>alert('x & y')</script>?" { role: manager  key: "<script>alert('x & y')</script>" }
    end closed "结案 <script>alert('x & y')</script>"
    收到 -> 登记 -> ok
    ok -> ["<script>" 80%] closed
    ok -> [no 20%] 登记
}
"#;

/// Builds [`MODEL`], failing the test on any error.
pub fn model() -> Model {
    let loaded = model::load(&[Input::Stdin(MODEL.as_bytes().to_vec())]).expect("stdin input cannot fail");
    let (built, diagnostics) = model::build(&loaded);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .chain(&diagnostics)
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "the test model has errors: {errors:?}");
    built
}

fn text(text: &str) -> Inline {
    Inline::Text(text.to_string())
}

fn section(heading: &str, anchor: &str, blocks: Vec<Block>) -> Section {
    Section { heading: heading.to_string(), anchor: anchor.to_string(), blocks }
}

/// Builds a process description with a Chinese id, a chart, a steps table whose
/// rows are link targets, and links of every kind.
pub fn process_page() -> Document {
    let chart = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\">\
        <defs><marker id=\"arrow\"><path d=\"M0,0 L10,5 z\"/></marker></defs>\
        <g id=\"登记\"><text x=\"1\" y=\"20\">&lt;script&gt;</text></g>\
        <path d=\"M0,0 L10,10\" marker-end=\"url(#arrow)\"/></svg>\n";
    Document {
        kind: DocKind::Process("投诉".to_string()),
        title: format!("投诉处理 {SCRIPT}"),
        subtitle: Some(format!("版本 1.2 {SCRIPT}")),
        sections: vec![
            section(
                "目的 Purpose",
                "purpose",
                vec![Block::Paragraph {
                    content: vec![
                        text(SCRIPT),
                        Inline::LineBreak,
                        Inline::Strong(SCRIPT.to_string()),
                        Inline::Code(SCRIPT.to_string()),
                        Inline::Missing("待补充".to_string()),
                    ],
                }],
            ),
            section(
                "流程图 Chart",
                "chart",
                vec![Block::Figure {
                    svg: chart.to_string(),
                    file: "投诉.svg".to_string(),
                    caption: SCRIPT.to_string(),
                }],
            ),
            section(
                "步骤 Steps",
                "steps",
                vec![
                    Block::Subheading { text: format!("登记 {SCRIPT}"), anchor: step_anchor("登记") },
                    Block::Table {
                        table: Table {
                            header: vec!["步骤".to_string(), SCRIPT.to_string(), "时长".to_string()],
                            align: vec![Align::Left, Align::Center, Align::Right],
                            rows: vec![vec![
                                vec![Inline::Link {
                                    text: "登记".to_string(),
                                    target: Target::Step {
                                        process: "投诉".to_string(),
                                        step: "登记".to_string(),
                                    },
                                }],
                                vec![Inline::Link {
                                    text: SCRIPT.to_string(),
                                    target: Target::Role { id: "客服".to_string() },
                                }],
                                vec![text("5 min")],
                            ]],
                        },
                    },
                ],
            ),
            section(
                "关键节点 Key nodes",
                key_anchor(1).as_str(),
                vec![Block::List {
                    items: vec![
                        vec![Inline::Link {
                            text: "1".to_string(),
                            target: Target::KeyNode { process: "投诉".to_string(), number: 1 },
                        }],
                        vec![Inline::Link { text: "index".to_string(), target: Target::Index }],
                        vec![Inline::Link {
                            text: "implicit".to_string(),
                            target: Target::Role { id: "agent".to_string() },
                        }],
                    ],
                }],
            ),
        ],
    }
}

/// Builds a job description with header fields that link to the process page's
/// steps and key nodes.
pub fn role_page() -> Document {
    Document {
        kind: DocKind::Role("客服".to_string()),
        title: format!("客服专员 {SCRIPT}"),
        subtitle: None,
        sections: vec![section(
            "基本信息 Basics",
            "basics",
            vec![Block::Fields {
                fields: vec![
                    (SCRIPT.to_string(), vec![text(SCRIPT)]),
                    (
                        "流程 Process".to_string(),
                        vec![Inline::Link {
                            text: "投诉".to_string(),
                            target: Target::Process { id: "投诉".to_string() },
                        }],
                    ),
                    (
                        "步骤 Step".to_string(),
                        vec![Inline::Link {
                            text: "登记".to_string(),
                            target: Target::Step {
                                process: "投诉".to_string(), step: "登记".to_string()
                            },
                        }],
                    ),
                    (
                        "关键节点 Key node".to_string(),
                        vec![Inline::Link {
                            text: "1".to_string(),
                            target: Target::KeyNode { process: "投诉".to_string(), number: 1 },
                        }],
                    ),
                    ("上级 Reports to".to_string(), vec![Inline::Missing("待补充".to_string())]),
                ],
            }],
        )],
    }
}

/// Builds the site of [`MODEL`] with the hand-made pages.
pub fn hand_made_site(lang: Lang) -> Vec<SiteFile> {
    let model = model();
    let pages = vec![process_page(), role_page()];
    let heading = HandbookTitle { title: model.title.clone(), version: model.version.clone() };
    let index = handbook_index(&heading, &[&model], &pages, lang);
    build_site(&index, &pages, lang)
}

/// Writes the files of a site under `root`.
pub fn write_site(files: &[SiteFile], root: &Path) {
    for file in files {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.contents).unwrap();
    }
}

/// Lists the `.html` files under `root`, relative to it, sorted.
pub fn html_files(root: &Path) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "html") {
                found.insert(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.into_iter().collect()
}

/// Decodes `%XX` escapes of a URL path.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap();
            decoded
                .push(u8::from_str_radix(hex, 16).unwrap_or_else(|_| panic!("invalid escape in `{path}`")));
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| panic!("`{path}` decodes to invalid UTF-8"))
}

/// Returns the values of the `id` attributes of a page.
pub fn element_ids(document: &roxmltree::Document) -> BTreeSet<String> {
    document.descendants().filter_map(|node| node.attribute("id")).map(str::to_string).collect()
}

/// Checks a site written under `root`: every page parses as XML, every
/// relative `href` and `src` names a written file, and every fragment an
/// `id` in that file. Returns one message per problem.
pub fn broken_references(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for page in html_files(root) {
        let text = std::fs::read_to_string(root.join(&page)).unwrap();
        let document = match roxmltree::Document::parse_with_options(&text, xml_options()) {
            Ok(document) => document,
            Err(error) => {
                problems.push(format!("{page} is not well-formed XML: {error}"));
                continue;
            }
        };
        let folder = Path::new(&page).parent().unwrap_or(Path::new("")).to_path_buf();
        for node in document.descendants() {
            for name in ["href", "src"] {
                let Some(reference) = node.attribute(name) else { continue };
                if let Some(problem) = broken_reference(root, &folder, &page, reference) {
                    problems.push(problem);
                }
            }
        }
    }
    problems
}

/// Returns parsing options that accept the `<!DOCTYPE html>` of the pages.
pub fn xml_options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() }
}

fn broken_reference(root: &Path, folder: &Path, page: &str, reference: &str) -> Option<String> {
    if reference.contains("://") || reference.starts_with("data:") || reference.starts_with("//") {
        return Some(format!("{page} refers outside the site: {reference}"));
    }
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (reference, None),
    };
    let target = if path.is_empty() { root.join(page) } else { root.join(folder).join(percent_decode(path)) };
    let Ok(target) = target.canonicalize() else {
        return Some(format!("{page} links to a missing file: {reference}"));
    };
    if !target.starts_with(root.canonicalize().unwrap()) {
        return Some(format!("{page} links outside the site: {reference}"));
    }
    let fragment = fragment?;
    let text = std::fs::read_to_string(&target).unwrap();
    let document = roxmltree::Document::parse_with_options(&text, xml_options()).ok()?;
    if element_ids(&document).contains(fragment) {
        None
    } else {
        Some(format!("{page} links to a missing anchor: {reference}"))
    }
}
