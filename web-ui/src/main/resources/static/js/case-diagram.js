// Draws the case's process diagrams with bpmn-js (NavigatedViewer, global BpmnJS) and marks the
// activities the case is at (gh-active) and has passed through (gh-completed).
(function () {
	'use strict';

	function ids(text) {
		return (text || '').split(',').filter(function (id) {
			return id.length > 0;
		});
	}

	function nameOf(element) {
		var bo = element.businessObject;
		return (bo && bo.name) ? bo.name.replace(/\s+/g, ' ') : element.id;
	}

	function draw(container) {
		var caption = container.parentNode.querySelector('.diagram-caption');
		var active = ids(container.dataset.active);
		var completed = ids(container.dataset.completed);
		var viewer = new window.BpmnJS({ container: container });
		return fetch(container.dataset.diagramUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('the diagram could not be loaded (' + response.status + ')');
				}
				return response.text();
			})
			.then(function (xml) {
				return viewer.importXML(xml);
			})
			.then(function () {
				var fallback = container.querySelector('.diagram-fallback');
				if (fallback) {
					fallback.remove();
				}
				var canvas = viewer.get('canvas');
				var registry = viewer.get('elementRegistry');
				canvas.zoom('fit-viewport', 'auto');
				// a sub-process is a frame around other activities: outline it, never fill it
				function marker(element, name) {
					return (element.type === 'bpmn:SubProcess') ? name + '-scope' : name;
				}
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
