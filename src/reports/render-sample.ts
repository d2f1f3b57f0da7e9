// Writes docs/report-chart.png from a fixed synthetic week, to eyeball the chart rendering:
//   npx tsx src/reports/render-sample.ts [out.png]
import { writeFileSync } from 'node:fs';
import { renderWeeklyChart } from './chart.js';
import type { DayMetrics } from './metrics.js';

const sample: DayMetrics[] = [
  { date: '2026-11-16', escalations: 42, medianTimeToClaim: 270 },
  { date: '2026-11-17', escalations: 37, medianTimeToClaim: 310 },
  { date: '2026-11-18', escalations: 51, medianTimeToClaim: 620 },
  { date: '2026-11-19', escalations: 29, medianTimeToClaim: 200 },
  { date: '2026-11-20', escalations: 33, medianTimeToClaim: 450 },
  { date: '2026-11-21', escalations: 8, medianTimeToClaim: 1250 },
  { date: '2026-11-22', escalations: 0, medianTimeToClaim: null },
];

const out = process.argv[2] ?? new URL('../../docs/report-chart.png', import.meta.url).pathname;
const png = await renderWeeklyChart(sample, { title: 'Weekly support report · 2026-W47 (Nov 16–22)' });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
