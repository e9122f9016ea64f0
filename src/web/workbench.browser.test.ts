// The workbench in real headless Chromium (Debian's /usr/bin/chromium through playwright-core;
// never a downloaded browser), against a real server on a loopback port with the demo corpus in
// a fresh SQLite file. Screenshots go to test-output/ for a person to look at.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { articleHash } from '../corpus/hash.js';
import { extractRecord, type Extractor } from '../extract.js';
import type { InputRecord } from '../ingest/record.js';
import { loadResources } from '../resources.js';
import { createApp } from '../server/app.js';
import { ingestDemo, readDemoCorpus } from '../server/demo.js';
import { listen, type Running } from '../server/listen.js';
import { accessPolicy } from '../server/security.js';
import { defaultWebRoot } from '../server/static.js';
import { defaultPipeline } from '../stages.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';

const CHROMIUM = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`browser tests need ${CHROMIUM} (apt-get install chromium)`);
if (!haveChromium) process.stderr.write(`skipping browser tests: no browser at ${CHROMIUM} (apt-get install chromium)\n`);

const OUT = join(process.cwd(), 'test-output');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
let store: Store;
let server: Running;
let browser: Browser;
let base: string;

interface ApiCluster {
  id: string;
  lat: number | null;
  lon: number | null;
  dateStart: string | null;
  country: string | null;
}

async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(base + path.replace(/^\//, ''));
  return (await res.json()) as T;
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // Offline: any request that leaves this server fails the test.
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (errors.push(`external request ${route.request().url()}`), route.abort())));
  return { page, errors };
}

async function openOverview(page: Page): Promise<void> {
  await page.goto(base);
  await page.waitForSelector('#event-table tbody tr');
  await page.waitForSelector('.map-svg .country');
}

