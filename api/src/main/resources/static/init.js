// Starts GOV.UK Frontend's components; live.js calls govukInitAll again after it swaps a page's content.
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js';
window.govukInitAll = initAll;
initAll();
