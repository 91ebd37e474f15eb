// Progressive enhancement only: every page works without JavaScript.
// After htmx swaps the results (a facet, a page link), the search box shows the query they
// belong to, so typing on refines that query instead of silently dropping the filter.
document.addEventListener("htmx:afterSwap", () => {
  const q = document.getElementById("q");
  const state = document.querySelector("#results .state");
  if (q && state && document.activeElement !== q) q.value = state.dataset.q;
  if (q && document.activeElement === document.body) q.focus();
});
