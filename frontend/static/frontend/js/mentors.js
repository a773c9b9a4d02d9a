// /mentors/: mentors open to offers, searchable by text and topic (filters in the URL).
import { showLoadError, siteConfig } from "./api.js";
import { mentorCard } from "./offer_cards.js";
import { el, emptyState, pagedList } from "./ui.js";

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

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = new URLSearchParams();
  for (const name of ["q", "skills"]) if (form.elements[name].value.trim()) next.set(name, form.elements[name].value.trim());
  window.location.assign(`/mentors/?${next}`);
});

mentors.reload().then(() => { status.hidden = true; }).catch((error) => showLoadError(error, status));
