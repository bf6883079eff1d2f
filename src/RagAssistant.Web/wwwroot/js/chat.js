// Browser-side helpers of the chat page: what Blazor cannot do from the server.

// Enter sends, Shift+Enter breaks the line; the box grows with its text up to a limit.
export function attachComposer(textarea) {
  if (!textarea || textarea.dataset.composer) return;
  textarea.dataset.composer = "attached";
  const grow = () => {
    textarea.style.height = "auto";
    textarea.style.height = Math.min(textarea.scrollHeight, 220) + "px";
  };
  textarea.addEventListener("keydown", event => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      textarea.form?.requestSubmit();
    }
  });
  textarea.addEventListener("input", grow);
  // The server clears the box after sending; shrink it back then too.
  new MutationObserver(grow).observe(textarea, { attributes: true, attributeFilter: ["value"] });
  textarea.form?.addEventListener("submit", () => requestAnimationFrame(grow));
}

// Keeps the growing answer in view, unless the reader has scrolled up to read something else.
export function followAnswer(list) {
  if (!list) return;
  const distance = list.scrollHeight - list.scrollTop - list.clientHeight;
  if (distance < 280) list.scrollTop = list.scrollHeight;
}

export function scrollToEnd(list) {
  if (list) list.scrollTop = list.scrollHeight;
}

export function focusElement(id) {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block: "nearest", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  element.focus({ preventScroll: true });
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard access can be refused (no secure context, no permission); the old way still works in most browsers.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  }
}

export function downloadText(fileName, text, type = "text/markdown;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A citation's tooltip opens above its chip, unless the answer list would clip it there (a chip near the top of the
// list, under the toolbar): then it opens below. Decided each time a chip is hovered or focused, as the list scrolls.
export function placeCitationTips(list) {
  if (!list || list.dataset.citationTips) return;
  list.dataset.citationTips = "placed";
  const place = event => {
    const cite = event.target.closest?.(".cite");
    const tip = cite?.querySelector(".cite-tip");
    if (!tip) return;
    const chip = cite.getBoundingClientRect();
    const bounds = list.getBoundingClientRect();
    // The tip is hidden until hovered; its height is read with it laid out but not yet shown.
    tip.style.visibility = "hidden";
    tip.style.display = "grid";
    const height = tip.offsetHeight;
    tip.style.display = "";
    tip.style.visibility = "";
    cite.dataset.tip = chip.top - bounds.top < height + 12 && bounds.bottom - chip.bottom > chip.top - bounds.top ? "below" : "above";
  };
  list.addEventListener("pointerover", place);
  list.addEventListener("focusin", place);
}
