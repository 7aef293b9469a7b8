// The rules studio's sweep page: three heat maps (A approves?, B approves?, where they disagree)
// drawn with Chart.js as scatter charts of square points, one per grid cell, from the sweep API
// (same origin, the signed-in session). The counts are also in the page's text and in the CSV.
(function () {
	'use strict';
	var GREEN = '#2e8b3e', GREY = '#c9ced8', ORANGE = '#e07b00', BLUE = '#1f5fae', PALE = '#eef0f4';

	function cells(sweep, colour) {
		var points = [], colours = [];
		for (var t = 0; t < sweep.percents.length; t++) {
			for (var y = 0; y < sweep.percents.length; y++) {
				points.push({ x: sweep.percents[y], y: sweep.percents[t], t: t, yi: y });
				colours.push(colour(sweep.approvedA[t][y], sweep.approvedB[t][y]));
			}
		}
		return { points: points, colours: colours };
	}

	function heatMap(canvas, sweep, colour, describe) {
		var data = cells(sweep, colour);
		var size = sweep.percents.length;
		return new Chart(canvas, {
			type: 'scatter',
			data: { datasets: [{ data: data.points, backgroundColor: data.colours, borderWidth: 0, pointStyle: 'rect',
				pointRadius: function (context) {
					var area = context.chart.chartArea;
					return area ? Math.max(1, area.width / size / 2 + 0.5) : 2;
				},
				pointHoverRadius: function (context) {
					var area = context.chart.chartArea;
					return area ? Math.max(2, area.width / size / 2 + 1.5) : 3;
				} }] },
			options: {
				animation: false, aspectRatio: 1, parsing: false, normalized: true,
				scales: {
					x: { min: 0, max: 100, title: { display: true, text: 'yes, % of votes cast' } },
					y: { min: 0, max: 100, title: { display: true, text: 'turnout, % of eligible' } }
				},
				plugins: {
					legend: { display: false },
					tooltip: { callbacks: { label: function (item) {
						var p = item.raw, cast = sweep.votesCast[p.t];
						var yes = Math.floor(cast * p.yi / sweep.steps);
						return 'turnout ' + p.y + '%, yes ' + p.x + '%: ' + yes + ' yes of ' + cast + ' cast — '
							+ describe(sweep.approvedA[p.t][p.yi], sweep.approvedB[p.t][p.yi]);
					} } }
				}
			}
		});
	}

	function words(approved) {
		return approved ? 'approved' : 'rejected';
	}

	function draw() {
		var container = document.getElementById('heat-maps');
		if (!container || typeof Chart === 'undefined') {
			return;
		}
		fetch(container.dataset.sweepUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('the sweep API answered ' + response.status);
				}
				return response.json();
			})
			.then(function (sweep) {
				heatMap(document.getElementById('heat-a'), sweep,
					function (a) { return a ? GREEN : GREY; },
					function (a) { return 'A: ' + words(a); });
				heatMap(document.getElementById('heat-b'), sweep,
					function (a, b) { return b ? GREEN : GREY; },
					function (a, b) { return 'B: ' + words(b); });
				heatMap(document.getElementById('heat-diff'), sweep,
					function (a, b) { return (a === b) ? PALE : (a ? ORANGE : BLUE); },
					function (a, b) { return (a === b) ? 'they agree (' + words(a) + ')' : (a ? 'only A approves' : 'only B approves'); });
				container.dataset.drawn = 'true';
				container.dataset.disagreements = String(sweep.disagreements);
			})
			.catch(function (error) {
				container.dataset.drawn = 'failed';
				var message = document.createElement('p');
				message.className = 'alert';
				message.setAttribute('role', 'alert');
				message.textContent = 'The heat maps could not be drawn: ' + error.message + '. The CSV has every cell.';
				container.parentNode.insertBefore(message, container);
			});
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', draw);
	}
	else {
		draw();
	}
})();
