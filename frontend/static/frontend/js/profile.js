// /u/<handle>/: the public profile, then GET /api/v1/profiles/<handle>/experience/: a timeline of
// verified experience (mentor, dates, skills, endorsement), thanks with senders, a mentor's open
// tasks, and a skills chart. A mentor-only profile skips the drafter-style empty states.
import { api, showLoadError } from "./api.js";
import { date, el, fill, fillSanitised, plural, skillBadges, verifiedPill, workFile, workTitle } from "./ui.js";

const root = document.querySelector("[data-profile]");
const handle = root.dataset.handle;
const $ = (selector) => root.querySelector(selector);
// The owner sees their own page with an Edit button and the empty states that say what to add;
// visitors see only sections with something in them.
const isOwner = document.body.dataset.me === handle;

function text(selector, value) { $(selector).textContent = value; }

function renderPortfolio(items) {
  $("[data-portfolio-empty]").hidden = items.length > 0;
  // Title → its link, plus "Open <file>": the same helper as applications and offers use.
  fill($("[data-portfolio]"), items.map((item) => el("li", { class: "card portfolio-card" },
    item.file?.is_image ? el("img", { src: item.file.url, alt: "", class: "portfolio-thumb", loading: "lazy" }) : null,
    el("h3", {}, workTitle(item)),
    el("p", { class: "description", text: item.description }),
    el("ul", { class: "skill-badges" }, item.skills.map((skill) => el("li", { class: "badge", text: skill.name }))),
    workFile(item) ? el("p", {}, workFile(item)) : null)));
}

const LEVEL_VALUE = { learning: 1, working: 2, expert: 3 };
const LEVEL_LABEL = { learning: "Learning", working: "Working knowledge", expert: "Expert" };
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// A bar per skill: how well (learning → expert), green when a mentor has endorsed it. The chart
// is an image with a full text alternative in its <title> and <desc>.
function skillsChart(skills, endorsed) {
  if (!skills.length) return null;
  const rows = skills.slice(0, 12);
  const rowH = 28;
  const labelW = 150;
  const barMax = 170;
  const height = rows.length * rowH + 8;
  const chart = svg("svg", { class: "skills-chart", viewBox: `0 0 ${labelW + barMax + 10} ${height}`, role: "img", "aria-labelledby": "skills-chart-title skills-chart-desc" });
  const describe = rows.map((s) => `${s.name}: ${LEVEL_LABEL[s.level] || "listed"}${endorsed.get(s.name) ? `, endorsed ${endorsed.get(s.name)} ${endorsed.get(s.name) === 1 ? "time" : "times"}` : ""}`);
  chart.append(svg("title", { id: "skills-chart-title" }, "Skills by level"), svg("desc", { id: "skills-chart-desc" }, `${describe.join("; ")}.`));
  rows.forEach((s, i) => {
    const y = i * rowH + 4;
    const name = s.name.length > 20 ? `${s.name.slice(0, 19)}…` : s.name;
    chart.append(svg("text", { x: 0, y: y + 17 }, name));
    const w = Math.round((barMax * (LEVEL_VALUE[s.level] || 1)) / 3);
    // The track: the whole scale, so a short bar reads as "one of three", not as a stub.
    chart.append(svg("rect", { class: "bar-track", x: labelW, y: y + 4, width: barMax, height: 16, rx: 4 }));
    chart.append(svg("rect", { class: endorsed.get(s.name) ? "bar bar-endorsed" : "bar", x: labelW, y: y + 4, width: w, height: 16, rx: 4 }));
  });
  return chart;
}

function person(p) {
  return el("a", { href: `/u/${p.handle}/`, text: p.display_name || p.handle });
}

// What the showable-work clause lets the public see today: the work, a case study, or nothing.
function shownWork(showing, title) {
  if (!showing) return null;
  const work = showing.deliverable;
  const links = [];
  if (work?.link) links.push(el("a", { href: work.link, rel: "noopener nofollow" }, "See the work", el("span", { class: "visually-hidden", text: `: ${title}` })));
  if (work?.file_url) links.push(el("a", { href: work.file_url }, "Download the work", el("span", { class: "visually-hidden", text: `: ${title}` })));
  return el("div", { class: "shown-work", "data-shown": showing.effective },
    links.length ? el("p", { class: "small" }, ...links.flatMap((link, i) => (i ? ["\u00a0· ", link] : [link]))) : null,
    showing.case_study ? el("details", {}, el("summary", { text: "Case study" }), el("p", { text: showing.case_study })) : null,
    showing.effective === "private" ? el("p", { class: "small muted", text: showing.label }) : null);
}

