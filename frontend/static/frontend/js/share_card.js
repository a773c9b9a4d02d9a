// "Share your verified experience": the drafter's finishing moment, on the engagement page and
// the dashboard once the work is approved. The shareable page is /experience/<id>/; the API's
// `linkedin_url` adds it to a LinkedIn profile. No card when the experience is not public.
import { api } from "./api.js";
import { el } from "./ui.js";

export async function shareCard(engagementId, { headingLevel = "h2" } = {}) {
  let experience;
  try {
    experience = await api(`experience/${engagementId}/`);
  } catch {
    return null;  // kept private, or not verified yet: nothing to share
  }
  const url = new URL(`/experience/${engagementId}/`, window.location.origin).href;
  const status = el("p", { class: "muted small", role: "status" });
  const headingId = `share-heading-${engagementId}`;
  const copy = el("button", { type: "button", class: "button-secondary", text: "Copy link", onclick: async () => {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = "Link copied. Paste it into a CV, an application or a message.";
    } catch {
      status.textContent = `Copy this link: ${url}`;
    }
  } });
  return el("section", { class: "card share-card", "aria-labelledby": headingId, "data-share-card": true },
    el(headingLevel, { id: headingId, class: "h3", text: "Share your verified experience" }),
    el("p", { text: `${experience.mentor.display_name || experience.mentor.handle} confirmed your work on “${experience.task_title}”. It now has its own page anyone can check.` }),
    el("a", { class: "share-link", href: url, text: url }),
    el("div", { class: "button-row" },
      el("a", { class: "button", href: experience.linkedin_url, rel: "noopener noreferrer", target: "_blank" },
        "Add to LinkedIn", el("span", { class: "visually-hidden", text: " (opens LinkedIn in a new tab)" })),
      copy,
      el("a", { class: "button button-secondary", href: url, text: "Open the page" })),
    status);
}
