// Opens pages of a site folder in headless Chromium and prints, as JSON
// on standard output, each page's title and every console error or
// warning, uncaught exception and failed load.
//
// Usage: node open_pages.mjs CHROMIUM PROFILE_DIR SITE_DIR PAGE...
// PAGE is a path relative to SITE_DIR, such as `roles/agent.html`.

import { pathToFileURL } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const [executablePath, profileDir, siteDir, ...pages] = process.argv.slice(2);
if (!executablePath || !profileDir || !siteDir || pages.length === 0) {
  console.error("usage: node open_pages.mjs CHROMIUM PROFILE_DIR SITE_DIR PAGE...");
  process.exit(2);
}

// Chromium's own network services stay off: the pages need none, and the
// machines that run the tests have no network but the package registries.
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const context = await chromium.launchPersistentContext(profileDir, {
  executablePath,
  args,
  headless: true,
  timeout: 60_000,
});

const results = [];
try {
  for (const relative of pages) {
    results.push(await openPage(context, path.join(siteDir, relative), relative));
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");

/** Loads one page and returns its title and the errors seen while loading. */
async function openPage(context, file, relative) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      errors.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    errors.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      errors.push(`status ${response.status()} for ${response.url()}`);
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 30_000 });
  const title = await page.title();
  const headings = await page.locator("h1").count();
  await page.close();
  return { page: relative, title, headings, errors };
}