// "7 Dec 2026 – 19 Dec 2026", or one date for a draft started and finished the same day.
function dateRange(start, end) {
  const [from, to] = [date(start), date(end)];
  return !to || from === to ? from : `${from} – ${to}`;
}

function experienceEntry(entry) {
  return el("li", {},
    el("h3", { text: entry.task_title || "Completed draft" }),
    el("p", { class: "muted" }, "With ", person(entry.mentor),
      entry.started_at ? `\u00a0· ${dateRange(entry.started_at, entry.completed_at)}` : entry.completed_at ? `\u00a0· completed ${date(entry.completed_at)}` : ""),
    skillBadges(entry.skills),
    entry.endorsement ? el("blockquote", { class: "endorsement" },
      el("p", { text: `“${entry.endorsement.text}”` }),
      el("footer", { class: "small muted" }, "— ", person(entry.mentor),
        entry.endorsement.skills.length ? `, endorsing ${entry.endorsement.skills.join(", ")}` : "")) : null,
    shownWork(entry.showing, entry.task_title),
    entry.introduced_by.length ? el("p", { class: "small muted" }, "Introduced by ", entry.introduced_by.flatMap((p, i) => (i ? [", ", person(p)] : [person(p)]))) : null,
    entry.share_url ? el("p", { class: "small" }, el("a", { href: entry.share_url }, "Shareable page", el("span", { class: "visually-hidden", text: ` for ${entry.task_title}` }))) : null);
}

function renderExperience(data, profile) {
  const mentorOnly = profile.wants_to_mentor && !profile.wants_to_draft;
  const experience = data.verified_experience || [];
  if (experience.length) {
    fill($("[data-experience]"), el("ol", { class: "timeline-list", "aria-label": "Verified experience, newest first" }, experience.map(experienceEntry)));
  } else if (mentorOnly || !isOwner) {
    $("[data-experience-section]").hidden = true;
  }
  const thanks = data.thanks || [];
  if (thanks.length) {
    fill($("[data-thanks]"), el("ul", { class: "thanks-list" }, thanks.map((note) => el("li", { class: "card" },
      el("blockquote", { text: note.body }),
      el("p", { class: "muted small" }, "— ", person(note.sender), note.task_title ? `, for “${note.task_title}”` : "", note.created_at ? `\u00a0· ${date(note.created_at)}` : "")))));
  } else if (mentorOnly || !isOwner) {
    $("[data-thanks-section]").hidden = true;
  }
  const open = data.open_tasks || [];
  if (open.length || profile.wants_to_mentor) {
    $("[data-open-tasks-section]").hidden = false;
    fill($("[data-open-tasks]"), open.length
      ? open.map((t) => el("li", {}, el("a", { href: `/tasks/${t.id}/`, text: t.title }), t.published_at ? el("span", { class: "muted small", text: `\u00a0· posted ${date(t.published_at)}` }) : null))
      : el("li", { class: "muted", text: "No open tasks right now." }));
  }
  const facts = [
    data.helped_count ? `Helped ${plural(data.helped_count, "person", "people")} get started.` : null,
    data.introductions_made ? `Made ${plural(data.introductions_made, "introduction")}.` : null,
    data.pay_it_forward ? `The people they helped have since helped ${plural(data.pay_it_forward, "person", "people")}.` : null,
  ].filter(Boolean);
  const circles = data.circles || [];
  if (circles.length || data.critiques_given) {
    $("[data-circles-section]").hidden = false;
    fill($("[data-circles-line]"), data.critiques_given ? `Gave ${plural(data.critiques_given, "critique")} in peer circles.` : null);
    fill($("[data-circles-list]"), circles.map((c) => el("li", { text: c.name })));
  }
  if (facts.length) {
    const helped = $("[data-helped]");
    helped.hidden = false;
    helped.textContent = facts.join(" ");
  }
  // Skills mentors endorsed reach the skills box, even ones not listed by the person.
  const endorsed = new Map();
  for (const entry of experience) for (const name of entry.endorsement?.skills || []) endorsed.set(name, (endorsed.get(name) || 0) + 1);
  renderSkills(profile.skills, endorsed);
}

