//! The handbook site: well-formed pages, links that resolve inside the
//! site, no external references, and escaped user text.

mod handbook;

use handbook::{SCRIPT, broken_references, element_ids, hand_made_site, write_site, xml_options};
use reflow::docs::{Lang, SiteFile};

fn file<'a>(files: &'a [SiteFile], path: &str) -> &'a str {
    let file = files.iter().find(|file| file.path == path).unwrap_or_else(|| panic!("no file {path}"));
    std::str::from_utf8(&file.contents).unwrap()
}

fn paths(files: &[SiteFile]) -> Vec<&str> {
    files.iter().map(|file| file.path.as_str()).collect()
}

#[test]
fn site_lists_expected_files() {
    let files = hand_made_site(Lang::Zh);
    assert_eq!(paths(&files), ["index.html", "processes/投诉.html", "roles/客服.html", "style.css"]);
}

#[test]
fn site_references_resolve() {
    let folder = tempfile::tempdir().unwrap();
    write_site(&hand_made_site(Lang::En), folder.path());
    let problems = broken_references(folder.path());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pages_parse_as_xml() {
    for file in hand_made_site(Lang::Zh) {
        if !file.path.ends_with(".html") {
            continue;
        }
        let text = std::str::from_utf8(&file.contents).unwrap();
        let parsed = roxmltree::Document::parse_with_options(text, xml_options());
        assert!(parsed.is_ok(), "{}: {:?}", file.path, parsed.err());
    }
}

#[test]
fn pages_have_language_and_title() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "roles/客服.html");
    let page = roxmltree::Document::parse_with_options(text, xml_options()).unwrap();
    let html = page.root_element();
    assert_eq!(html.tag_name().name(), "html");
    assert_eq!(html.attribute("lang"), Some("zh-CN"));
    let title = page.descendants().find(|node| node.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some(format!("客服专员 {SCRIPT} · 流程手册").as_str()));
    assert!(text.starts_with("<!DOCTYPE html>\n"));
    assert!(text.contains("<meta charset=\"utf-8\"/>"));
    assert!(text.contains("name=\"viewport\""));
}

#[test]
fn english_site_has_english_lang() {
    let files = hand_made_site(Lang::En);
    assert!(file(&files, "index.html").contains("<html lang=\"en\">"));
    assert!(file(&files, "index.html").contains("Departments and roles"));
}

#[test]
fn user_script_is_escaped() {
    for file in hand_made_site(Lang::Zh) {
        let text = String::from_utf8(file.contents).unwrap();
        assert!(!text.contains("<script"), "{} contains a script element", file.path);
    }
}

#[test]
fn escaped_script_text_survives() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "processes/投诉.html");
    let page = roxmltree::Document::parse_with_options(text, xml_options()).unwrap();
    let strong = page.descendants().find(|node| node.has_tag_name("strong")).unwrap();
    assert_eq!(strong.text(), Some(SCRIPT));
    let code = page.descendants().find(|node| node.has_tag_name("code")).unwrap();
    assert_eq!(code.text(), Some(SCRIPT));
}

#[test]
fn no_external_references() {
    for file in hand_made_site(Lang::Zh) {
        let text = String::from_utf8(file.contents).unwrap();
        let without_namespaces = text.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!without_namespaces.contains("http://"), "{} refers to http://", file.path);
        assert!(!without_namespaces.contains("https://"), "{} refers to https://", file.path);
    }
}

#[test]
fn index_links_processes_and_roles() {
    let files = hand_made_site(Lang::Zh);
    let index = file(&files, "index.html");
    assert!(index.contains("href=\"processes/%E6%8A%95%E8%AF%89.html\""));
    assert!(index.contains("href=\"roles/%E5%AE%A2%E6%9C%8D.html\""));
}

#[test]
fn index_shows_org_chart_and_headcount() {
    let files = hand_made_site(Lang::En);
    let index = file(&files, "index.html");
    let page = roxmltree::Document::parse_with_options(index, xml_options()).unwrap();
    let figures: Vec<_> = page.descendants().filter(|node| node.has_tag_name("figure")).collect();
    assert_eq!(figures.len(), 1);
    assert!(figures[0].descendants().any(|node| node.tag_name().name() == "svg"));
    let cells: Vec<&str> =
        page.descendants().filter(|node| node.has_tag_name("td")).filter_map(|node| node.text()).collect();
    assert!(cells.contains(&"3"), "{cells:?}");
    assert!(cells.contains(&"1"), "{cells:?}");
    assert!(!index.contains("<?xml"));
}

#[test]
fn index_title_and_version() {
    let files = hand_made_site(Lang::En);
    let page = roxmltree::Document::parse_with_options(file(&files, "index.html"), xml_options()).unwrap();
    let heading = page.descendants().find(|node| node.has_tag_name("h1")).unwrap();
    assert_eq!(heading.text(), Some(format!("测试手册 {SCRIPT}").as_str()));
    let subtitle = page.descendants().find(|node| node.attribute("class") == Some("subtitle")).unwrap();
    assert_eq!(subtitle.text(), Some("Process handbook · Version 1.2"));
}

