/**
 * The brand dashboard's HTML (`GET /brands/dashboard`): for each campaign of the brand's report,
 * three server-drawn charts (volume, rates, lift with its interval), each a figure named by its
 * caption and followed by a table of the same figures, and a table of every cell with the
 * suppressed ones said as such. Loaded on the first request (ECharts is large): nothing of it
 * is in the service's start.
 */

import { localeName } from '../accounts/page-locale.js';
import { renderPage } from '../accounts/page-shell.js';
import { escapeHtml as h } from '../http/html-escape.js';
import { MIN_HOUSEHOLDS_PER_CELL, type TouchpointReport } from '../measurement/touchpoint-report-schema.js';
import type { Locale } from '../runtime/locales.js';
import type { Translate } from '../runtime/skill-definition.js';
import { type ChartText, liftChart, ratesChart, volumeChart } from './dashboard-charts.js';
import { type CampaignFigures, type CampaignWeek, campaignFigures, isShown } from './dashboard-figures.js';

/** The dashboard's own style: wider than the other pages, for charts and tables. */
export const DASHBOARD_STYLE = `body{max-width:64rem}
figure{margin:1rem 0 .5rem;padding:.5rem;background:#fff;color:#1f1f1f;border:1px solid #8886;border-radius:4px}
figure svg{display:block;width:100%;height:auto}figcaption{font-weight:600;margin-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.9rem}
caption{text-align:start;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #8886;padding:.3rem .5rem;text-align:end;vertical-align:top}
th[scope=row],thead th:first-child,td.text{text-align:start}td.suppressed{text-align:start;font-style:italic}
section.campaign{border-top:2px solid #8888;margin-top:2rem}details{margin:.5rem 0 1.5rem}summary{cursor:pointer}
`;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** The words and number formats of the page in `locale`. */
function pageWords(t: Translate, locale: Locale) {
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimals = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const week = (iso: string, key: 'weekShort' | 'weekLong') => {
    const [, year = '', number = ''] = ISO_WEEK.exec(iso) ?? [];
    return t(`dashboard.${key}`, { week: String(Number(number)), year });
  };
  const chart: ChartText = {
    weekLabel: (w) => week(w, 'weekShort'),
    impressions: t('dashboard.columns.impressions'),
    accepted: t('dashboard.columns.accepted'),
    converted: t('dashboard.columns.converted'),
    acceptanceRate: t('dashboard.columns.acceptanceRate'),
    conversionRate: t('dashboard.columns.conversionRate'),
    lift: t('dashboard.columns.lift'),
    interval: t('dashboard.columns.interval'),
    number: (n) => numbers.format(n),
    percent: (share) => percents.format(share),
    points: (difference) => t('dashboard.points', { value: decimals.format(difference * 100) }),
  };
  return { chart, weekLong: (w: string) => week(w, 'weekLong') };
}

type Words = ReturnType<typeof pageWords>;

const cell = (text: string, className?: string) =>
  `<td${className ? ` class="${className}"` : ''}>${h(text)}</td>`;
const head = (t: Translate, keys: string[]) =>
  `<thead><tr>${keys.map((k) => `<th scope="col">${h(t(`dashboard.columns.${k}`))}</th>`).join('')}</tr></thead>`;

/** A chart as a figure named by its caption, then its table (same caption, same figures). */
function chartWithTable(id: string, caption: string, svg: string | undefined, table: string): string {
  const figure =
    svg === undefined
      ? ''
      : `<figure>
<figcaption id="${id}">${h(caption)}</figcaption>
${svg}
</figure>
`;
  return `${figure}<table>
<caption>${h(caption)}</caption>
${table}
</table>`;
}

/** The rows of a week table: the week as the row's header, then `cells` or why there are none. */
function weekRows(
  t: Translate,
  words: Words,
  weeks: readonly CampaignWeek[],
  columns: number,
  cells: (week: CampaignWeek) => string | undefined,
): string {
  const min = MIN_HOUSEHOLDS_PER_CELL;
  return `<tbody>${weeks
    .map((w) => {
      const shown =
        w.shownCells === 0
          ? `<td class="suppressed" colspan="${columns}">${h(t('dashboard.weekSuppressed', { min }))}</td>`
          : cells(w);
      return `<tr><th scope="row">${h(words.weekLong(w.week))}</th>${shown}</tr>`;
    })
    .join('\n')}</tbody>`;
}

