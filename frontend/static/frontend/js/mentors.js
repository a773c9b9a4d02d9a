// /mentors/: mentors open to offers, searchable by text and topic (filters in the URL).
import { api, showLoadError, siteConfig } from "./api.js";
import { mentorCard, mentorName } from "./offer_cards.js";
import { el, emptyState, fill, pagedList } from "./ui.js";

const root = document.querySelector("[data-mentors-page]");
const form = root.querySelector("[data-mentor-search]");
const list = root.querySelector("[data-mentors]");
const status = root.querySelector("[data-status]");
const params = new URLSearchParams(window.location.search);
form.elements.q.value = params.get("q") || "";
form.elements.skills.value = params.get("skills") || "";

const query = new URLSearchParams();
for (const name of ["q", "skills"]) if (params.get(name)) query.set(name, params.get(name));
const filtered = [...query.keys()].length > 0;

const config = await siteConfig();
const mentors = pagedList(list, {
  url: `mentors/?${query}`,
  item: (card) => mentorCard(card, { viewer: root.dataset.viewer, days: config?.offer_expiry_days }),
  empty: () => el("li", {}, emptyState(
    filtered ? "No mentor open to offers matches this search. Try another topic, or clear the search." : "No mentor is taking offers right now. Browse tasks in the meantime — mentors post overflow work there.",
    filtered ? { href: "/mentors/", text: "Clear the search" } : { href: "/tasks/", text: "Browse tasks" })),
  moreLabel: "More mentors",
});

// "Suggested for you": only a signed-in drafter asks (the template marks them), only on the
// unfiltered page, and the strip stays hidden when there is nothing true to suggest.
async function showSuggestions() {
  const strip = root.querySelector("[data-suggested]");
  const rows = await api("me/mentor-suggestions/");
  if (!rows.length) return;
  fill(strip.querySelector("[data-suggested-list]"), ...rows.map((row) => {
    const card = mentorCard(row, { viewer: root.dataset.viewer, days: config?.offer_expiry_days, headingLevel: "h3" });
    // Its own class: the same look, but a page's list of cards stays one card per mentor.
    card.classList.replace("offer-mentor-card", "mentor-suggestion");
    const reasons = el("ul", { class: "reasons", "aria-label": `Why ${mentorName(row)}` }, row.reasons.map((r) => el("li", { text: r })));
    card.firstElementChild.after(reasons);
    return card;
  }));
  strip.hidden = false;
  root.querySelector("[data-all-heading]").hidden = false;
}

if ("suggestions" in root.dataset && !filtered) {
  // A supplement to the list: if it cannot load, the full list below still serves.
  showSuggestions().catch(() => {});
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = new URLSearchParams();
  for (const name of ["q", "skills"]) if (form.elements[name].value.trim()) next.set(name, form.elements[name].value.trim());
  window.location.assign(`/mentors/?${next}`);
});

mentors.reload().then(() => { status.hidden = true; }).catch((error) => showLoadError(error, status));
