// /settings/institutions/: memberships, programme and class year, consent per institution
// (grant, change, revoke), history, and who saw what.
import { allPages, api, sendForm, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { announce, date, dateTime, el, fill, pagedList } from "./ui.js";

const container = document.querySelector("[data-memberships]");
const status = document.querySelector("[data-status]");
const history = document.querySelector("[data-history]");
let terms;
let config = null;  // /api/v1/config/: the programme's limit
let consents = [];


function scopeLabels(keys) {
  return keys.map((key) => terms.scopes.find((s) => s.key === key)?.label || key).join(", ");
}

function consentForm(membership, active) {
  const slug = membership.institution_slug;
  const done = async (text) => {
    await load();
    announce(status, text);
  };
  const revoke = active ? el("button", { type: "button", class: "button-secondary", "data-revoke": true, text: "Stop sharing" }) : null;
  const form = el("form", { class: "consent-form", novalidate: true },
    el("p", { class: "form-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("fieldset", {},
      el("legend", { text: `Share with ${membership.institution_name}` }),
      terms.scopes.map((scope) => el("div", { class: "scope" },
        el("input", { type: "checkbox", name: "scopes", value: scope.key, id: `${slug}-${scope.key}`,
          checked: Boolean(active?.scopes.includes(scope.key)), "aria-describedby": `${slug}-${scope.key}-help` }),
        el("label", { for: `${slug}-${scope.key}`, text: scope.label }),
        el("p", { class: "helptext", id: `${slug}-${scope.key}-help`, text: scope.explanation })))),
    el("details", {}, el("summary", { text: `Why they ask (version ${terms.version})` }), el("p", { text: terms.purpose })),
    el("div", { class: "form-actions" },
      el("button", { type: "submit", text: active ? "Update what I share" : "Share with my career office" }), revoke));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const scopes = [...form.querySelectorAll('input[name="scopes"]:checked')].map((input) => input.value);
    await sendForm(form, async () => {
      await api("me/consents/", { method: "POST", body: { institution: slug, scopes, version: terms.version } });
      await done(`${membership.institution_name} can now see: ${scopeLabels(scopes)}.`);
    });
  });
  revoke?.addEventListener("click", async () => {
    try {
      await api(`me/consents/${active.id}/`, { method: "DELETE" });
      await done(`You stopped sharing with ${membership.institution_name}.`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

// Programme and class year: the office sees them only while the student shares, with their
// name on its list of sharing students, and counts its figures (totals without names) by them.
function cohortForm(membership) {
  const id = `cohort-${membership.id}`;
  const form = el("form", { class: "cohort-form", novalidate: true },
    el("p", { class: "form-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("fieldset", {},
      el("legend", { text: "Your programme and class year (optional)" }),
      el("div", { class: "field" },
        el("label", { for: `${id}-programme`, text: "Programme or major" }),
        el("input", { type: "text", name: "programme", id: `${id}-programme`, maxlength: textLimit(config, "membership.programme"), autocomplete: "off", value: membership.programme || "" })),
      el("div", { class: "field" },
        el("label", { for: `${id}-class_year`, text: "Class year (the year you graduate)" }),
        el("input", { type: "number", name: "class_year", id: `${id}-class_year`, min: "1950", max: "2100", inputmode: "numeric", value: membership.class_year ?? "" })),
      el("p", { class: "helptext", text: "Only shared while you share your participation. Your office's figures count students by programme and class year; a figure is hidden when fewer than 5 students share what it counts." })),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button-secondary", text: "Save programme and year" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const year = form.elements.class_year.value.trim();
    try {
      await api(`me/memberships/${membership.id}/`, { method: "PATCH", body: { programme: form.elements.programme.value, class_year: year ? Number(year) : null } });
      await load();
      announce(status, `Saved your programme and class year at ${membership.institution_name}.`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

// A consent given under earlier wording stays in force (the office reads by part, not by
// wording); the student is told the words changed, and saving again agrees to the new ones.
function olderWording(active) {
  if (!active || active.version === terms.version) return null;
  return el("p", { class: "muted small", "data-older-wording": true,
    text: `You agreed under the wording of version ${active.version}, which still applies. The wording is now version ${terms.version} (below); saving what you share agrees to it.` });
}

// Who at the office can see what the student shares: its staff by name and role, a flag on
// anyone whose address is off the university's domains (a personal or partner address), and
// its own systems (API keys) as one line. Only while the student shares: otherwise the office
// sees nothing of them and the card says "Sharing nothing." The server never sends addresses.
function officePeopleItem(person) {
  return el("li", { "data-office-person": true },
    el("strong", { text: person.name }), " — ", person.role_words,
    person.outside_domains
      ? [" ", el("span", { class: "badge badge-warning", "data-outside-domains": true, text: "Outside the university's domains" })]
      : null);
}

function officePeople(membership) {
  const headingId = `office-people-${membership.id}`;
  const list = el("ul", { class: "office-people-list", "data-office-people-list": true },
    el("li", { class: "muted", text: "Loading…" }));
  const section = el("section", { class: "office-people", "aria-labelledby": headingId, "data-office-people": true },
    el("h4", { id: headingId, text: `Who at ${membership.institution_name}'s career office can see what you share` }),
    list);
  api(`me/memberships/${membership.id}/office-people/`).then((body) => {
    const items = body.people.map(officePeopleItem);
    if (body.systems) items.push(el("li", { "data-office-systems": true }, el("strong", { text: body.systems.description })));
    if (!items.length) items.push(el("li", { class: "muted", text: "Nobody at the office has access yet." }));
    fill(list, items);
  }).catch(() => fill(list, el("li", { class: "muted", text: "Could not load who can see what you share. Reload the page to try again." })));
  return section;
}

function membershipCard(membership) {
  const staff = membership.role === "staff";
  const active = consents.find((c) => c.is_active && c.institution_slug === membership.institution_slug);
  return el("article", { class: "card membership" },
    el("h3", { text: membership.institution_name }),
    el("p", { class: "muted", text: `${staff ? "Career-office staff" : "Student"} · via ${membership.email || "the site team"} · since ${date(membership.created_at)}` }),
    staff
      ? el("p", {}, "You work in its career office: students share with you, not you with it. ",
        el("a", { href: "/careers/", text: "Open the career-office dashboard" }))
      : el("p", { class: "sharing", text: active ? `Sharing now: ${scopeLabels(active.scopes)} (since ${date(active.granted_at)}).` : "Sharing nothing." }),
    staff ? null : olderWording(active),
    staff || !active ? null : officePeople(membership),
    staff ? null : cohortForm(membership),
    staff ? null : consentForm(membership, active));
}

// An office's own staff are never its students (the server ends such a student membership when
// they join the office); an older one is not offered here either.
function shownMemberships(memberships) {
  const staffOf = new Set(memberships.filter((m) => m.role === "staff").map((m) => m.institution_slug));
  return memberships.filter((m) => m.role === "staff" || !staffOf.has(m.institution_slug));
}

function historyItem(consent) {
  return el("li", { text: `${consent.institution_name}: ${scopeLabels(consent.scopes)} — from ${date(consent.granted_at)}${consent.revoked_at ? ` until ${date(consent.revoked_at)}` : " (active)"} · wording version ${consent.version}` });
}

const historyList = pagedList(history, { url: "me/consents/", item: historyItem, moreLabel: "Show older consents" });

// The disclosure log, from the student's side, in plain words. The server groups it: one line
// per day, reader (a person or the office's own system) and kind of read, with that whole
// day's count (one dashboard visit reads several endpoints: it is one visit); pages are whole
// days, so "Show earlier" adds earlier days and never changes a line already shown.
const disclosures = document.querySelector("[data-disclosures]");
const moreDisclosures = el("button", { type: "button", class: "button-secondary button-small load-more", hidden: true, text: "Show earlier" });
disclosures.after(moreDisclosures);
let disclosuresNext = null;

const clock = (value) => dateTime(value).split(", ").pop(); // "14:05"

function disclosureText(line) {
  if (line.count === 1) return `${line.description} — ${date(line.day)}, ${clock(line.last_at)}`;
  return `${line.description} — ${date(line.day)}, ${line.count} times (last at ${clock(line.last_at)})`;
}

function disclosureLine(line) {
  return el("li", { "data-disclosure-count": line.aggregate ? true : null, "data-disclosure-kind": line.kind, text: disclosureText(line) });
}

async function loadDisclosures(url) {
  moreDisclosures.disabled = true;
  try {
    const page = await api(url || "me/disclosures/days/");
    if (!url) disclosures.replaceChildren();
    disclosures.append(...page.results.map(disclosureLine));
    if (!disclosures.children.length) disclosures.append(el("li", { class: "muted", text: "Nobody has seen your data yet." }));
    disclosuresNext = page.next;
    moreDisclosures.hidden = !page.next;
  } finally {
    moreDisclosures.disabled = false;
  }
}
moreDisclosures.addEventListener("click", () => loadDisclosures(disclosuresNext));

const disclosureList = { reload: () => loadDisclosures(null) };

async function load() {
  // The cards need every consent still in force (however long the history); the history list
  // below shows a page at a time.
  let memberships;
  [memberships, consents] = await Promise.all([api("me/memberships/"), allPages("me/consents/"), historyList.reload(), disclosureList.reload()]);
  memberships = shownMemberships(memberships);
  fill(container, memberships.map(membershipCard));
  document.querySelector("[data-memberships-empty]").hidden = memberships.length > 0;
  document.querySelector("[data-history-empty]").hidden = consents.length > 0;
}

(async () => {
  [terms, config] = await Promise.all([api("consent-terms/"), siteConfig()]);
  await load();
})().catch((error) => showLoadError(error));
