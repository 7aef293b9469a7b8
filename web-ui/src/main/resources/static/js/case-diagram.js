// Draws the case's process diagrams with bpmn-js (NavigatedViewer, global BpmnJS) and marks the
// activities the case is at (gh-active) and has passed through (gh-completed).
(function () {
	'use strict';

	var ids = window.GuildhallDiagram.ids;

	function nameOf(element) {
		var bo = element.businessObject;
		return (bo && bo.name) ? bo.name.replace(/\s+/g, ' ') : element.id;
	}

	function draw(container) {
		var caption = container.parentNode.querySelector('.diagram-caption');
		var active = ids(container.dataset.active);
		var completed = ids(container.dataset.completed);
		return window.GuildhallDiagram.open(container)
			.then(function (drawn) {
				var canvas = drawn.canvas;
				var registry = drawn.registry;
				var marker = window.GuildhallDiagram.marker;
				completed.forEach(function (id) {
					var element = registry.get(id);
					if (element && active.indexOf(id) < 0) {
						canvas.addMarker(id, marker(element, 'gh-completed'));
					}
				});
				var names = [];
				active.forEach(function (id) {
					var element = registry.get(id);
					if (element) {
						canvas.addMarker(id, marker(element, 'gh-active'));
						if (element.type !== 'bpmn:SubProcess') {
							names.push(nameOf(element));
						}
					}
				});
				if (caption) {
					caption.textContent = names.length ? 'Now at: ' + names.join('; ') + '.'
						: 'Nothing is running in this process now.';
				}
			})
			.catch(function (error) {
				if (caption) {
					caption.textContent = 'The diagram could not be drawn: ' + error.message;
				}
			});
	}

	document.addEventListener('DOMContentLoaded', function () {
		if (!window.BpmnJS) {
			return;
		}
		document.querySelectorAll('.diagram[data-diagram-url]').forEach(draw);
	});
})();
