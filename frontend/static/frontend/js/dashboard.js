// /dashboard/: what is waiting for this person, by role (GET /api/v1/me/dashboard/ `roles`): a
// drafter sees drafting, a mentor mentoring, someone doing both sees both; next steps first.
import { allPages, api, showErrors, showLoadError } from "./api.js";
import { shareCard } from "./share_card.js";
import { offerStateBadge } from "./offer_states.js";
import { announce, date, el, fill, plural, stateBadge } from "./ui.js";

const root = document.querySelector("[data-dashboard]");
const $ = (sel) => root.querySelector(sel);

function row(href, title, state, detail) {
  return el("li", { class: "row-card" },
    el("a", { href, text: title }), stateBadge(state), detail ? el("span", { class: "muted small", text: detail }) : null);
}

function fillList(list, items, empty) {
  fill(list, items.length ? items : el("li", { class: "empty-state small", text: empty }));
}

function engagementRow(e, role) {
  const other = role === "mentor" ? e.drafter : e.mentor;
  return row(`/engagements/${e.id}/`, e.task.title, e.state, `with ${other.display_name || other.handle}`);
}

// Accepting or declining an introduction redraws the dashboard and says what happened.
function introduction(i) {
  const item = el("li", { class: "row-card" },
    el("a", { href: `/tasks/${i.task.id}/`, text: i.task.title }),
    el("span", { class: "muted small", text: `${i.introducer.display_name || i.introducer.handle}: “${i.note}”` }));
  const answer = (action, done) => async () => {
    try {
      await api(`introductions/${i.id}/${action}/`, { method: "POST" });
      await main();
      announce($("[data-status]"), done);
    } catch (error) { showErrors(item, error); }
  };
  item.append(
    el("button", { type: "button", class: "button-small", text: "Accept", onclick: answer("accept", `Introduction accepted: the mentor of “${i.task.title}” can see it now.`) }),
    el("button", { type: "button", class: "button-small button-secondary", text: "Decline", onclick: answer("decline", "Introduction declined.") }));
  return item;
}

// A task made by accepting a drafter's offer is private and already filled: it says where it came
// from, how its engagement stands and where that is, never "Closed · 1 application". Which tasks
// those are: the mentor's accepted offers (GET /api/v1/me/offers/), each naming its task and
// engagement; a failed load leaves the plain rows.
async function receivedOffers(roles) {
  if (!roles.mentor) return null;
  try {
    return await allPages("me/offers/?box=received");
  } catch {
    return null;
  }
}

// A mentor's counts at a glance, 0 included: offers from drafters waiting for their answer, and
// invitations to apply they sent (GET /api/v1/me/invitations/?box=sent), each linking to its page.
// A count that failed to load is left out rather than shown as 0.
async function mentorCounts(offers) {
  const invitations = await api("me/invitations/?box=sent").catch(() => null);
  const items = [];
  if (offers) {
    const waiting = offers.filter((o) => o.state === "pending").length;
    items.push(el("li", {}, el("a", { href: "/offers/", "data-offers-waiting": true },
      el("strong", { text: String(waiting) }), ` ${waiting === 1 ? "offer" : "offers"} waiting for your answer`)));
  }
  if (invitations) {
    const unanswered = invitations.filter((i) => i.state === "pending" && !i.application_id).length;
    items.push(el("li", {}, el("a", { href: "/invitations/", "data-invitations-sent": true },
      el("strong", { text: String(invitations.length) }), ` ${invitations.length === 1 ? "invitation" : "invitations"} to apply sent`,
      invitations.length ? el("span", { class: "muted", text: ` · ${unanswered} not answered yet` }) : null)));
  }
  return items;
}

// What a mentor's own task row counts, only what can be true of it: a draft has no applications
// yet, and "0 to review" is noise.
function taskCounts(t) {
  if (t.state === "draft") return `Not published yet · ${plural(t.slots, "place")}`;
  return [
    t.applications_pending ? `${t.applications_pending} to review` : null,
    plural(t.applications_total, "application"),
    `${t.filled_slots} of ${plural(t.slots, "place")} filled`,
  ].filter(Boolean).join(" · ");
}

function taskRow(t, offer, engagements) {
  if (!offer) return row(`/tasks/${t.id}/`, t.title, t.state, taskCounts(t));
  const drafter = offer.drafter.display_name || offer.drafter.handle;
  const engagement = engagements.find((e) => e.id === offer.engagement_id);
  return el("li", { class: "row-card", "data-offer-task": true },
    el("a", { href: `/tasks/${t.id}/`, text: t.title }),
    el("span", { class: "badge" }, el("span", { class: "visually-hidden", text: "Visibility: " }), "Private"),
    el("span", { class: "muted small", text: `from ${drafter}’s offer` }),
    engagement ? stateBadge(engagement.state) : null,
    offer.engagement_id ? el("a", { class: "small", href: `/engagements/${offer.engagement_id}/` }, "Open the engagement",
      el("span", { class: "visually-hidden", text: ` with ${drafter}` })) : null);
}

function mainActions(roles) {
  const browse = el("a", { class: "button", href: "/tasks/", text: "Browse tasks" });
  const post = el("a", { class: "button", href: "/tasks/new/", text: "Post a task" });
  const forYou = el("a", { class: "button button-secondary", href: "/for-you/", text: "Tasks for you" });
  if (roles.mentor && !roles.drafter) return [post];
  if (roles.drafter && !roles.mentor) return [browse, forYou];
  post.className = "button button-secondary";
  return [browse, post, forYou];
}

