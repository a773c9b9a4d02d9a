// The one skill picker, used everywhere skills are chosen or filtered: your own skills (with a
// level; welcome wizard and settings), a task's wanted skills (editor) and the browse filter.
// Type to search the whole catalogue (GET /api/v1/skills/?q=), pick, remove. Chosen skills are
// kept by name and id, so nothing chosen is ever dropped because it is not on screen.
import { api, errorText } from "./api.js";
import { el, fill } from "./ui.js";

const LEVELS = [["learning", "Learning"], ["working", "Working knowledge"], ["expert", "Expert"]];
const key = (skill) => skill.name.toLowerCase();

/**
 * levels: show a level per skill (your own skills). allowNew: offer "Add … as a new skill".
 * onChange(chosen): called after every add or remove.
 */
export function skillsPicker(root, { levels = true, allowNew = levels, onChange, onSaved } = {}) {
  const input = root.querySelector("[data-skill-search]");
  const suggestions = root.querySelector("[data-skill-suggestions]");
  const list = root.querySelector("[data-skill-list]");
  const empty = root.querySelector("[data-skill-empty]");
  const status = root.querySelector("[data-skill-status]");
  const prefix = input.id;
  let chosen = [];
  let timer = null;

  function removeButton(skill, index) {
    return el("button", { type: "button", class: "chip-remove", onclick: () => {
      chosen.splice(index, 1);
      render(input);
      status.textContent = `${skill.name} removed.`;
      onChange?.(chosen);
    } }, el("span", { "aria-hidden": "true", text: "×" }), el("span", { class: "visually-hidden", text: `Remove ${skill.name}` }));
  }

  function render(focusAfter = null) {
    if (empty) empty.hidden = chosen.length > 0;
    fill(list, chosen.map((skill, index) => {
      if (!levels) return el("li", { class: "chip-item" }, el("span", { class: "badge chip", text: skill.name }), removeButton(skill, index));
      const selectId = `${prefix}-level-${index}`;
      return el("li", { class: "skill-row" },
        el("span", { class: "skill-name", text: skill.name }),
        el("label", { class: "visually-hidden", for: selectId, text: `Level for ${skill.name}` }),
        el("select", { id: selectId, onchange: (event) => { chosen[index].level = event.target.value; } },
          LEVELS.map(([value, label]) => el("option", { value, selected: value === skill.level, text: label }))),
        removeButton(skill, index));
    }));
    focusAfter?.focus();
  }

  function close() {
    suggestions.replaceChildren();
    suggestions.hidden = true;
  }

  function add(skill) {
    if (!chosen.some((s) => key(s) === key(skill))) chosen.push({ id: skill.id, name: skill.name, level: skill.level || "working" });
    input.value = "";
    close();
    render(input);
    status.textContent = `${skill.name} added.`;
    onChange?.(chosen);
  }

  async function search() {
    const q = input.value.trim();
    if (!q) { close(); return; }
    let skills;
    try {
      skills = await api(`skills/?q=${encodeURIComponent(q)}&limit=8`);
      skills = Array.isArray(skills) ? skills : skills.results || [];
    } catch (error) {
      status.textContent = `Skills could not be searched. ${errorText(error)}`;
      return;
    }
    const exact = skills.some((s) => s.name.toLowerCase() === q.toLowerCase());
    fill(suggestions,
      skills.map((skill) => el("li", {}, el("button", { type: "button", class: "suggestion", onclick: () => add(skill) },
        skill.name, skill.category ? el("span", { class: "muted", text: `\u00a0· ${skill.category}` }) : null))),
      !exact && allowNew ? el("li", {}, el("button", { type: "button", class: "suggestion suggestion-new", text: `Add “${q}” as a new skill`, onclick: async () => {
        try {
          add(await api("skills/", { method: "POST", body: { name: q } }));
        } catch (error) {
          status.textContent = `“${q}” could not be added. ${errorText(error)}`;
          input.focus();
        }
      } })) : null,
      !skills.length && !allowNew ? el("li", { class: "muted small", text: `No skill matches “${q}”.` }) : null);
    suggestions.hidden = false;
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); suggestions.querySelector("button")?.click(); }
    if (event.key === "Escape") close();
    if (event.key === "ArrowDown") { event.preventDefault(); suggestions.querySelector("button")?.focus(); }
  });
  suggestions.addEventListener("keydown", (event) => {
    const buttons = [...suggestions.querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : input).focus(); }
    if (event.key === "Escape") { close(); input.focus(); }
  });

  // Your own skills (levels mode): GET and PUT /api/v1/me/skills/.
  async function load() {
    set(await api("me/skills/"));
  }

  function set(skills) {
    chosen = skills.map((s) => (typeof s === "string" ? { id: null, name: s } : { id: s.id, name: s.name, level: s.level }));
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

  return { load, save, set, value: () => chosen.map((s) => ({ ...s })), count: () => chosen.length };
}
