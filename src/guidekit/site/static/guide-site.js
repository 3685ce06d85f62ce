// Remember the language a reader picks, so the site root sends them there
// next time instead of guessing from the browser.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-guide-language]");
  if (link === null) return;
  try {
    localStorage.setItem("guide-language", link.dataset.guideLanguage);
  } catch (error) {
    // Storage may be disabled; the link still works.
  }
});

// Long files start folded to their first lines, caption and copy button kept;
// one button unfolds them. Copying always takes the whole file.
const FOLD_OVER_LINES = 40;
const FOLD_LABELS = {
  en: { more: (n) => `Show all ${n} lines`, less: "Show fewer lines" },
  tr: { more: (n) => `${n} satırın tamamını göster`, less: "Daha az satır göster" },
};

document.addEventListener("DOMContentLoaded", () => {
  const labels = FOLD_LABELS[document.documentElement.lang] || FOLD_LABELS.en;
  document.querySelectorAll(".literal-block-wrapper").forEach((wrapper) => {
    const pre = wrapper.querySelector(".tangle-file pre");
    if (pre === null) return;
    const lines = pre.textContent.replace(/\n$/, "").split("\n").length;
    if (lines <= FOLD_OVER_LINES) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "guide-fold";
    const show = (folded) => {
      wrapper.classList.toggle("guide-folded", folded);
      button.textContent = folded ? labels.more(lines) : labels.less;
      button.setAttribute("aria-expanded", String(!folded));
    };
    button.addEventListener("click", () => show(!wrapper.classList.contains("guide-folded")));
    wrapper.appendChild(button);
    show(true);
  });
});

// A code block too wide for the page scrolls; keyboard users must be able to
// reach it to scroll it (axe: scrollable-region-focusable).
const focusScrollable = () => {
  document.querySelectorAll("div.highlight pre").forEach((pre) => {
    const scrolls = pre.scrollWidth > pre.clientWidth || pre.scrollHeight > pre.clientHeight;
    if (scrolls && !pre.hasAttribute("tabindex")) pre.setAttribute("tabindex", "0");
  });
};
document.addEventListener("DOMContentLoaded", focusScrollable);
window.addEventListener("resize", focusScrollable);
