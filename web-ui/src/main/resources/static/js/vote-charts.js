// Turnout over time and the result by choice, drawn with Chart.js from data attributes the server
// rendered; the numbers are also in the page's text and table for readers without the charts.
(function () {
	'use strict';
	function draw() {
		if (typeof Chart === 'undefined') {
			return;
		}
		var turnout = document.getElementById('turnout-chart');
		if (turnout && turnout.dataset.samples) {
			var samples = JSON.parse(turnout.dataset.samples);
			new Chart(turnout, {
				type: 'line',
				data: {
					labels: samples.map(function (s) { return s.label || s.at; }),
					datasets: [{ label: 'Ballots cast', data: samples.map(function (s) { return s.cast; }),
						borderColor: '#1f5fae', backgroundColor: 'rgba(31,95,174,0.15)', fill: true, stepped: true }]
				},
				options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'ballots' } } } }
			});
		}
		var result = document.getElementById('result-chart');
		if (result && result.dataset.counts) {
			var counts = result.dataset.counts.split(',').map(Number);
			new Chart(result, {
				type: 'bar',
				data: {
					labels: ['Yes', 'No', 'Abstain', 'Spoiled'],
					datasets: [{ label: 'Ballots', data: counts, backgroundColor: ['#2e7d32', '#a3361d', '#8a8f9c', '#c7ccd6'] }]
				},
				options: { animation: false, indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } }
			});
		}
	}
	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', draw);
	}
	else {
		draw();
	}
})();