#[test]
fn headings_carry_section_anchors() {
    let files = hand_made_site(Lang::Zh);
    let page =
        roxmltree::Document::parse_with_options(file(&files, "processes/投诉.html"), xml_options()).unwrap();
    let ids = element_ids(&page);
    for anchor in ["purpose", "chart", "steps", "key-1", "step--767b--8bb0-"] {
        assert!(ids.contains(anchor), "no id {anchor} in {ids:?}");
    }
}

#[test]
fn same_page_step_link_is_fragment() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "processes/投诉.html");
    assert!(text.contains("<a href=\"#step--767b--8bb0-\">登记</a>"));
    assert!(text.contains("<a href=\"#key-1\">1</a>"));
}

#[test]
fn other_page_step_link_has_path() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "roles/客服.html");
    assert!(text.contains("href=\"../processes/%E6%8A%95%E8%AF%89.html#step--767b--8bb0-\""));
    assert!(text.contains("href=\"../processes/%E6%8A%95%E8%AF%89.html#key-1\""));
}

#[test]
fn role_without_page_is_text() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "processes/投诉.html");
    assert!(text.contains("<li>implicit</li>"));
    assert!(!text.contains("roles/agent.html"));
}

#[test]
fn figure_svg_is_inline_and_prefixed() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "processes/投诉.html");
    assert!(!text.contains("<?xml"));
    assert!(!text.contains("<img"));
    assert!(text.contains("<marker id=\"figure-1-arrow\">"));
    assert!(text.contains("marker-end=\"url(#figure-1-arrow)\""));
    assert!(text.contains("<g id=\"figure-1--767b--8bb0-\">"));
}

#[test]
fn fields_are_two_column_table() {
    let files = hand_made_site(Lang::Zh);
    let page =
        roxmltree::Document::parse_with_options(file(&files, "roles/客服.html"), xml_options()).unwrap();
    let table = page.descendants().find(|node| node.attribute("class") == Some("fields")).unwrap();
    for row in table.descendants().filter(|node| node.has_tag_name("tr")) {
        let cells = row.children().filter(|node| node.is_element()).count();
        assert_eq!(cells, 2);
    }
}

#[test]
fn tables_have_head() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "processes/投诉.html");
    assert!(text.contains("<table>\n<thead>\n<tr><th>步骤</th>"));
    assert!(text.contains("<td class=\"right\">5 min</td>"));
}

#[test]
fn missing_value_is_marked() {
    let files = hand_made_site(Lang::Zh);
    assert!(file(&files, "roles/客服.html").contains("<span class=\"missing\">待补充</span>"));
}

#[test]
fn navigation_marks_current_page() {
    let files = hand_made_site(Lang::Zh);
    let text = file(&files, "roles/客服.html");
    assert!(text.contains("<a href=\"../roles/%E5%AE%A2%E6%9C%8D.html\" aria-current=\"page\">"));
    assert!(text.contains("<a href=\"../index.html\">流程手册</a>"));
    assert!(text.contains("<link rel=\"stylesheet\" href=\"../style.css\"/>"));
}

#[test]
fn site_is_deterministic() {
    assert_eq!(hand_made_site(Lang::Zh), hand_made_site(Lang::Zh));
}

#[test]
fn stylesheet_prints_on_a4() {
    let files = hand_made_site(Lang::Zh);
    let css = file(&files, "style.css");
    assert!(css.contains("size: A4;"));
    assert!(css.contains("@media print"));
    assert!(!css.contains("http"));
}

#[test]
fn checker_reports_broken_links() {
    let folder = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html>\n<html><body>\
                <a href=\"index.html#nowhere\">a</a><a href=\"gone.html\">b</a>\
                <img src=\"https://example.com/x.png\"/><p id=\"here\">c</p></body></html>";
    std::fs::write(folder.path().join("index.html"), page).unwrap();
    std::fs::write(folder.path().join("broken.html"), "<html><p></html>").unwrap();
    let problems = broken_references(folder.path());
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].starts_with("broken.html is not well-formed XML"));
    assert!(problems[1].contains("missing anchor: index.html#nowhere"));
    assert!(problems[2].contains("missing file: gone.html"));
    assert!(problems[3].contains("outside the site: https://example.com/x.png"));
}

#[test]
fn untitled_index_uses_handbook_name() {
    let model = handbook::model();
    let index =
        reflow::docs::handbook_index(&reflow::docs::HandbookTitle::default(), &[&model], &[], Lang::En);
    assert_eq!(index.title, "Process handbook");
    assert_eq!(index.subtitle, None);
}
