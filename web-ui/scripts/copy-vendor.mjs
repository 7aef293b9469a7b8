// Copies the browser files of the npm dependencies into the jar's static resources, so the app
// serves them at /vendor/... . Usage: node scripts/copy-vendor.mjs <target dir>
// (the Maven build passes target/classes/static/vendor). Node's standard library only.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, process.argv[2] ?? 'target/classes/static/vendor');
const modules = join(root, 'node_modules');

// [from (under node_modules), to (under the target)]
const files = [
	['bpmn-js/dist/bpmn-navigated-viewer.production.min.js', 'bpmn-js/bpmn-navigated-viewer.production.min.js'],
	['bpmn-js/dist/assets/bpmn-js.css', 'bpmn-js/assets/bpmn-js.css'],
	['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/assets/diagram-js.css'],
	['bpmn-js/dist/assets/bpmn-font/css', 'bpmn-js/assets/bpmn-font/css'],
	['bpmn-js/dist/assets/bpmn-font/font', 'bpmn-js/assets/bpmn-font/font'],
	['bpmn-js/LICENSE', 'bpmn-js/LICENSE'],
	['chart.js/dist/chart.umd.min.js', 'chart.js/chart.umd.min.js'],
	['chart.js/LICENSE.md', 'chart.js/LICENSE.md'],
	['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
	['htmx.org/LICENSE', 'htmx/LICENSE'],
];

let copied = 0;
for (const [from, to] of files) {
	const source = join(modules, from);
	if (!existsSync(source)) {
		console.error(`copy-vendor: ${source} is missing; run "npm ci" first`);
		process.exit(1);
	}
	const destination = join(target, to);
	mkdirSync(dirname(destination), { recursive: true });
	cpSync(source, destination, { recursive: true });
	copied++;
}
console.log(`copy-vendor: ${copied} entries copied to ${target}`);
