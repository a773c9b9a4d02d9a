// On a public profile: what drafts led to (report-back outcomes) and introductions made
// (GET /api/v1/profiles/<handle>/outcomes/). Hidden when there is nothing to say.
import { api } from "./api.js";
import { el } from "./ui.js";

const handle = document.querySelector("[data-profile]").dataset.handle;
const section = document.querySelector("[data-outcomes]");

api(`profiles/${encodeURIComponent(handle)}/outcomes/`).then((data) => {
  const lines = [...data.lines];
  if (data.introductions_made) lines.push(`Introduced ${data.introductions_made} ${data.introductions_made === 1 ? "person" : "people"} to a task`);
  if (!lines.length) return;
  section.querySelector("[data-outcome-lines]").replaceChildren(...lines.map((line) => el("li", { text: line })));
  section.hidden = false;
}).catch(() => { /* no profile, or the endpoint is unavailable: the rest of the page stands */ });
