// Create a portfolio item from a form, reporting upload progress (fetch cannot, XHR can).
import { ApiError, csrfToken, siteConfig } from "./api.js";
import { uploadLimitsText } from "./ui.js";

// The file field's accepted types and its help text come from the site's upload limits.
export async function showUploadLimits(form) {
  const config = await siteConfig();
  const input = form.elements.file;
  const help = form.querySelector("[data-upload-help]");
  if (!config || !input) return;
  input.accept = config.upload.extensions.join(",");
  if (help) help.textContent = uploadLimitsText(config.upload);
}

export function uploadPortfolioItem(form) {
  const body = new FormData();
  for (const name of ["title", "description", "link", "visibility"]) {
    const field = form.elements[name];
    if (field && field.value.trim()) body.append(name, field.value.trim());
  }
  const file = form.elements.file?.files[0];
  if (file) body.append("file", file);

  const box = form.querySelector("[data-upload-progress]");
  const bar = box?.querySelector("progress");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/me/portfolio/");
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.setRequestHeader("Accept", "application/json");
    if (file && box) {
      box.hidden = false;
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
      });
    }
    xhr.addEventListener("load", () => {
      if (box) box.hidden = true;
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data));
    });
    xhr.addEventListener("error", () => {
      if (box) box.hidden = true;
      reject(new ApiError(0, { error: { message: "The upload failed. Check your connection and try again." } }));
    });
    xhr.send(body);
  });
}
