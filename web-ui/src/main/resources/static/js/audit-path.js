// Draws each process the case ran with bpmn-js (NavigatedViewer, global BpmnJS) and marks the path
// the audit trail records: visited activities (gh-visited), interrupted ones (gh-interrupted), steps
// waiting now (gh-open), sequence flows taken (gh-taken), and a count badge (g.gh-count) on
// activities visited more than once. The server works the path out from the trail; this only draws it.
(function () {
	'use strict';

	var ids = window.GuildhallDiagram.ids;

	function counts(text) {
		var visits = {};
		ids(text).forEach(function (pair) {
			var at = pair.lastIndexOf(':');
			if (at > 0) {
				visits[pair.substring(0, at)] = parseInt(pair.substring(at + 1), 10) || 0;
			}
		});
		return visits;
	}

	var SVG = 'http://www.w3.org/2000/svg';

	function svg(name, attributes, parent) {
		var node = document.createElementNS(SVG, name);
		Object.keys(attributes).forEach(function (key) {
			node.setAttribute(key, attributes[key]);
		});
		parent.appendChild(node);
		return node;
	}

	// "×3" badges on activities visited more than once, drawn in the diagram's own SVG (a layer
	// above the shapes) so that they pan, zoom and print with it
	function drawBadges(canvas, badges) {
		if (!badges.length) {
			return;
		}
		var layer = canvas.getLayer('gh-counts', 1000);
		badges.forEach(function (badge) {
			var element = badge.element;
			var text = '×' + badge.count;
			var width = 10 + 8 * text.length;
			var group = svg('g', {
				'class': 'gh-count',
				'data-for': element.id,
				transform: 'translate(' + (element.x + element.width - width / 2) + ',' + (element.y - 10) + ')'
			}, layer);
			svg('title', {}, group).textContent = 'visited ' + badge.count + ' times';
			svg('rect', { width: width, height: 20, rx: 10, ry: 10 }, group);
			svg('text', { x: width / 2, y: 14.5, 'text-anchor': 'middle' }, group).textContent = text;
		});
	}

	// the report: the drawing scales with its box (on screen and on paper) instead of being
	// fitted once to the screen's width
	function scaleWithPage(container, canvas) {
		var inner = canvas.viewbox().inner;
		var pad = 24;
		canvas.viewbox({ x: 0, y: 0, width: container.clientWidth, height: container.clientHeight });
		var root = container.querySelector('.djs-container > svg');
		root.setAttribute('viewBox', [inner.x - pad, inner.y - pad - 12, inner.width + 2 * pad, inner.height + 2 * pad + 12].join(' '));
		root.setAttribute('preserveAspectRatio', 'xMidYMid meet');
	}

	function draw(container) {
		var caption = container.parentNode.querySelector('.diagram-caption');
		var visits = counts(container.dataset.visits);
		var interrupted = ids(container.dataset.interrupted);
		var open = ids(container.dataset.open);
		var flows = ids(container.dataset.flows);
		return window.GuildhallDiagram.open(container)
			.then(function (drawn) {
				var canvas = drawn.canvas;
				var registry = drawn.registry;
				var marker = window.GuildhallDiagram.marker;
				var badges = [];
				Object.keys(visits).forEach(function (id) {
					var element = registry.get(id);
					if (!element) {
						return;
					}
					canvas.addMarker(id, marker(element, interrupted.indexOf(id) >= 0 ? 'gh-interrupted' : 'gh-visited'));
					if (visits[id] > 1) {
						badges.push({ element: element, count: visits[id] });
					}
				});
				open.forEach(function (id) {
					var element = registry.get(id);
					if (element) {
						canvas.addMarker(id, marker(element, 'gh-open'));
					}
				});
				flows.forEach(function (id) {
					if (registry.get(id)) {
						canvas.addMarker(id, 'gh-taken');
					}
				});
				drawBadges(canvas, badges);
				if (container.dataset.static === 'true') {
					scaleWithPage(container, canvas);
				}
				container.dataset.drawn = 'true';
			})
			.catch(function (error) {
				if (caption) {
					caption.textContent = 'The diagram could not be drawn: ' + error.message;
				}
			});
	}

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('[data-print]').forEach(function (button) {
			button.addEventListener('click', function () {
				window.print();
			});
		});
		if (!window.BpmnJS) {
			return;
		}
		document.querySelectorAll('.diagram[data-diagram-url]').forEach(draw);
	});
})();