async function main() {
  const [data, me] = await Promise.all([api("me/dashboard/"), api("me/").catch(() => null)]);
  // Roles from the API; older servers: from what the person has done and chosen.
  const roles = data.roles || {
    mentor: Boolean(data.mentor.tasks.length || me?.wants_to_mentor),
    drafter: Boolean(data.drafter.applications.length || me?.wants_to_draft || !me?.wants_to_mentor),
  };
  fill($("[data-main-actions]"), mainActions(roles));
  const received = await receivedOffers(roles);
  const fromOffers = new Map((received || []).filter((o) => o.task_id).map((o) => [o.task_id, o]));
  if (roles.mentor) mentorCounts(received).then((items) => fill($("[data-mentor-counts]"), items));
  $("[data-status]").textContent = "";
  const unread = $("[data-unread]");
  unread.hidden = !data.unread_messages;
  fill(unread, data.unread_messages ? el("a", { href: "/messages/", text: `You have ${plural(data.unread_messages, "unread message")}. ${data.unread_messages === 1 ? "Read it" : "Read them"}` }) : null);
  // The welcome wizard is done on Finish or Skip, never by opening it: until then, a way back.
  $("[data-setup]").hidden = !me || me.onboarding_completed !== false;

  const completeness = me?.completeness;
  if (completeness && completeness.percent < 100 && completeness.next_step) {
    $("[data-completeness]").hidden = false;
    $("[data-complete-percent]").textContent = String(completeness.percent);
    $("[data-complete-bar]").value = completeness.percent;
    const link = $("[data-complete-next]");
    link.href = completeness.next_step.url;
    link.textContent = `Next: ${completeness.next_step.label}`;
  }

  const steps = [...(data.next_steps || []), ...(data.drafter.next_steps || []), ...(data.mentor.next_steps || [])];
  // The server names each application to review; a count line here said the same thing twice.
  $("[data-next]").hidden = !steps.length;
  fill($("[data-next-list]"), steps.map((s) => el("li", {}, el("a", { href: s.url, text: s.text }))));

  // The drafter's latest approved work, ready to share (the engagement page offers it too).
  const finished = roles.drafter && data.drafter.engagements.find((e) => e.state === "completed");
  const shareSlot = $("[data-share-slot]");
  if (finished) {
    shareCard(finished.id).then((card) => { fill(shareSlot, card); shareSlot.hidden = !card; });
  } else {
    shareSlot.hidden = true;
  }

  $("[data-drafting]").hidden = !roles.drafter;
  $("[data-mentoring]").hidden = !roles.mentor;
  fillList($("[data-drafter-engagements]"), data.drafter.engagements.map((e) => engagementRow(e, "drafter")),
    "Nothing in progress. When a mentor accepts your application, the work appears here.");
  // Accepted applications live on as engagements above; list only those still waiting.
  const waiting = data.drafter.applications.filter((a) => a.state !== "accepted");
  fillList($("[data-drafter-applications]"), waiting.map((a) => {
    const mentor = a.mentor.display_name || a.mentor.handle;
    return el("li", { class: "row-card" },
      el("a", { href: `/applications/${a.id}/`, text: a.task.title }), stateBadge(a.state, { waitingOn: mentor }),
      el("span", { class: "muted small", text: a.state === "submitted" ? `· sent ${date(a.created_at)}` : `to ${mentor} · sent ${date(a.created_at)}` }));
  }),
    data.drafter.applications.length ? "No applications waiting for an answer." : "You have not applied to anything yet. Browse tasks and offer to help with one that fits your work.");
  // Offers sent and not yet answered (older servers send none): each closes by itself on its day.
  const offers = data.drafter.offers || [];
  $("[data-drafter-offers-box]").hidden = !offers.length;
  // Only pending offers come here, badged in the offer pages' words.
  fill($("[data-drafter-offers]"), offers.map((o) => {
    const mentor = o.mentor.display_name || o.mentor.handle;
    return el("li", { class: "row-card" },
      el("a", { href: `/offers/${o.id}/`, text: o.title }),
      offerStateBadge(o.state, { waitingOn: mentor }),
      el("span", { class: "muted small", text: `· sent ${date(o.created_at)} · closes by itself on ${date(o.closes_at)}` }));
  }));
  if (data.drafter.introductions.length) {
    $("[data-introductions-box]").hidden = false;
    fill($("[data-introductions]"), data.drafter.introductions.map(introduction));
  } else {
    $("[data-introductions-box]").hidden = true;
  }
  fillList($("[data-review]"), data.mentor.applications_to_review.map((a) => row(`/applications/${a.id}/`, `${a.drafter.display_name || a.drafter.handle} → ${a.task.title}`, a.state)),
    "Nothing to review. New applications to your tasks will show up here.");
  fillList($("[data-mentor-engagements]"), data.mentor.engagements.map((e) => engagementRow(e, "mentor")),
    "Nothing in progress. Accept an application to start working with someone.");
  fillList($("[data-tasks]"), data.mentor.tasks.map((t) => taskRow(t, fromOffers.get(t.id), data.mentor.engagements)),
    "You have not posted a task. Have overflow work? Post it and let a drafter help.");
}

main().catch((error) => showLoadError(error, $("[data-status]")));
