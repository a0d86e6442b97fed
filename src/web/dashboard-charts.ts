/**
 * The dashboard's charts, drawn on the server as SVG by Apache ECharts (no script on the page,
 * nothing from a CDN). The SVG is made fit for the pages' Content-Security-Policy, which allows
 * no inline style: ECharts' style attributes become SVG presentation attributes, and its hover
 * style sheet and private attributes (useless without script) are dropped. Each chart is an
 * image named by its figure's caption (`role="img"`, `aria-labelledby`); its table says the same.
 */
import * as echarts from 'echarts';
import type { CampaignWeek } from './dashboard-figures.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;

/** Colours readable on white, and told apart without colour too (bars, a line, a dashed line). */
const COLOURS = ['#1d4f91', '#c75a00', '#2e7d32', '#6a1b9a'];
const TEXT = '#1f1f1f';
const FONT = 'system-ui, sans-serif';

/** What the charts need said in the page's language. */
export interface ChartText {
  /** Short week labels for the axis (`S48`), in the order of the weeks. */
  weekLabel: (week: string) => string;
  impressions: string;
  accepted: string;
  converted: string;
  acceptanceRate: string;
  conversionRate: string;
  lift: string;
  interval: string;
  /** Numbers and percentages in the page's locale. */
  number: (n: number) => string;
  percent: (share: number) => string;
  /** Percentage points for a difference of rates. */
  points: (difference: number) => string;
}

/** Presentation attributes an ECharts style attribute may become; anything else is dropped. */
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

/** ECharts' SSR SVG made fit for the page: no inline style, no style sheet, no private attributes; an image named by `labelledBy`. */
export function pageSafeSvg(svg: string, labelledBy: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(';')
        .map((d) => d.split(':').map((part) => part.trim()))
        .filter(([name, value]) => name && value && PRESENTATION.has(name))
        .map(([name, value]) => ` ${name}="${(value ?? '').replace(/"/g, '&quot;')}"`)
        .join(''),
    )
    .replace(
      /^<svg width="(\d+)" height="(\d+)"/,
      `<svg role="img" aria-labelledby="${labelledBy}" focusable="false" width="$1" height="$2"`,
    );
}

/** Renders `option` to SVG on the server and disposes of the chart. */
export function renderChart(option: echarts.EChartsCoreOption, labelledBy: string): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: FONT, color: TEXT },
      grid: { left: 72, right: 24, top: 48, bottom: 40 },
      legend: { top: 8, textStyle: { color: TEXT, fontSize: 13 } },
      ...option,
    });
    return pageSafeSvg(chart.renderToSVGString(), labelledBy);
  } finally {
    chart.dispose();
  }
}

const axisLabel = (formatter: (value: number) => string) => ({ color: TEXT, fontSize: 12, formatter });

/** Impressions, accepted and converted per week: bars of the shown cells' sums. */
export function volumeChart(weeks: readonly CampaignWeek[], text: ChartText, labelledBy: string): string {
  const bar = (name: string, pick: (w: CampaignWeek) => number) => ({
    name,
    type: 'bar',
    data: weeks.map((w) => (w.shownCells > 0 ? pick(w) : null)),
  });
  return renderChart(
    {
      xAxis: { type: 'category', data: weeks.map((w) => text.weekLabel(w.week)), axisLabel: { color: TEXT } },
      yAxis: { type: 'value', axisLabel: axisLabel(text.number) },
      series: [
        bar(text.impressions, (w) => w.impressions),
        bar(text.accepted, (w) => w.accepted),
        bar(text.converted, (w) => w.converted),
      ],
    },
    labelledBy,
  );
}

/** Acceptance and conversion rates per week (of impressions), as lines. */
export function ratesChart(weeks: readonly CampaignWeek[], text: ChartText, labelledBy: string): string {
  const rate = (pick: (w: CampaignWeek) => number) =>
    weeks.map((w) => (w.impressions > 0 ? pick(w) / w.impressions : null));
  return renderChart(
    {
      xAxis: { type: 'category', data: weeks.map((w) => text.weekLabel(w.week)), axisLabel: { color: TEXT } },
      yAxis: { type: 'value', min: 0, axisLabel: axisLabel(text.percent) },
      series: [
        { name: text.acceptanceRate, type: 'line', symbolSize: 8, data: rate((w) => w.accepted) },
        {
          name: text.conversionRate,
          type: 'line',
          symbol: 'diamond',
          symbolSize: 9,
          lineStyle: { type: 'dashed' },
          data: rate((w) => w.converted),
        },
      ],
    },
    labelledBy,
  );
}

/** The lift of the conversion rate per week: a point and its 95% interval as an error bar. */
export function liftChart(weeks: readonly CampaignWeek[], text: ChartText, labelledBy: string): string {
  const bounds = weeks.map((w, i) => (w.lift ? [i, w.lift.low, w.lift.high] : [i, null, null]));
  return renderChart(
    {
      xAxis: { type: 'category', data: weeks.map((w) => text.weekLabel(w.week)), axisLabel: { color: TEXT } },
      yAxis: { type: 'value', axisLabel: axisLabel(text.points) },
      series: [
        {
          name: text.interval,
          type: 'custom',
          data: bounds,
          itemStyle: { color: COLOURS[0] },
          renderItem: (
            _params: unknown,
            api: {
              value: (dim: number) => number;
              coord: (point: [number, number]) => [number, number];
              style: () => Record<string, unknown>;
            },
          ) => {
            const low = api.value(1);
            const high = api.value(2);
            if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
            const [x, top] = api.coord([api.value(0), high]);
            const [, bottom] = api.coord([api.value(0), low]);
            const style = { stroke: COLOURS[0], lineWidth: 2 };
            const line = (x1: number, y1: number, x2: number, y2: number) => ({
              type: 'line',
              shape: { x1, y1, x2, y2 },
              style,
            });
            return {
              type: 'group',
              children: [
                line(x, top, x, bottom),
                line(x - 8, top, x + 8, top),
                line(x - 8, bottom, x + 8, bottom),
              ],
            };
          },
        },
        {
          name: text.lift,
          type: 'scatter',
          symbolSize: 10,
          itemStyle: { color: COLOURS[1] },
          data: weeks.map((w) => (w.lift ? w.lift.difference : null)),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { color: TEXT, type: 'solid', width: 1 },
            data: [{ yAxis: 0 }],
          },
        },
      ],
    },
    labelledBy,
  );
}
