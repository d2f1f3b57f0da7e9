// The report chart: escalations per day (bars, left axis) and median minutes to claim per day
// (line, right axis), rendered offline with chart.js on an @napi-rs/canvas canvas.
//
// Why it works without a DOM: chart.js picks its BasicPlatform when `window` is absent, which only
// needs `canvas.getContext('2d')`; with `responsive: false` and `animation: false` it draws
// synchronously at the canvas's own size, and devicePixelRatio 1 keeps pixels = canvas size.
// Fonts: skia has no system font fallback we can rely on in slim containers, so DejaVu Sans
// (Debian fonts-dejavu-core) is registered explicitly when present; without it text may vanish.
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Title,
} from 'chart.js';
import { DateTime } from 'luxon';
import type { DayMetrics } from './metrics.js';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Shown above the plot, e.g. "2026-W47 (Nov 16–22)". */
  title?: string;
}

const FONT_FAMILY = 'DejaVu Sans';
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu'];
let initialised = false;

/** Registers chart.js parts and fonts once per process (both are global registries). */
function init(): void {
  if (initialised) return;
  initialised = true;
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title);
  for (const dir of FONT_DIRS) {
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      const path = `${dir}/${file}`;
      if (existsSync(path)) GlobalFonts.registerFromPath(path, FONT_FAMILY);
    }
  }
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.color = '#333333';
}

/** True when DejaVu Sans is available to the renderer (CI needs fonts-dejavu-core). */
export function chartFontAvailable(): boolean {
  init();
  return GlobalFonts.has(FONT_FAMILY);
}

// chart.js leaves the background transparent, which is unreadable in Slack's dark theme.
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export async function renderWeeklyChart(perDay: readonly DayMetrics[], opts: ChartOptions = {}): Promise<Buffer> {
  init();
  const width = opts.width ?? 1000;
  const height = opts.height ?? 500;
  const canvas = createCanvas(width, height);
  const labels = perDay.map((d) => DateTime.fromISO(d.date).setLocale('en-US').toFormat('ccc d LLL'));
  // Minutes read better than seconds on an axis; null leaves a gap on days with no claims.
  const minutes = perDay.map((d) => (d.medianTimeToClaim === null ? null : Math.round(d.medianTimeToClaim / 6) / 10));

  const config: ChartConfiguration<'bar' | 'line', Array<number | null>, string> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: 'Escalations',
          data: perDay.map((d) => d.escalations),
          backgroundColor: 'rgba(54, 121, 203, 0.75)',
          borderColor: 'rgb(54, 121, 203)',
          borderWidth: 1,
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'line',
          label: 'Median time to claim (min)',
          data: minutes,
          borderColor: 'rgb(230, 110, 30)',
          backgroundColor: 'rgb(230, 110, 30)',
          borderWidth: 3,
          pointRadius: 5,
          spanGaps: false,
          yAxisID: 'y1',
          order: 1,
        },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: 16 },
      plugins: {
        title: { display: Boolean(opts.title), text: opts.title ?? '', font: { size: 18, weight: 'bold' } },
        legend: { position: 'bottom', labels: { font: { size: 14 } } },
      },
      scales: {
        x: { ticks: { font: { size: 14 } }, grid: { display: false } },
        y: {
          position: 'left',
          beginAtZero: true,
          ticks: { precision: 0, font: { size: 13 } },
          title: { display: true, text: 'Escalations', font: { size: 14 } },
        },
        y1: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { font: { size: 13 } },
          title: { display: true, text: 'Median minutes to claim', font: { size: 14 } },
        },
      },
    },
    plugins: [whiteBackground],
  };

  // chart.js types its item as a DOM canvas/context; the skia context is API-compatible.
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
