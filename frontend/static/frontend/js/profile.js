// /u/<handle>/: the public profile, plus verified experience and thanks when the lifecycle
// work provides them (GET /api/v1/profiles/<handle>/experience/); a friendly empty state if not.
import { api, escapeHtml } from "./api.js";

const root = document.querySelector("[data-profile]");
const handle = root.dataset.handle;
const $ = (selector) => root.querySelector(selector);
const LEVELS = { learning: "learning", working: "working", expert: "expert" };

function text(selector, value) { $(selector).textContent = value; }

function renderPortfolio(items) {
  const list = $("[data-portfolio]");
  $("[data-portfolio-empty]").hidden = items.length > 0;
  for (const item of items) {
    const li = document.createElement("li");
    li.className = "card portfolio-card";
    let media = "";
    if (item.file?.is_image) media = `<img src="${escapeHtml(item.file.url)}" alt="" class="portfolio-thumb" loading="lazy">`;
    const links = [];
    if (item.link) links.push(`<a href="${escapeHtml(item.link)}" rel="nofollow noopener ugc">View the work<span class="visually-hidden">: ${escapeHtml(item.title)}</span></a>`);
    if (item.file && !item.file.is_image) links.push(`<a href="${escapeHtml(item.file.url)}">Download ${escapeHtml(item.file.kind.toUpperCase())}<span class="visually-hidden">: ${escapeHtml(item.title)}</span></a>`);
    li.innerHTML = `${media}<h3>${escapeHtml(item.title)}</h3><p class="description"></p>
      <ul class="skill-badges">${item.skills.map((s) => `<li class="badge">${escapeHtml(s.name)}</li>`).join("")}</ul>
      <p>${links.join(" · ")}</p>`;
    li.querySelector(".description").textContent = item.description;
    list.append(li);
  }
}

function renderExperience(data) {
  const experience = data.verified_experience || [];
  if (experience.length) {
    const ul = document.createElement("ul");
    ul.className = "experience-list";
    for (const entry of experience) {
      const li = document.createElement("li");
      li.className = "card";
      const title = document.createElement("h3");
      title.textContent = entry.title || entry.task_title || "Completed draft";
      li.append(title);
      const meta = [entry.mentor_name, entry.completed_at && new Date(entry.completed_at).toLocaleDateString()].filter(Boolean);
      if (meta.length) {
        const p = document.createElement("p");
        p.className = "muted";
        p.textContent = meta.join(" · ");
        li.append(p);
      }
      ul.append(li);
    }
    $("[data-experience]").replaceChildren(ul);
  }
  const thanks = data.thanks || [];
  if (thanks.length) {
    const ul = document.createElement("ul");
    ul.className = "thanks-list";
    for (const note of thanks) {
      const li = document.createElement("li");
      li.className = "card";
      const quote = document.createElement("blockquote");
      quote.textContent = note.message || note.body || "";
      li.append(quote);
      if (note.from_name) {
        const from = document.createElement("p");
        from.className = "muted";
        from.textContent = `— ${note.from_name}`;
        li.append(from);
      }
      ul.append(li);
    }
    $("[data-thanks]").replaceChildren(ul);
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
    if (error.status !== 404) $("[data-profile-status]").textContent = error.message;
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
  const roles = $("[data-roles]");
  if (profile.wants_to_draft) roles.insertAdjacentHTML("beforeend", '<li class="badge">Drafter</li>');
  if (profile.wants_to_mentor) roles.insertAdjacentHTML("beforeend", '<li class="badge badge-success">Mentor</li>');
  if (profile.avatar_url) {
    const img = $("[data-avatar]");
    img.src = profile.avatar_url;
    img.alt = `Photo of ${name}`;
    img.hidden = false;
  }
  // bio_html is produced server-side from Markdown with the person's own HTML escaped and the
  // result cleaned by an allow-list sanitiser (accounts/text.py), so it is safe to insert.
  if (profile.bio_html) $("[data-bio]").innerHTML = profile.bio_html;
  else $("[data-about-section]").hidden = true;

  const skills = $("[data-skills]");
  $("[data-skills-empty]").hidden = profile.skills.length > 0;
  skills.innerHTML = profile.skills.map((s) =>
    `<li class="badge">${escapeHtml(s.name)} <span class="level">· ${LEVELS[s.level] || ""}</span></li>`).join("");
  if (profile.links.length) {
    $("[data-links-section]").hidden = false;
    $("[data-links]").innerHTML = profile.links.map((link) =>
      `<li><a href="${escapeHtml(link)}" rel="nofollow noopener ugc me">${escapeHtml(link.replace(/^https?:\/\//, ""))}</a></li>`).join("");
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
