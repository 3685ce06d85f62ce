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
