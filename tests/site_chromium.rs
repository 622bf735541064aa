//! The handbook site in a real browser: every page opens in headless
//! Chromium without console errors, uncaught exceptions or failed loads,
//! and shows the title the writer gave it.
//!
//! Chromium is Debian's `/usr/bin/chromium`, driven by playwright-core
//! from `tests/browser`. `scripts/test.sh` installs both.

mod handbook;

use std::path::{Path, PathBuf};
use std::process::Command;

use handbook::{hand_made_site, html_files, write_site, xml_options};
use reflow::docs::Lang;

const CHROMIUM: &str = "/usr/bin/chromium";

/// What the browser script reports about one page.
#[derive(Debug, serde::Deserialize)]
struct Opened {
    page: String,
    title: String,
    headings: usize,
    errors: Vec<String>,
}

fn browser_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Fails the test with the command that installs what is missing.
fn require_browser() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: run `bash scripts/test.sh`, which installs the Debian package chromium"
    );
    assert!(
        browser_folder().join("node_modules/playwright-core").is_dir(),
        "playwright-core is missing in tests/browser: run `bash scripts/test.sh`, which runs `npm ci` there"
    );
}

/// Opens the given pages of the site under `site` in Chromium, with a new
/// empty profile.
fn open_pages(site: &Path, pages: &[String]) -> Vec<Opened> {
    require_browser();
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("node")
        .arg(browser_folder().join("open_pages.mjs"))
        .arg(CHROMIUM)
        .arg(profile.path())
        .arg(site)
        .args(pages)
        .output()
        .expect("node runs; run `bash scripts/test.sh` to install it");
    assert!(
        output.status.success(),
        "the browser script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the browser script prints JSON")
}

/// Returns the text of the page's `<title>` as written.
fn written_title(site: &Path, page: &str) -> String {
    let text = std::fs::read_to_string(site.join(page)).unwrap();
    let document = roxmltree::Document::parse_with_options(&text, xml_options()).unwrap();
    let title = document.descendants().find(|node| node.has_tag_name("title")).unwrap();
    title.text().unwrap_or_default().to_string()
}

/// Opens every page of the site under `site` and checks each.
fn check_every_page(site: &Path) {
    let pages = html_files(site);
    assert!(pages.contains(&"index.html".to_string()), "no index.html in {pages:?}");
    let opened = open_pages(site, &pages);
    assert_eq!(opened.len(), pages.len());
    for page in &opened {
        assert!(page.errors.is_empty(), "{}: {}", page.page, page.errors.join("\n"));
        assert_eq!(page.title, written_title(site, &page.page), "title of {}", page.page);
        assert_eq!(page.headings, 1, "h1 headings in {}", page.page);
    }
}

#[test]
fn hand_made_site_opens_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    write_site(&hand_made_site(Lang::Zh), folder.path());
    check_every_page(folder.path());
}

#[test]
fn examples_site_opens_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["build", "examples/", "-o", site.to_str().unwrap()])
        .output()
        .expect("the reflow binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    check_every_page(&site);
}

#[test]
fn browser_reports_broken_page() {
    let folder = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html>\n<html><head><title>Broken</title>\
                <link rel=\"stylesheet\" href=\"missing.css\"/></head>\
                <body><script>nothing();</script></body></html>";
    std::fs::write(folder.path().join("broken.html"), page).unwrap();
    let opened = open_pages(folder.path(), &["broken.html".to_string()]);
    assert_eq!(opened[0].title, "Broken");
    let errors = opened[0].errors.join("\n");
    assert!(errors.contains("missing.css"), "{errors}");
    assert!(errors.contains("uncaught: nothing is not defined"), "{errors}");
}