describe.skipIf(!haveChromium)('workbench in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    store = await openSqliteStore(join(dir, 'web.db'));
    const ex: Extractor = { pipeline: defaultPipeline(), resources: await loadResources() };
    const extract = (r: InputRecord) => extractRecord(ex, r);
    const rep = await ingestDemo(store, extract, { hash: articleHash });
    expect(rep.failed).toEqual([]);
    server = await listen(createApp({ store, extract, policy: accessPolicy('127.0.0.1', null), webRoot: defaultWebRoot() }), '127.0.0.1', 0);
    base = server.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with the demo corpus: stats, table, map and timeline show the events the API has', async () => {
    const { page, errors } = await newPage();
    await openOverview(page);
    const { events, total } = await apiJson<{ events: ApiCluster[]; total: number }>('/api/events?limit=5000');
    expect(total).toBeGreaterThan(0);
    const stats = await page.textContent('#stats');
    expect(stats).toContain(`${readDemoCorpus().length} articles`);
    expect(await page.locator('#event-table tbody tr').count()).toBe(Math.min(total, 500));
    // Natural Earth outlines drawn locally.
    expect(await page.locator('.map-svg path.country').count()).toBeGreaterThan(200);
    const located = events.filter((e) => e.lat !== null && e.lon !== null).length;
    expect(await page.locator('.map-svg circle.point').count()).toBe(located);
    const dated = events.filter((e) => e.dateStart).length;
    const barTotal = await page.$$eval('.timeline-svg rect.bar', (rs) => rs.reduce((n, r) => n + Number((r as SVGRectElement).dataset.count), 0));
    // Every dated event is a bar, except a small tail of background history the chart leaves off (and says so).
    const before = Number(await page.getAttribute('#timeline', 'data-before'));
    expect(barTotal + before).toBe(dated);
    expect(before).toBeLessThanOrEqual(Math.floor(dated * 0.1));
    if (dated > 0) expect(barTotal).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'workbench-overview.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selecting an event shows its reports with the sentence behind it', async () => {
    const { page, errors } = await newPage();
    await openOverview(page);
    await page.locator('#event-table tbody tr').first().click();
    await page.waitForSelector('#event-detail .report');
    const quote = await page.locator('#event-detail .report blockquote').first().textContent();
    expect(quote && quote.length).toBeGreaterThan(10);
    await page.locator('#event-detail a.article-link').first().click();
    await page.waitForSelector('#article-view');
    expect(await page.textContent('#article-view')).toContain(quote!);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filtering narrows the table (by source, and by country)', async () => {
    const { page, errors } = await newPage();
    await openOverview(page);
    const before = await page.locator('#event-table tbody tr').count();
    const sources = await page.$$eval('select[name=source] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(sources.length).toBeGreaterThan(1);
    await page.selectOption('select[name=source]', sources[0]!);
    await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr').length < n, before);
    const cells = await page.$$eval('#event-table tbody td.sources', (tds) => tds.map((td) => td.textContent ?? ''));
    for (const c of cells) expect(c).toContain(sources[0]!);
    await page.click('text=Reset');
    await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr').length === n, before);

    const countries = await page.$$eval('select[name=country] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    // the demo corpus names places in several countries: the filter must offer them
    expect(countries.length).toBeGreaterThan(1);
    const c = countries[0]!;
    const expected = (await apiJson<{ total: number }>(`/api/events?country=${c}`)).total;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(before);
    await page.selectOption('select[name=country]', c);
    await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr').length === n, Math.min(expected, 500));
    const rowCountries = await page.$$eval('#event-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.country));
    for (const rc of rowCountries) expect(rc).toBe(c);
    await page.screenshot({ path: join(OUT, 'workbench-country-filter.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the seed article: text with highlights, the evidence of its events, the report card', async () => {
    const { page, errors } = await newPage();
    await page.goto(base + '#/articles');
    await page.click('text=New conflict in Nagorno-Karabakh');
    await page.waitForSelector('#article-view');
    await page.waitForSelector('#report-card .check');
    expect(await page.locator('#report-card .check').count()).toBeGreaterThanOrEqual(3);
    const body = await page.textContent('.article-body');
    expect(body).toContain('The clash between the troops of both countries continued overnight on Monday (September 12).');
    const cards = page.locator('.event-card');
    expect(await cards.count()).toBeGreaterThan(0);
    // The seed's shelling is claimed by each side: a claimed event's evidence is highlighted.
    const claimed = page.locator('.event-card.status-claimed');
    expect(await claimed.count()).toBeGreaterThanOrEqual(2);
    const card = claimed.first();
    const id = await card.getAttribute('data-event');
    await card.hover();
    const focused = page.locator('.article-body .focus');
    expect(await focused.count()).toBeGreaterThan(0);
    const ids = await focused.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.events ?? ''));
    for (const x of ids) expect(x.split(' ')).toContain(id);
    // The evidence highlighted is the event's own evidence in the stored result.
    const art = await apiJson<{ text: string; annotations: { events: { id: string; evidence: { start: number; end: number }[] }[] } }>(`/api/articles/${/#\/article\/([0-9a-f]+)/.exec(page.url())![1]}`);
    const ev = art.annotations.events.find((e) => e.id === id)!;
    const sentence = art.text.slice(ev.evidence[0]!.start, ev.evidence[0]!.end);
    const focusedText = (await focused.allTextContents()).join('');
    expect(sentence.startsWith(focusedText.slice(0, Math.min(20, focusedText.length)))).toBe(true);
    await page.screenshot({ path: join(OUT, 'workbench-seed-article.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a pasted article runs the pipeline, is shown, and joins the corpus', async () => {
    const { page, errors } = await newPage();
    await page.goto(base + '#/paste');
    await page.fill('input[name=title]', 'Clashes reported near Kidal');
    await page.fill('input[name=source]', 'Test Desk');
    await page.fill('input[name=published]', '2024-05-02');
    await page.fill(
      'textarea[name=text]',
      'KIDAL, Mali, May 2 (Test Desk) - Gunmen attacked an army post near Kidal on Wednesday, killing four soldiers, a military source said.\n\nThe army said it had repelled the attack.',
    );
    await page.click('button[type=submit]');
    await page.waitForSelector('#article-view');
    expect(await page.textContent('.article-head h1')).toBe('Clashes reported near Kidal');
    expect(await page.textContent('.article-body')).toContain('killing four soldiers');
    const list = await apiJson<{ articles: { title: string | null; source: string | null }[] }>('/api/articles?limit=500');
    expect(list.articles.some((a) => a.title === 'Clashes reported near Kidal' && a.source === 'Test Desk')).toBe(true);
    await page.screenshot({ path: join(OUT, 'workbench-pasted.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders hostile article text as inert text: no script runs', async () => {
    const { page, errors } = await newPage();
    const hostile = [
      'GOMA, March 3 (Test Desk) - Rebels shelled the town. <script>window.__pwned = "script"; alert(1)</script>',
      'Witnesses said <img src=x onerror="window.__pwned = \'img\'; alert(2)"> two people were killed.',
      'Read <a href="javascript:window.__pwned=\'link\'">the statement</a> here. <svg onload="window.__pwned=\'svg\'"></svg>',
    ].join('\n\n');
    await page.goto(base + '#/paste');
    await page.fill('input[name=title]', '<img src=x onerror="window.__pwned=\'title\'">Hostile');
    await page.fill('textarea[name=text]', hostile);
    await page.click('button[type=submit]');
    await page.waitForSelector('#article-view');
    await page.waitForTimeout(300);
    const view = page.locator('#article-view');
    expect(await view.textContent()).toContain('<script>window.__pwned = "script"; alert(1)</script>');
    expect(await view.textContent()).toContain('<img src=x onerror=');
    expect(await view.textContent()).toContain('<a href="javascript:');
    expect(await page.locator('#article-view script, #article-view img, #article-view a[href^="javascript"], #article-view svg[onload], #article-view [onerror]').count()).toBe(0);
    // Clicking the text of the would-be link does nothing either.
    await page.locator('.article-body', { hasText: 'the statement' }).first().click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.screenshot({ path: join(OUT, 'workbench-hostile.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
