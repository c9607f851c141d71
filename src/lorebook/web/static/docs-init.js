/* Start Swagger UI on the schema shipped beside it (window.LOREBOOK_OPENAPI): works offline and from file://. */
window.addEventListener("load", function () {
  if (!window.SwaggerUIBundle || !window.LOREBOOK_OPENAPI) return;
  window.SwaggerUIBundle({ spec: window.LOREBOOK_OPENAPI, dom_id: "#swagger-ui", deepLinking: false,
    presets: [window.SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
});
