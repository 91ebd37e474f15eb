// Progressive enhancement only: every page works without JavaScript.
const NARROW = window.matchMedia("(max-width: 48rem)");

// On a phone the results come first and the filters start folded; on a wide screen they stay open.
function foldFilters() {
  document.querySelectorAll("details.filters").forEach((d) => { d.open = !NARROW.matches; });
}
document.addEventListener("DOMContentLoaded", foldFilters);

// After htmx swaps the results (a facet, a page link), the search box shows the query they
// belong to, so typing on refines that query instead of silently dropping the filter.
document.addEventListener("htmx:afterSwap", () => {
  foldFilters();
  const q = document.getElementById("q");
  const state = document.querySelector("#results .state");
  if (q && state && document.activeElement !== q) q.value = state.dataset.q;
  if (q && document.activeElement === document.body) q.focus();
});
