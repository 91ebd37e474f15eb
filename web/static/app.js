// Progressive enhancement only: every page works without JavaScript.
// Keep the search box focused after htmx swaps the results.
document.addEventListener("htmx:afterSwap", () => {
  const q = document.getElementById("q");
  if (q && document.activeElement === document.body) q.focus();
});
