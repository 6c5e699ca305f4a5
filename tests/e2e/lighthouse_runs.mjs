// Several Lighthouse runs, one after another, in one Chromium that tests/e2e/test_lighthouse.py
// started with --remote-debugging-port: one Node.js process and one browser for many pages
// saves the few seconds each `lighthouse` command spends starting both.
// Usage: node lighthouse_runs.mjs PORT JOBS.json   (JOBS: [{url, formFactor, out}, ...])
// Each run is the same as `lighthouse URL --only-categories=... --output=json` (with
// `--preset=desktop` for desktop): Lighthouse clears the origin's cache and storage before
// each run, so each page is a first load.
import { readFileSync, writeFileSync } from "node:fs";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [port, jobsFile] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));
const flags = {
  port: Number(port),
  output: "json",
  logLevel: "error",
  onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
  // Neither counts in any score: the full-page screenshot (for the HTML report's viewer)
  // and the back/forward-cache check (it navigates away and back) cost 3 s a run.
  disableFullPageScreenshot: true,
  skipAudits: ["bf-cache"],
};
for (const job of jobs) {
  const config = job.formFactor === "desktop" ? desktopConfig : undefined;
  const result = await lighthouse(job.url, flags, config);
  if (!result) throw new Error(`Lighthouse returned nothing for ${job.url}`);
  if (result.lhr.runtimeError) {
    throw new Error(`${job.url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
  }
  writeFileSync(job.out, result.report);
  console.error(`${job.formFactor} ${job.url}: done`);
}
