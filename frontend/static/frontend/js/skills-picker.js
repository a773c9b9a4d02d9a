// A skill picker: type to search the catalogue (or propose a new skill), pick a level, remove.
// Used by the welcome wizard and the settings page. Saves with PUT /api/v1/me/skills/.
import { api, escapeHtml } from "./api.js";

const LEVELS = [["learning", "Learning"], ["working", "Working knowledge"], ["expert", "Expert"]];

export function skillsPicker(root, { onSaved } = {}) {
  const input = root.querySelector("[data-skill-search]");
  const suggestions = root.querySelector("[data-skill-suggestions]");
  const list = root.querySelector("[data-skill-list]");
  const empty = root.querySelector("[data-skill-empty]");
  const status = root.querySelector("[data-skill-status]");
  let chosen = [];
  let timer = null;

  function render() {
    list.replaceChildren();
    empty.hidden = chosen.length > 0;
    chosen.forEach((skill, index) => {
      const li = document.createElement("li");
      li.className = "skill-row";
      const selectId = `skill-level-${skill.id}`;
      li.innerHTML = `<span class="skill-name">${escapeHtml(skill.name)}</span>
        <label class="visually-hidden" for="${selectId}">Level for ${escapeHtml(skill.name)}</label>
        <select id="${selectId}">${LEVELS.map(([value, label]) =>
          `<option value="${value}"${value === skill.level ? " selected" : ""}>${label}</option>`).join("")}</select>
        <button type="button" class="button-secondary button-small">Remove<span class="visually-hidden"> ${escapeHtml(skill.name)}</span></button>`;
      li.querySelector("select").addEventListener("change", (event) => { chosen[index].level = event.target.value; });
      li.querySelector("button").addEventListener("click", () => { chosen.splice(index, 1); render(); input.focus(); });
      list.append(li);
    });
  }

  function add(skill) {
    if (!chosen.some((s) => s.id === skill.id)) chosen.push({ id: skill.id, name: skill.name, level: "working" });
    input.value = "";
    suggestions.replaceChildren();
    suggestions.hidden = true;
    render();
    input.focus();
  }

  async function search() {
    const q = input.value.trim();
    suggestions.replaceChildren();
    if (!q) { suggestions.hidden = true; return; }
    const skills = await api(`skills/?q=${encodeURIComponent(q)}&limit=8`);
    for (const skill of skills) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "suggestion";
      button.textContent = skill.name;
      if (skill.category) {
        const category = document.createElement("span");
        category.className = "muted";
        category.textContent = ` · ${skill.category}`;
        button.append(category);
      }
      button.addEventListener("click", () => add(skill));
      li.append(button);
      suggestions.append(li);
    }
    const exact = skills.some((s) => s.name.toLowerCase() === q.toLowerCase());
    if (!exact) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "suggestion suggestion-new";
      button.textContent = `Add “${q}” as a new skill`;
      button.addEventListener("click", async () => add(await api("skills/", { method: "POST", body: { name: q } })));
      li.append(button);
      suggestions.append(li);
    }
    suggestions.hidden = false;
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); suggestions.querySelector("button")?.click(); }
    if (event.key === "Escape") { suggestions.hidden = true; }
  });

  async function load() {
    chosen = (await api("me/skills/")).map((s) => ({ id: s.id, name: s.name, level: s.level }));
    render();
  }

  async function save() {
    status.textContent = "Saving…";
    try {
      const saved = await api("me/skills/", {
        method: "PUT",
        body: { skills: chosen.map((s) => ({ skill_id: s.id, level: s.level })) },
      });
      status.textContent = `Saved ${saved.length} skill${saved.length === 1 ? "" : "s"}.`;
      onSaved?.(saved);
      return true;
    } catch (error) {
      status.textContent = error.message;
      return false;
    }
  }

  return { load, save, count: () => chosen.length };
}
