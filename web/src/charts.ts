import type { Chart, ChartConfiguration } from 'chart.js';
import { fmt, vnd } from './format.ts';

/**
 * Chart.js, fetched with the first chart (a chunk of its own, a third of the page's script: the
 * sign-in does without it), its parts registered once.
 */
let library: Promise<typeof Chart> | undefined;
const chartJs = (): Promise<typeof Chart> =>
  (library ??= import('chart.js')
    .then((m) => {
      m.Chart.register(
        m.BarController,
        m.BarElement,
        m.CategoryScale,
        m.Legend,
        m.LineController,
        m.LineElement,
        m.LinearScale,
        m.PointElement,
        m.Tooltip,
      );
      m.Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';
      m.Chart.defaults.animation = false;
      m.Chart.defaults.maintainAspectRatio = false;
      return m.Chart;
    })
    .catch((e: unknown) => {
      // Offline, say: the next chart asks again.
      library = undefined;
      throw e;
    }));

/**
 * Starts fetching Chart.js without drawing anything: called once someone who sees dashboards has
 * signed in, so that the dashboard's charts need not wait for it after the dashboard's figures.
 */
export function warmCharts(): void {
  chartJs().catch(() => {
    // drawn later, or told by the table when it cannot be
  });
}

export const COLORS = { peak: '#c8102e', rest: '#1f5aa6', third: '#e0a100', fourth: '#2e8b57', grey: '#9aa5b1' };

const charts = new Set<Chart>();
/** Counts the views left: a chart asked for by a view already left is not drawn. */
let view = 0;

/** Removes the charts of the view being left. */
export function clearCharts(): void {
  for (const c of charts) c.destroy();
  charts.clear();
  view++;
}

export interface ChartText {
  /** The labels in full, where the chart shows them cut (tooltips and the table show them whole). */
  fullLabels?: string[];
  /** Axes that count things: whole-number ticks only. */
  counts?: string[];
  /** Values in đồng: the table shows them as money. */
  money?: boolean;
}

/**
 * A chart in a canvas of the given box; ticks and tooltips in Vietnamese number format, count axes
 * with whole numbers only, and its figures as a table under it (folded, for screen readers and
 * for copying): the canvas is an image described by its card's title. The table is there at once;
 * the chart is drawn once Chart.js has arrived (`data-drawn` on the canvas then).
 */
export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration, text: ChartText = {}): void {
  const scales = { ...(config.options as { scales?: Record<string, Record<string, unknown>> } | undefined)?.scales };
  for (const axis of text.counts ?? []) {
    const s = scales[axis] ?? {};
    scales[axis] = { ...s, beginAtZero: true, ticks: { ...(s.ticks as object | undefined), precision: 0 } };
  }
  const full = (i: number): string => text.fullLabels?.[i] ?? String(config.data.labels?.[i] ?? '');
  const card = canvas.closest('.card');
  const title = card?.querySelector('h3')?.textContent ?? '';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${title}: biểu đồ; số liệu trong bảng ngay dưới`);
  card?.append(dataTable(title, config, full, text.money === true));
  const drawnFor = view;
  chartJs().then(
    (Chart) => {
      if (view === drawnFor) draw(Chart, canvas, config, scales, full);
    },
    () => {
      // Not drawn (Chart.js did not arrive): the table under it still holds its figures.
    },
  );
}

function draw(
  Chart: typeof import('chart.js').Chart,
  canvas: HTMLCanvasElement,
  config: ChartConfiguration,
  scales: Record<string, Record<string, unknown>>,
  full: (i: number) => string,
): void {
  const c = new Chart(canvas, {
    ...config,
    options: {
      ...config.options,
      scales,
      locale: 'vi-VN',
      plugins: {
        ...config.options?.plugins,
        tooltip: {
          callbacks: {
            title: (items) => (items[0] === undefined ? '' : full(items[0].dataIndex)),
            label: (ctx) => {
              const value = typeof ctx.raw === 'number' ? ctx.raw : Number(ctx.parsed.y ?? ctx.parsed.x);
              return `${ctx.dataset.label ?? ''}: ${fmt(value)}`;
            },
          },
        },
      },
    },
  } as ChartConfiguration);
  charts.add(c);
  canvas.dataset.drawn = '';
}

/** The chart's figures as a table: one row per label, one column per series. */
function dataTable(
  title: string,
  config: ChartConfiguration,
  full: (i: number) => string,
  money: boolean,
): HTMLElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const table = el('table');
  table.className = 'data';
  table.append(el('caption', title));
  const head = el('tr');
  head.append(
    el('th', ''),
    ...config.data.datasets.map((d) => Object.assign(el('th', d.label ?? ''), { scope: 'col' })),
  );
  table.append(Object.assign(el('thead'), {}), el('tbody'));
  (table.tHead as HTMLTableSectionElement).append(head);
  (config.data.labels ?? []).forEach((_, i) => {
    const row = el('tr');
    row.append(Object.assign(el('th', full(i)), { scope: 'row' }));
    for (const d of config.data.datasets) {
      const v = d.data[i];
      const td = el('td', typeof v === 'number' ? (money ? vnd(v) : fmt(v)) : '—');
      td.className = 'num';
      row.append(td);
    }
    (table.tBodies[0] as HTMLTableSectionElement).append(row);
  });
  const details = el('details');
  details.className = 'data';
  details.append(el('summary', 'Bảng số liệu'), table);
  return details;
}
