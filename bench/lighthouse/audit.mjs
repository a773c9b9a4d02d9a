// One Lighthouse audit of one URL, optionally signed in: the session cookie is set in the
// browser (Lighthouse's --extra-headers only reaches the document, not the page's fetch calls).
// Usage: node audit.mjs URL [sessionid]   prints the scores and bytes as JSON.
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";

const [url, session] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: (process.env.CHROME_FLAGS || "").split(" ").filter(Boolean),
});
try {
  const page = await browser.newPage();
  if (session) {
    await browser.setCookie({ name: "sessionid", value: session, url: new URL(url).origin });
  }
  const result = await lighthouse(
    url,
    { output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] },
    {
      extends: "lighthouse:default",
      settings: { formFactor: "desktop", screenEmulation: { disabled: true }, throttlingMethod: "provided" },
    },
    page,
  );
  const { categories, audits } = result.lhr;
  process.stdout.write(JSON.stringify({
    performance: categories.performance.score,
    accessibility: categories.accessibility.score,
    best_practices: categories["best-practices"].score,
    bytes: audits["total-byte-weight"].numericValue,
    // A page Lighthouse could not measure (e.g. NO_LCP under load) has null scores and says why.
    runtime_error: result.lhr.runtimeError?.code || null,
    failed: Object.values(audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id),
  }));
} finally {
  await browser.close();
}
