// What the case page and the auditor's pages share to draw a process diagram with bpmn-js
// (NavigatedViewer, global BpmnJS): load the BPMN from the container's data-diagram-url, import it,
// drop the no-script fallback, fit the view. Markers are each page's own.
(function () {
	'use strict';

	/** The ids in a comma-separated data attribute. */
	function ids(text) {
		return (text || '').split(',').filter(function (id) {
			return id.length > 0;
		});
	}

	/** A marker class for an element: a sub-process is a frame, outlined and never filled. */
	function marker(element, name) {
		return (element.type === 'bpmn:SubProcess') ? name + '-scope' : name;
	}

	/** Draws the diagram into container; resolves to the viewer's canvas and element registry. */
	function open(container) {
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
				canvas.zoom('fit-viewport', 'auto');
				return { viewer: viewer, canvas: canvas, registry: viewer.get('elementRegistry') };
			});
	}

	window.GuildhallDiagram = { ids: ids, marker: marker, open: open };
})();