function renderSkills(skills, endorsed = new Map()) {
  const listed = new Set(skills.map((s) => s.name));
  const all = [...skills, ...[...endorsed.keys()].filter((n) => !listed.has(n)).map((name) => ({ name, level: "working" }))];
  $("[data-skills-empty]").hidden = all.length > 0;
  $("[data-skills-section]").hidden = !all.length && !isOwner;
  $("[data-skills-figure]").hidden = !all.length;
  fill($("[data-skills]"), all.map((s) => el("li", { class: "badge" }, s.name,
    el("span", { class: "level", text: `\u00a0· ${LEVEL_LABEL[s.level] || ""}` }),
    endorsed.get(s.name) ? el("span", { class: "level", text: `\u00a0· endorsed ${endorsed.get(s.name)}×` }) : null)));
  fill($("[data-skills-chart]"), skillsChart(all, endorsed));
}

async function load() {
  let profile;
  try {
    profile = await api(`profiles/${encodeURIComponent(handle)}/`);
  } catch (error) {
    $("[data-profile-status]").textContent = "";
    $("[data-profile-missing]").hidden = error.status !== 404;
    if (error.status !== 404) showLoadError(error, $("[data-profile-status]"));
    return;
  }
  const name = profile.display_name || profile.handle;
  document.title = `${name} · Slipstream`;
  text("[data-name]", name);
  text("[data-headline]", profile.headline);
  const meta = [profile.location, profile.weekly_hours != null ? `${profile.weekly_hours} h/week` : "",
    profile.job_title && profile.organisation ? `${profile.job_title}, ${profile.organisation}` : profile.organisation || profile.job_title,
    profile.years_experience ? `${profile.years_experience} years of experience` : ""].filter(Boolean);
  text("[data-meta]", meta.join("\u00a0· "));
  fill($("[data-roles]"),
    profile.wants_to_draft ? el("li", { class: "badge", text: "Drafter" }) : null,
    profile.wants_to_mentor ? el("li", { class: "badge badge-success", text: "Mentor" }) : null,
    // Only the domain of a confirmed work address: never the address itself.
    profile.verified_work_domain ? verifiedPill(profile.verified_work_domain, { tag: "li" }) : null);
  if (profile.avatar_url) {
    const img = $("[data-avatar]");
    img.src = profile.avatar_url;
    img.alt = `Photo of ${name}`;
    img.hidden = false;
  } else {
    // No photo yet: their initials, as on task cards (the name is written next to it).
    const initials = $("[data-initials]");
    initials.textContent = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");
    initials.hidden = false;
  }
  $("[data-owner-actions]").hidden = !isOwner;
  // bio_html is produced server-side from Markdown with the person's own HTML escaped and the
  // result cleaned by an allow-list sanitiser (accounts/text.py), so it is safe to insert.
  if (profile.bio_html) fillSanitised($("[data-bio]"), profile.bio_html);
  else $("[data-about-section]").hidden = true;

  renderSkills(profile.skills);
  const links = [...(profile.linkedin_url ? [profile.linkedin_url] : []), ...profile.links];
  if (links.length) {
    $("[data-links-section]").hidden = false;
    fill($("[data-links]"), links.map((link) =>
      el("li", {}, el("a", { href: link, rel: "nofollow noopener ugc me", text: link === profile.linkedin_url ? "LinkedIn" : link.replace(/^https?:\/\//, "") }))));
  }
  renderPortfolio(profile.portfolio);
  // A mentor who does not draft is not asked for a portfolio.
  if (!profile.portfolio.length && ((profile.wants_to_mentor && !profile.wants_to_draft) || !isOwner)) $("[data-portfolio-section]").hidden = true;
  if (!profile.portfolio.length && isOwner) fill($("[data-portfolio-empty]"), "No public work yet. ", el("a", { href: "/settings/portfolio/", text: "Add a piece of work" }));
  $("[data-profile-status]").textContent = "";
  $("[data-profile-body]").hidden = false;

  try {
    renderExperience(await api(`profiles/${encodeURIComponent(handle)}/experience/`), profile);
  } catch {
    // Not available (yet): the empty states already say what will appear here.
  }
}

load();
