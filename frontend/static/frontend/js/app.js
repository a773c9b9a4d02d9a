// Site-wide behaviour shared by every page.
const current = window.location.pathname;
document.querySelectorAll(".site-nav a[href]").forEach((link) => {
  const href = link.getAttribute("href");
  if (href !== "/" && current.startsWith(href)) link.setAttribute("aria-current", "page");
});
