// Starts GOV.UK Frontend's components. Loaded from base.html as
// <script type="module">, so browsers too old for ES modules never run it and keep the
// plain no-JavaScript pages, as GOV.UK Frontend 5 intends.
//
// No inline script anywhere: the Content-Security-Policy is script-src 'self', so the
// `govuk-frontend-supported` body class that GOV.UK's page template sets inline is set
// here instead, before the components look for it.

import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Content that htmx swaps in (an error summary after an inline edit, a notification
// banner, radios with conditional questions) needs the same start. htmx fires
// htmx:load on each new element. Searching from its parent also catches a component
// that is itself the new element; components there that are already running refuse a
// second start with an InitError, which is expected and ignored.
document.addEventListener("htmx:load", (event) => {
  const element = event.target;
  if (!(element instanceof Element) || element === document.body) {
    return; // htmx's first load of the page, already started above
  }
  initAll({
    scope: element.parentElement ?? element,
    onError(error) {
      if (error.name !== "InitError") {
        console.error(error);
      }
    },
  });
});
