import { describe, expect, it } from 'vitest';
import { chartFontAvailable, renderWeeklyChart } from '../../../src/reports/chart.js';
import type { DayMetrics } from '../../../src/reports/metrics.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a valid PNG has first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const week: DayMetrics[] = [
  { date: '2026-11-16', escalations: 4, medianTimeToClaim: 270 },
  { date: '2026-11-17', escalations: 0, medianTimeToClaim: null },
  { date: '2026-11-18', escalations: 9, medianTimeToClaim: 620 },
  { date: '2026-11-19', escalations: 2, medianTimeToClaim: 60 },
  { date: '2026-11-20', escalations: 3, medianTimeToClaim: 450 },
  { date: '2026-11-21', escalations: 1, medianTimeToClaim: 1250 },
  { date: '2026-11-22', escalations: 0, medianTimeToClaim: null },
];

describe('report chart', () => {
  it('renders a PNG of the requested size', async () => {
    const png = await renderWeeklyChart(week, { title: '2026-W47' });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1000, height: 500 });
    const small = await renderWeeklyChart(week, { width: 640, height: 320 });
    expect(pngSize(small)).toEqual({ width: 640, height: 320 });
  });

  it('draws something different for different data (not a blank canvas)', async () => {
    const empty = await renderWeeklyChart(week.map((d) => ({ ...d, escalations: 0, medianTimeToClaim: null })));
    const full = await renderWeeklyChart(week);
    expect(full.equals(empty)).toBe(false);
    expect(full.length).toBeGreaterThan(10_000);
  });

  it('has its font (fonts-dejavu-core) so labels are drawn', () => {
    expect(chartFontAvailable()).toBe(true);
  });
});
