// /circles/: circles suggested by the viewer's skills, all live circles (filtered by family),
// joining, and hosting a new one. Buttons come from each circle's allowed_actions.
import { api, clearErrors, errorText, showErrors, showLoadError } from "./api.js";
import { circleBadge } from "./circle_states.js";
import { announce, el, emptyState, fill, pagedList, plural } from "./ui.js";

const root = document.querySelector("[data-circles-page]");
const status = root.querySelector("[data-status]");
const suggested = root.querySelector("[data-suggested]");
const all = root.querySelector("[data-circles]");
const filter = root.querySelector("[data-skill-filter]");
const hostForm = root.querySelector("[data-host-form]");
const hostReason = root.querySelector("[data-host-reason]");

function card(circle) {
  const note = el("p", { class: "muted small", role: "status" });
  const action = circle.allowed_actions.includes("join")
    ? el("button", { type: "button", class: "button-small", onclick: (event) => join(circle, event.currentTarget, note) }, "Join ", el("span", { class: "visually-hidden", text: circle.name }))
    : circle.viewer_role === "drafter"
      ? el("p", { class: "muted small", text: circle.member_count >= 8 ? "Full for now." : "Not open to you." })
      : el("a", { class: "button button-secondary button-small", href: circle.url }, "Open ", el("span", { class: "visually-hidden", text: circle.name }));
  return el("li", { class: "card circle-card" },
    el("h3", { class: "circle-card-title" }, circle.viewer_role === "drafter" ? circle.name : el("a", { href: circle.url, text: circle.name })),
    el("p", { class: "circle-card-meta" },
      el("span", { class: "badge", text: circle.skill_family_label }), " ",
      circleBadge(circle.state), " ",
      el("span", { class: "muted small", text: `${plural(circle.member_count, "member")} of 8` })),
    circle.description ? el("p", { text: circle.description }) : null,
    el("p", { class: "muted small" }, "Hosted by ", el("a", { href: `/u/${circle.host.handle}/`, text: circle.host.display_name }),
      circle.institution ? `\u00a0· ${circle.institution} only` : ""),
    action, note);
}

async function join(circle, button, note) {
  button.disabled = true;
  try {
    await api(`circles/${circle.id}/join/`, { method: "POST" });
    window.location.assign(circle.url);
  } catch (error) {
    button.disabled = false;
    announce(note, errorText(error));
  }
}

function loadAll() {
  const skill = filter.value;
  const url = `circles/${skill ? `?skill=${encodeURIComponent(skill)}` : ""}`;
  return pagedList(all, {
    url, item: card, moreLabel: "More circles",
    // Unfiltered, the suggestion above has already said there is no circle: this says what fills it.
    empty: () => el("li", {}, emptyState((skill ? "No circle around this family yet." : "Circles appear here as drafters host them.") + (canHost ? " Host the first one below." : ""))),
  }).reload();
}

filter.addEventListener("change", () => {
  const params = new URLSearchParams(window.location.search);
  if (filter.value) params.set("skill", filter.value); else params.delete("skill");
  history.replaceState(null, "", `?${params}`);
  loadAll().catch((error) => showLoadError(error, status));
});

hostForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(hostForm);
  const data = Object.fromEntries(new FormData(hostForm));
  try {
    const circle = await api("circles/", { method: "POST", body: data });
    window.location.assign(circle.url);
  } catch (error) {
    showErrors(hostForm, error);
  }
});

// A host may keep the circle within one of their institutions.
api("me/memberships/").then((memberships) => {
  if (!memberships.length) return;
  const select = hostForm.elements.institution_slug;
  select.append(...memberships.map((m) => el("option", { value: m.institution_slug, text: `Members of ${m.institution_name} only` })));
  hostForm.querySelector("[data-institution-field]").hidden = false;
}).catch(() => {});

// Someone who may not host yet sees the form disabled with the reason, not a refusal on submit
// (and no "host the first one" under an empty list).
let canHost = true;
const hostingLoaded = api("circles/hosting/").then((hosting) => {
  canHost = hosting.eligible;
  if (hosting.eligible) return;
  // The reason says the rule with their own count, so the intro's general rule steps aside.
  hostReason.textContent = `Hosting takes ${plural(hosting.required, "verified draft")}; you have ${hosting.verified_drafts}.`;
  hostReason.hidden = false;
  document.querySelector("[data-host-rule]").hidden = true;
  for (const control of hostForm.elements) {
    control.disabled = true;
    control.setAttribute("aria-describedby", "host-reason");
  }
}).catch(() => {});

// The empty suggestion says what would help: skills only to someone who has none.
function noSuggestion(me) {
  return me.skills.length
    ? emptyState("No circle around your skills yet. Ask below to hear when one starts, or browse all circles.")
    : emptyState("No circle around your skills yet. Add skills to your profile, or browse all circles below.", { href: "/settings/#profile", text: "Your skills" });
}

// "Tell me when a circle opens" for each family of the viewer's skills: the way on from an
// empty suggestion (POST/DELETE /api/v1/circles/alerts/<family>/; told once, then it ends).
const alertsBox = root.querySelector("[data-circle-alerts]");
const alertList = root.querySelector("[data-circle-alert-list]");
const alertStatus = root.querySelector("[data-circle-alert-status]");

// "a JavaScript circle", "an Interface design circle".
const aOrAn = (label) => (/^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`);

function alertItem(row) {
  const label = row.skill_family_label;
  const toggle = el("button", { type: "button", class: row.waiting ? "button-secondary button-small" : "button-small" },
    row.waiting ? "Stop waiting" : "Tell me when one opens", el("span", { class: "visually-hidden", text: ` (${label})` }));
  toggle.addEventListener("click", async () => {
    toggle.disabled = true;
    try {
      const url = `circles/alerts/${encodeURIComponent(row.skill_family)}/`;
      const next = row.waiting ? { ...row, waiting: false } : await api(url, { method: "POST" });
      if (row.waiting) await api(url, { method: "DELETE" });
      const item = alertItem(next);
      toggle.closest("li").replaceWith(item);
      announce(alertStatus, next.waiting ? `We will tell you when ${aOrAn(label)} circle opens.` : `You will not hear about ${label} circles.`);
    } catch (error) {
      toggle.disabled = false;
      announce(alertStatus, errorText(error));
    }
  });
  return el("li", { class: "circle-alert" },
    el("span", { class: "circle-alert-text" }, el("strong", { text: label }),
      // "No circle yet" is said once, by the empty suggestion above: a row only adds a promise made.
      row.waiting ? el("span", { class: "muted", text: "\u00a0· ✓ we will tell you when one opens" }) : null),
    toggle);
}

async function showAlerts() {
  const rows = (await api("circles/alerts/")).filter((row) => row.from_your_skills || row.waiting);
  fill(alertList, rows.map(alertItem));
  alertsBox.hidden = rows.length === 0;
}

filter.value = new URLSearchParams(window.location.search).get("skill") || "";
Promise.all([
  Promise.all([api("circles/?suggested=true&page_size=6"), api("me/")]).then(([page, me]) => {
    fill(suggested, page.results.length ? page.results.map(card) : el("li", {}, noSuggestion(me)));
    return page.results.length ? null : showAlerts();
  }),
  hostingLoaded.then(loadAll),
]).then(() => { status.hidden = true; }).catch((error) => showLoadError(error, status));
