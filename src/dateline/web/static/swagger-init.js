// Starts Swagger UI on /api/docs over our OpenAPI description (served by us, allowed by the CSP).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui" });
});
