// Small progressive enhancements; every page works without them.
(function () {
	'use strict';
	document.addEventListener('DOMContentLoaded', function () {
		// with htmx the status filter applies on change, so its submit button is not needed
		if (window.htmx) {
			document.querySelectorAll('.js-hide').forEach(function (el) {
				el.hidden = true;
			});
		}
	});
})();
