// A skill picker: type to search the catalogue (or propose a new skill), pick a level, remove.
// Used by the welcome wizard and the settings page. Saves with PUT /api/v1/me/skills/.
import { api, errorText } from "./api.js";
import { el, fill } from "./ui.js";

const LEVELS = [["learning", "Learning"], ["working", "Working knowledge"], ["expert", "Expert"]];

export function skillsPicker(root, { onSaved } = {}) {
  const input = root.querySelector("[data-skill-search]");
  const suggestions = root.querySelector("[data-skill-suggestions]");
  const list = root.querySelector("[data-skill-list]");
  const empty = root.querySelector("[data-skill-empty]");
  const status = root.querySelector("[data-skill-status]");
  let chosen = [];
  let timer = null;

  function render(focusAfter = null) {
    empty.hidden = chosen.length > 0;
    fill(list, chosen.map((skill, index) => {
      const selectId = `skill-level-${skill.id}`;
      return el("li", { class: "skill-row" },
        el("span", { class: "skill-name", text: skill.name }),
        el("label", { class: "visually-hidden", for: selectId, text: `Level for ${skill.name}` }),
        el("select", { id: selectId, onchange: (event) => { chosen[index].level = event.target.value; } },
          LEVELS.map(([value, label]) => el("option", { value, selected: value === skill.level, text: label }))),
        el("button", { type: "button", class: "button-secondary button-small", onclick: () => { chosen.splice(index, 1); render(input); } },
          "Remove", el("span", { class: "visually-hidden", text: ` ${skill.name}` })));
    }));
    focusAfter?.focus();
  }

  function add(skill) {
    if (!chosen.some((s) => s.id === skill.id)) chosen.push({ id: skill.id, name: skill.name, level: "working" });
    input.value = "";
    suggestions.replaceChildren();
    suggestions.hidden = true;
    render(input);
  }

  async function search() {
    const q = input.value.trim();
    suggestions.replaceChildren();
    if (!q) { suggestions.hidden = true; return; }
    let skills;
    try {
      skills = await api(`skills/?q=${encodeURIComponent(q)}&limit=8`);
    } catch (error) {
      status.textContent = `Skills could not be searched. ${errorText(error)}`;
      return;
    }
    const exact = skills.some((s) => s.name.toLowerCase() === q.toLowerCase());
    fill(suggestions,
      skills.map((skill) => el("li", {}, el("button", { type: "button", class: "suggestion", onclick: () => add(skill) },
        skill.name, skill.category ? el("span", { class: "muted", text: ` · ${skill.category}` }) : null))),
      exact ? null : el("li", {}, el("button", { type: "button", class: "suggestion suggestion-new", text: `Add “${q}” as a new skill`, onclick: async () => {
        try {
          add(await api("skills/", { method: "POST", body: { name: q } }));
        } catch (error) {
          status.textContent = `“${q}” could not be added. ${errorText(error)}`;
          input.focus();
        }
      } })));
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
      status.textContent = `Your skills were not saved. ${errorText(error)}`;
      return false;
    }
  }

  return { load, save, count: () => chosen.length };
}
