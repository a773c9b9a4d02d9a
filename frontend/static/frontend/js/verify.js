// /verify/: paste or upload a credential; POST /api/v1/credentials/verify/ says whether it is
// valid, tampered, revoked, from an unknown issuer or not a readable credential at all, and
// what work it certifies.
import { api, showErrors } from "./api.js";
import { date, el, fill } from "./ui.js";

const root = document.querySelector("[data-verify-page]");
const form = root.querySelector("[data-verify-form]");
const result = root.querySelector("[data-verify-result]");
const TITLES = {
  valid: ["Valid credential", "badge-success"],
  revoked: ["Revoked credential", "badge-danger"],
  tampered: ["Tampered credential", "badge-danger"],
  unknown_issuer: ["Unknown issuer", "badge-warning"],
  malformed: ["Not a readable credential", "badge-warning"],
};

function person(p) {
  return el("a", { href: `/u/${p.handle}/`, text: p.display_name || p.handle });
}

function details(c) {
  if (!c) return null;
  const done = date(c.completed_at);
  return [
    el("p", {}, person(c.drafter), " drafted ", el("strong", { text: `“${c.title}”` }), " for ", person(c.mentor),
      `, about ${c.hours} hours`, done ? `, confirmed on ${done}.` : "."),
    c.skills.length ? el("ul", { class: "badge-list", "aria-label": "Skills" }, c.skills.map((s) => el("li", { class: "chip-item" }, el("span", { class: "badge chip", text: s })))) : null,
    c.evidence.length ? el("dl", { class: "experience-facts" }, c.evidence.map((e) => el("div", {}, el("dt", { text: e.name }), el("dd", { text: e.narrative || "—" })))) : null,
    el("p", {}, el("a", { href: c.experience_url, text: "See the verified experience page" })),
  ];
}

// The API's message opens with its verdict ("Valid: issued by this site…") for readers of the
// JSON alone; here the heading already says it, so the line starts with what follows.
// Unreadable text opens with its own sentence of verdict ("This is not a readable credential."),
// which the heading "Not a readable credential" has just said.
function withoutVerdict(message) {
  const rest = message.replace(/^(Valid|Revoked|Tampered|Unknown issuer):\s*/, "").replace(/^This is not a readable credential\.\s*/, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = form.elements.file.files[0];
  const body = new FormData();
  if (file) body.append("file", file);
  else body.append("credential", form.elements.credential.value);
  try {
    const answer = await api("credentials/verify/", { method: "POST", body });
    const [title, cls] = TITLES[answer.result] || [answer.result, ""];
    const heading = result.querySelector("[data-result-title]");
    fill(heading, el("span", { class: `badge ${cls}`, "data-result": answer.result, text: title }));
    fill(result.querySelector("[data-result-message]"), withoutVerdict(answer.message));
    fill(result.querySelector("[data-result-details]"), details(answer.certifies));
    result.hidden = false;
    // The whole verdict in view, not just its heading peeking above the window's bottom edge.
    heading.focus({ preventScroll: true });
    result.scrollIntoView({ block: "start" });
  } catch (error) {
    result.hidden = true;
    showErrors(form, error);
  }
});
