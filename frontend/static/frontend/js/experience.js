// /experience/<id>/: the server draws the proof (and its Open Graph tags); for its owner only
// (the page loads this script only for them) this adds the "Add to LinkedIn" link from
// GET /api/v1/experience/<id>/ and a "Copy link" button: a visitor has nothing to share.
import { api } from "./api.js";
import { el } from "./ui.js";

const root = document.querySelector("[data-experience-page]");
const share = root.querySelector("[data-share]");

api(`experience/${root.dataset.engagementId}/`).then((data) => {
  if (data.linkedin_url) {
    // After the buttons already drawn (before the copy status line, so it sits beside them),
    // never before them: arriving a moment later, it must not move the certificate button out
    // from under a pointer about to click it.
    share.insertBefore(el("a", { class: "button", href: data.linkedin_url, rel: "noopener noreferrer", target: "_blank" },
      "Add to LinkedIn", el("span", { class: "visually-hidden", text: " (opens LinkedIn in a new tab)" })),
      share.querySelector('[role="status"]'));
  }
}).catch(() => {});  // The page itself is the proof; sharing is extra.

if (navigator.clipboard) {
  const status = el("span", { class: "muted small", role: "status" });
  share.append(el("button", { type: "button", class: "button-secondary", text: "Copy link", onclick: async () => {
    await navigator.clipboard.writeText(window.location.href);
    status.textContent = "Link copied.";
  } }), status);
}
