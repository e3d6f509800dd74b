// Builds the committed front-end files in static/govuk/ from GOV.UK Frontend and
// scss/app.scss. Run through `make assets` (npm ci + npm run build); see docs/assets.md.
//
// Nothing here is needed at run time: the app serves only what this script writes.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = resolve(here, "../static");
const outDir = join(staticDir, "govuk");
const imagesOut = join(outDir, "assets/images");
const frontend = join(here, "node_modules/govuk-frontend/dist/govuk");

// Start clean so files dropped from the build do not linger in the commit.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(imagesOut, { recursive: true });

// 1. Styles: GOV.UK Frontend configured for a non-GOV.UK service, plus the app's own.
const { css } = sass.compile(join(here, "scss/app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(here)],
  // GOV.UK Frontend 5 still uses @import and global built-ins; those deprecation
  // warnings are upstream's to fix, so only warnings from our own Sass are shown.
  quietDeps: true,
});
// The footer's crown-crest copyright logo is for GOV.UK only and base.html does not use
// it, so its rules go rather than shipping a 35 KiB image nothing shows. (Django's
// manifest storage refuses CSS that points at a missing file, and the check below
// fails the build if these rules ever change shape and survive.)
let withoutCrest = css.replace(/\.govuk-footer__copyright-logo::before\{[^}]*\}/g, "");
for (let before = ""; before !== withoutCrest; ) {
  before = withoutCrest;
  withoutCrest = withoutCrest.replace(/@(supports|media)[^{}]*\{\}/g, ""); // emptied blocks
}
// Compressed output marks the non-ASCII glyphs (RAG shapes) with a BOM; say so with
// @charset instead, which every browser and WeasyPrint reads the same way.
const cssText = `@charset "UTF-8";${withoutCrest.replace(/^\uFEFF/, "").replace(/^@charset "UTF-8";/, "")}\n`;
writeFileSync(join(outDir, "govuk-frontend.min.css"), cssText);

// 2. Scripts: the ES module bundle. Its sourceMappingURL comment is dropped because the
// map is not shipped, and Django's manifest storage fails collectstatic on a missing map.
const js = readFileSync(join(frontend, "govuk-frontend.min.js"), "utf8").replace(
  /\n?\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);
writeFileSync(join(outDir, "govuk-frontend.min.js"), js);

// 3. Images: our own icons (images/), not GOV.UK's crown ones, which are for GOV.UK only.
for (const name of ["favicon.svg", "favicon.ico", "icon-180.png"]) {
  copyFileSync(join(here, "images", name), join(imagesOut, name));
}

// 4. Checks: no fonts or URLs off this site, and every url() the CSS uses exists.
const problems = [];
if (/GDS Transport/i.test(cssText)) problems.push("CSS mentions the GDS Transport font");
if (/@font-face/.test(cssText)) problems.push("CSS declares a @font-face");
for (const [, raw] of cssText.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
  if (raw.startsWith("data:")) continue;
  if (!raw.startsWith("/static/")) {
    problems.push(`CSS points outside /static/: ${raw}`);
  } else if (!existsSync(join(staticDir, raw.slice("/static/".length)))) {
    problems.push(`CSS points at a missing file: ${raw}`);
  }
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`static/govuk/govuk-frontend.min.css ${kb(Buffer.byteLength(cssText))}`);
console.log(`static/govuk/govuk-frontend.min.js  ${kb(Buffer.byteLength(js))}`);
