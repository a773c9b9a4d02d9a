// Site-wide behaviour shared by every page.
import { siteConfig } from "./api.js";

// The current page's nav item is the longest link that starts its path, so /tasks/new/ marks
// "Post a task", not "Browse tasks" (/tasks/).
const current = window.location.pathname;
const matches = [...document.querySelectorAll(".site-nav a[href]")].filter((link) => {
  const href = link.getAttribute("href");
  return href !== "/" && current.startsWith(href);
});
const longest = Math.max(0, ...matches.map((link) => link.getAttribute("href").length));
matches.filter((link) => link.getAttribute("href").length === longest).forEach((link) => link.setAttribute("aria-current", "page"));

// The account menu (<details>): Escape closes it and returns focus, and so does a click elsewhere.
const accountMenu = document.querySelector("[data-account-menu]");
if (accountMenu) {
  accountMenu.querySelector("summary").classList.toggle("current", Boolean(accountMenu.querySelector("[aria-current]")));
  accountMenu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && accountMenu.open) {
      event.stopPropagation();
      accountMenu.open = false;
      accountMenu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (accountMenu.open && !accountMenu.contains(event.target)) accountMenu.open = false;
  });
}

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

// On a phone the navigation folds behind a Menu button (CSS shows the button under 760 px).
const menu = document.querySelector("[data-menu-toggle]");
const nav = document.getElementById("site-nav");
if (menu && nav) {
  nav.classList.add("nav-closed");
  menu.addEventListener("click", () => {
    const open = nav.classList.toggle("nav-closed") === false;
    menu.setAttribute("aria-expanded", String(open));
    if (open) nav.querySelector("a")?.focus();
  });
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.offsetParent) {
      nav.classList.add("nav-closed");
      menu.setAttribute("aria-expanded", "false");
      menu.focus();
    }
  });
}
