// Remember the language a reader picks, so the site root sends them there
// next time instead of guessing from the browser.
// Section ids are the same in every language, so the switcher's links carry
// the current #fragment: the reader lands on the same section, not the top.
const carryFragment = () => {
  document.querySelectorAll("a[data-guide-language]").forEach((link) => {
    link.hash = window.location.hash;
  });
};
document.addEventListener("DOMContentLoaded", carryFragment);
window.addEventListener("hashchange", carryFragment);

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-guide-language]");
  if (link === null) return;
  link.hash = window.location.hash;
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

// furo leaves its two sidebars as unnamed <aside> landmarks and its page
// controls (source link, theme and contents toggles) outside any landmark,
// and names the theme toggle in English only. Screen readers list landmarks
// by name, so each gets one, in the page's language.
const LANDMARK_LABELS = {
  en: {
    chapters: "Chapters",
    contents: "On this page",
    tools: "Page tools",
    theme: "Switch between light, dark and automatic colours",
  },
  tr: {
    chapters: "Bölümler",
    contents: "Bu sayfada",
    tools: "Sayfa araçları",
    theme: "Açık, koyu ve otomatik renkler arasında geçiş yap",
  },
};

document.addEventListener("DOMContentLoaded", () => {
  const labels = LANDMARK_LABELS[document.documentElement.lang] || LANDMARK_LABELS.en;
  const name = (selector, label, role) => {
    document.querySelectorAll(selector).forEach((element) => {
      if (role) element.setAttribute("role", role);
      element.setAttribute("aria-label", label);
    });
  };
  name("aside.sidebar-drawer", labels.chapters);
  name("aside.toc-drawer", labels.contents);
  name(".content-icon-container", labels.tools, "region");
  name("button.theme-toggle", labels.theme);
});
