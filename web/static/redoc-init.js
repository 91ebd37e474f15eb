// Starts ReDoc from a file (script-src 'self'); its run-time <style> elements carry the nonce the
// page's policy allows. (A nonce attribute itself would be hidden from scripts by the browser.)
const target = document.getElementById("redoc");
Redoc.init(target.dataset.openapiUrl, { nonce: target.dataset.styleNonce }, target);
