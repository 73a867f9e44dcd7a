// GOV.UK Frontend's "JavaScript is on" classes, set before the page paints (a file, not inline: the CSP allows no inline script).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
