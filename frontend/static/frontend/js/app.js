// Site-wide behaviour shared by every page.
import { siteConfig } from "./api.js";

const current = window.location.pathname;
document.querySelectorAll(".site-nav a[href]").forEach((link) => {
  const href = link.getAttribute("href");
  if (href !== "/" && current.startsWith(href)) link.setAttribute("aria-current", "page");
});

// Copy that quotes a site limit names it (<span data-config-value="auto_release_days">) and gets
// the number from /api/v1/config/, so the page and the rules cannot disagree.
const quoted = document.querySelectorAll("[data-config-value]");
if (quoted.length) {
  siteConfig().then((config) => {
    if (!config) return;
    quoted.forEach((node) => {
      const value = config[node.dataset.configValue];
      if (value !== undefined) node.textContent = String(value);
    });
  });
}
