// GOV.UK Frontend's progressive-enhancement classes, set before the page paints (a file, not an inline script, for the CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
