// /u/<handle>/: the public profile, plus verified experience and thanks when the lifecycle
// work provides them (GET /api/v1/profiles/<handle>/experience/); a friendly empty state if not.
import { api, showLoadError } from "./api.js";
import { el, fill, fillSanitised } from "./ui.js";

const root = document.querySelector("[data-profile]");
const handle = root.dataset.handle;
const $ = (selector) => root.querySelector(selector);
const LEVELS = { learning: "learning", working: "working", expert: "expert" };

function text(selector, value) { $(selector).textContent = value; }

function renderPortfolio(items) {
  $("[data-portfolio-empty]").hidden = items.length > 0;
  fill($("[data-portfolio]"), items.map((item) => {
    const hidden = el("span", { class: "visually-hidden", text: `: ${item.title}` });
    const links = [
      item.link ? el("a", { href: item.link, rel: "nofollow noopener ugc" }, "View the work", hidden.cloneNode(true)) : null,
      item.file && !item.file.is_image ? el("a", { href: item.file.url }, `Download ${item.file.kind.toUpperCase()}`, hidden.cloneNode(true)) : null,
    ].filter(Boolean);
    return el("li", { class: "card portfolio-card" },
      item.file?.is_image ? el("img", { src: item.file.url, alt: "", class: "portfolio-thumb", loading: "lazy" }) : null,
      el("h3", { text: item.title }),
      el("p", { class: "description", text: item.description }),
      el("ul", { class: "skill-badges" }, item.skills.map((skill) => el("li", { class: "badge", text: skill.name }))),
      el("p", {}, links.flatMap((link, i) => (i ? [" · ", link] : [link]))));
  }));
}

function renderExperience(data) {
  const experience = data.verified_experience || [];
  if (experience.length) {
    fill($("[data-experience]"), el("ul", { class: "experience-list" }, experience.map((entry) => {
      const meta = [entry.mentor_name, entry.completed_at && new Date(entry.completed_at).toLocaleDateString()].filter(Boolean);
      return el("li", { class: "card" },
        el("h3", { text: entry.title || entry.task_title || "Completed draft" }),
        meta.length ? el("p", { class: "muted", text: meta.join(" · ") }) : null);
    })));
  }
  const thanks = data.thanks || [];
  if (thanks.length) {
    fill($("[data-thanks]"), el("ul", { class: "thanks-list" }, thanks.map((note) => el("li", { class: "card" },
      el("blockquote", { text: note.message || note.body || "" }),
      note.from_name ? el("p", { class: "muted", text: `— ${note.from_name}` }) : null))));
  }
  if (data.helped_count) {
    const helped = $("[data-helped]");
    helped.hidden = false;
    helped.textContent = `Helped ${data.helped_count} ${data.helped_count === 1 ? "person" : "people"} get started.`;
  }
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
  text("[data-meta]", meta.join(" · "));
  fill($("[data-roles]"),
    profile.wants_to_draft ? el("li", { class: "badge", text: "Drafter" }) : null,
    profile.wants_to_mentor ? el("li", { class: "badge badge-success", text: "Mentor" }) : null);
  if (profile.avatar_url) {
    const img = $("[data-avatar]");
    img.src = profile.avatar_url;
    img.alt = `Photo of ${name}`;
    img.hidden = false;
  }
  // bio_html is produced server-side from Markdown with the person's own HTML escaped and the
  // result cleaned by an allow-list sanitiser (accounts/text.py), so it is safe to insert.
  if (profile.bio_html) fillSanitised($("[data-bio]"), profile.bio_html);
  else $("[data-about-section]").hidden = true;

  $("[data-skills-empty]").hidden = profile.skills.length > 0;
  fill($("[data-skills]"), profile.skills.map((s) =>
    el("li", { class: "badge" }, `${s.name} `, el("span", { class: "level", text: `· ${LEVELS[s.level] || ""}` }))));
  if (profile.links.length) {
    $("[data-links-section]").hidden = false;
    fill($("[data-links]"), profile.links.map((link) =>
      el("li", {}, el("a", { href: link, rel: "nofollow noopener ugc me", text: link.replace(/^https?:\/\//, "") }))));
  }
  renderPortfolio(profile.portfolio);
  $("[data-profile-status]").textContent = "";
  $("[data-profile-body]").hidden = false;

  try {
    renderExperience(await api(`profiles/${encodeURIComponent(handle)}/experience/`));
  } catch {
    // Not available (yet): the empty states already say what will appear here.
  }
}

load();