/** One campaign: its three charts with their tables, and every cell of it. */
function campaignSection(t: Translate, words: Words, figures: CampaignFigures, n: number): string {
  const { chart } = words;
  const campaign = figures.campaignId;
  const min = MIN_HOUSEHOLDS_PER_CELL;
  const caption = (key: string) => t(`dashboard.charts.${key}`, { campaign });
  const rate = (part: number, whole: number) => (whole > 0 ? chart.percent(part / whole) : '–');

  const volume = chartWithTable(
    `chart-${n}-volume`,
    caption('volume'),
    volumeChart(figures.weeks, chart, `chart-${n}-volume`),
    head(t, ['week', 'impressions', 'accepted', 'converted', 'suppressedCells']) +
      weekRows(t, words, figures.weeks, 4, (w) =>
        [w.impressions, w.accepted, w.converted, w.suppressedCells]
          .map((v) => cell(chart.number(v)))
          .join(''),
      ),
  );
  const rates = chartWithTable(
    `chart-${n}-rates`,
    caption('rates'),
    ratesChart(figures.weeks, chart, `chart-${n}-rates`),
    head(t, ['week', 'acceptanceRate', 'conversionRate']) +
      weekRows(
        t,
        words,
        figures.weeks,
        2,
        (w) => cell(rate(w.accepted, w.impressions)) + cell(rate(w.converted, w.impressions)),
      ),
  );
  // No week with a lift: an empty chart says nothing its table does not say better.
  const anyLift = figures.weeks.some((w) => w.lift);
  const lift = chartWithTable(
    `chart-${n}-lift`,
    caption('lift'),
    anyLift ? liftChart(figures.weeks, chart, `chart-${n}-lift`) : undefined,
    head(t, ['week', 'lift', 'interval', 'treatedRate', 'controlRate']) +
      weekRows(t, words, figures.weeks, 4, (w) =>
        w.lift
          ? cell(chart.points(w.lift.difference)) +
            cell(
              t('dashboard.interval', { low: chart.points(w.lift.low), high: chart.points(w.lift.high) }),
            ) +
            cell(chart.percent(w.lift.treatedRate)) +
            cell(chart.percent(w.lift.controlRate))
          : `<td class="suppressed" colspan="4">${h(t('dashboard.noLift'))}</td>`,
      ),
  );
  const rows = figures.cells
    .map((c) => {
      const key = `<th scope="row">${h(words.weekLong(c.week))}</th>${cell(t(`dashboard.channels.${c.channel}`), 'text')}${cell(localeName(c.locale), 'text')}`;
      if (!isShown(c))
        return `<tr>${key}<td class="suppressed" colspan="5">${h(t('dashboard.suppressed', { min }))}</td></tr>`;
      const liftText = c.lift ? chart.points(c.lift.difference) : '–';
      return `<tr>${key}${[c.households, c.impressions, c.accepted, c.converted].map((v) => cell(chart.number(v))).join('')}${cell(liftText)}</tr>`;
    })
    .join('\n');
  const cells = `<details>
<summary>${h(t('dashboard.cellsSummary', { campaign }))}</summary>
<table>
<caption>${h(caption('cells'))}</caption>
${head(t, ['week', 'channel', 'language', 'households', 'impressions', 'accepted', 'converted', 'lift'])}
<tbody>${rows}</tbody>
</table>
</details>`;
  return `<section class="campaign" aria-labelledby="campaign-${n}">
<h2 id="campaign-${n}">${h(t('dashboard.campaign', { campaign }))}</h2>
${volume}
${rates}
${lift}
${cells}
</section>`;
}

/** The whole dashboard page of `brandName`'s report, in `locale`. */
export function dashboardPageHtml({
  t,
  locale,
  brandName,
  report,
}: {
  t: Translate;
  locale: Locale;
  brandName: string;
  report: TouchpointReport;
}): string {
  const words = pageWords(t, locale);
  const campaigns = campaignFigures(report);
  const intro = `<p>${h(t('dashboard.intro', { brand: brandName }))}</p>
<p>${h(t('dashboard.privacy', { brand: brandName, min: MIN_HOUSEHOLDS_PER_CELL }))}</p>
<p><a href="/account">${h(t('dashboard.account'))}</a></p>`;
  const body =
    campaigns.length === 0
      ? `<p>${h(t('dashboard.empty'))}</p>`
      : `<p>${h(t('dashboard.sums'))}</p>\n${campaigns.map((c, i) => campaignSection(t, words, c, i + 1)).join('\n')}`;
  return renderPage({
    locale,
    title: t('dashboard.title'),
    main: `${intro}\n${body}`,
    style: DASHBOARD_STYLE,
  });
}
