// A task's terms as every page shows them: the card (browse, home, for-you), and the reward
// lines of the task page and the apply form. Amounts come from the API (`stipend_after_fee`,
// computed by the payout's own arithmetic): the page never works out a fee itself.
import { avatar, date, el, featuredBadge, glued, verifiedPill, LEVEL_LABELS, money, placesLeft, skillBadges } from "./ui.js";

// "10%", "12.5%": the configured fee as the server reports it (no space, as people write it).
export function percent(value) {
  return `${Number(value).toLocaleString("en")}%`;
}

// Who reads a task's terms: the "drafter" who would receive them (and anyone signed out), the
// "payer" (the task's own mentor), or an "onlooker" who does not draft (a mentor-only person
// browsing), to whom "You receive" would be untrue, or "staff": a career office's staff member
// who neither drafts nor mentors, reading the terms on their students' behalf.
export function termsReader({ payer = false, staff = false } = {}) {
  if (payer) return "payer";
  if (staff) return "staff";
  return "mentorOnly" in document.body.dataset ? "onlooker" : "drafter";
}

// "You receive $135.00 after the 10% platform fee" (a drafter), the mentor's own view of the
// same sum ("You pay $150.00; the drafter receives $135.00 …"), or an onlooker's third person.
export function feeLine(task, { payer = false, staff = false, reader = termsReader({ payer, staff }) } = {}) {
  if (!task.stipend_amount || task.stipend_after_fee == null) return null;
  const pays = money(task.stipend_amount, task.stipend_currency);
  const receives = money(task.stipend_after_fee, task.stipend_currency);
  const fee = percent(task.platform_fee_percent);
  const text = {
    payer: `You pay ${pays}; the drafter receives ${receives} after the ${fee} platform fee.`,
    onlooker: `The drafter receives ${receives} after the ${fee} platform fee.`,
    drafter: `You receive ${receives} after the ${fee} platform fee.`,
    staff: `Students receive ${receives} after the ${fee} platform fee.`,
  }[reader];
  return el("p", { class: "fee-line small", "data-fee-line": true, text });
}

// What the helper gains, paid or not: a paid task's "reference letter and portfolio piece" is
// part of the offer too, so it is shown next to the money, never instead of it.
export function rewardLine(task, { payer = false, staff = false } = {}) {
  const reader = termsReader({ payer, staff });
  const gainsLabel = { drafter: "You also gain: ", staff: "Students gain: " }[reader] || "The helper also gains: ";
  const unpaidLabel = { drafter: "Unpaid — what you'll gain: ", staff: "Unpaid — what students gain: " }[reader]
    || "Unpaid — what the helper gains: ";
  const gain = (task.what_you_gain || "").trim();
  if (task.stipend_amount) {
    return el("div", { class: "reward reward-paid" },
      el("p", {}, el("strong", { text: "Stipend: " }), money(task.stipend_amount, task.stipend_currency)),
      feeLine(task, { reader }),
      gain ? el("p", { class: "reward-gain" }, el("strong", { text: gainsLabel }), gain) : null);
  }
  return el("div", { class: "reward" },
    el("p", {}, el("strong", { text: unpaidLabel }), gain));
}

// "Due 12 Dec 2026" or "No fixed deadline": a card always says when.
export function deadlineText(task, prefix = "Due") {
  return task.deadline ? `${prefix} ${date(task.deadline)}` : "No fixed deadline";
}

// Excerpts are cut from Markdown: a plain preview drops its markup and keeps a list readable
// ("Deliver: logo; palette; one-page guide"), where collapsed newlines would read "- a - b".
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;

export function plainExcerpt(text) {
  let preview = "";
  let afterItem = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const isItem = LIST_MARKER.test(line);
    const words = line.replace(LIST_MARKER, "").trim();
    if (preview) preview += isItem && afterItem ? "; " : " ";
    preview += words;
    afterItem = isItem;
  }
  return preview.replace(/[*_#>`]+/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/ {2,}/g, " ").trim();
}

// The signed-in person's handle (base.html), so their own task's card speaks to the payer.
const myHandle = document.body.dataset.me || null;

export function taskCard(task, { headingLevel = "h3", featuredBy = null } = {}) {
  const meta = [
    `${task.estimated_hours} h`,
    task.is_remote ? "Remote" : task.location,
    LEVEL_LABELS[task.level],
    placesLeft(task),
  ].filter(Boolean);
  const mentor = task.mentor_name || task.mentor_handle;
  return el("li", { class: "card task-card" },
    el(headingLevel, { class: "task-card-title" }, el("a", { href: `/tasks/${task.id}/`, text: task.title })),
    el("p", { class: "muted task-card-meta" }, meta.join("\u00a0· "), "\u00a0· ",
      el("span", { class: "task-card-deadline", "data-deadline": true, text: deadlineText(task) })),
    featuredBadge(featuredBy),
    task.excerpt ? el("p", { class: "task-card-excerpt", text: plainExcerpt(task.excerpt) + (task.excerpt.length >= 240 ? "…" : "") }) : null,
    skillBadges(task.skills),
    rewardLine(task, { payer: Boolean(myHandle) && task.mentor_handle === myHandle }),
    mentor ? el("p", { class: "byline" }, avatar(task.mentor_avatar_url, mentor),
      el("span", {}, "Posted by ", el("a", { href: `/u/${task.mentor_handle}/`, text: mentor }),
        task.mentor_organisation ? `, ${task.mentor_organisation}` : "",
        task.mentor_verified_work_domain ? " " : "",
        // A date after the pill: the "·" is glued to the pill, so a wrap moves only the date.
        task.mentor_verified_work_domain ? (task.published_at ? glued(verifiedPill(task.mentor_verified_work_domain)) : verifiedPill(task.mentor_verified_work_domain)) : null,
        task.published_at && task.mentor_verified_work_domain ? " " : "",
        task.published_at ? el("span", { class: "muted byline-date", text: `${task.mentor_verified_work_domain ? "" : "\u00a0· "}${date(task.published_at)}` }) : null)) : null,
  );
}
