// Swagger UI over the service's own description (a file, not inline: the pages' CSP allows scripts from 'self' only).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
