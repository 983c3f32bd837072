import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { fmt } from './format.ts';

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export const COLORS = { peak: '#c8102e', rest: '#1f5aa6', third: '#e0a100', fourth: '#2e8b57', grey: '#9aa5b1' };

const charts = new Set<Chart>();

/** Removes the charts of the view being left. */
export function clearCharts(): void {
  for (const c of charts) c.destroy();
  charts.clear();
}

/** A chart in a canvas of the given box; ticks and tooltips in Vietnamese number format. */
export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  const c = new Chart(canvas, {
    ...config,
    options: {
      ...config.options,
      locale: 'vi-VN',
      plugins: {
        ...config.options?.plugins,
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${fmt(typeof ctx.raw === 'number' ? ctx.raw : Number(ctx.parsed.y ?? ctx.parsed.x))}` } },
      },
    },
  } as ChartConfiguration);
  charts.add(c);
  return c;
}
