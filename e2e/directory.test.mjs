// The public provider directory, a provider's profile and credit record, the statistics charts
// and the random inspections, each checked against what the API answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

const json = { 'content-type': 'application/json' };
let server;
let browser;

const api = async (path, init = {}) => {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, init);
  assert.ok(response.ok, `${path} answered ${response.status}`);
  return response.json();
};

// Every provider of the directory, following the pages as the page does (20 each).
async function directory(item) {
  const all = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '20' });
    if (item) query.set('item', item);
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/providers?${query}`);
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

const signed = (n) => (n > 0 ? `+${n}` : `${n}`);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

test('the directory lists the approved providers and filters them by service item', async () => {
  const providers = await directory();
  assert.ok(providers.length > 0, 'the demo has approved providers');
  const { context, page, errors } = await newPage();
  await page.goto(`${server.baseUrl}/providers`);
  const table = page.getByTestId('directory');
  await table.waitFor();
  // Walk the pages: every approved provider, in the API's order, exactly once.
  const names = [];
  for (;;) {
    names.push(...(await table.locator('tbody tr th a').allInnerTexts()));
    const next = page.getByRole('button', { name: '下一页' });
    if (await next.isDisabled()) break;
    const first = await table.locator('tbody tr th a').first().innerText();
    await next.click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid=directory] tbody tr th a')?.innerText !== before,
      first,
    );
  }
  assert.deepEqual(names, providers.map((p) => p.name));
  await page.goto(`${server.baseUrl}/providers`);
  await table.waitFor();
  const firstRow = table.locator('tbody tr').first();
  assert.match(await firstRow.innerText(), new RegExp(`${providers[0].credit_score}`));
  await screenshot(page, 'directory');

  // Filter by an item some but not all providers serve.
  const counts = new Map();
  for (const p of providers) for (const s of p.served_items) counts.set(s.item, (counts.get(s.item) ?? 0) + 1);
  const [item] = [...counts].find(([, n]) => n < providers.length) ?? [...counts][0];
  const filtered = await directory(item);
  assert.equal(filtered.length, counts.get(item));
  await page.selectOption('#directory-item', item);
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=directory] tbody tr').length === n,
    Math.min(filtered.length, 20),
  );
  assert.deepEqual(
    await table.locator('tbody tr th a').allInnerTexts(),
    filtered.slice(0, 20).map((p) => p.name),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a profile shows the credit record, and the score is the base plus its lines', async () => {
  const providers = await directory();
  // The provider with the most credit lines, to have something to add up.
  let chosen = null;
  for (const p of providers) {
    const credit = await api(`/providers/${p.id}/credit`);
    if (!chosen || credit.contributions.length > chosen.credit.contributions.length) chosen = { p, credit };
  }
  const { p, credit } = chosen;
  const lines = credit.contributions.reduce((sum, c) => sum + c.contribution.points, 0);
  assert.equal(credit.base_score + lines, credit.score);

  const { context, page, errors } = await newPage();
  await page.goto(`${server.baseUrl}/providers`);
  // The directory shows 20 a page: turn pages until the chosen provider is listed.
  const link = page.getByTestId('directory').getByRole('link', { name: p.name, exact: true });
  await page.getByTestId('directory').waitFor();
  while ((await link.count()) === 0) {
    const first = await page.locator('[data-testid=directory] tbody tr th a').first().innerText();
    await page.getByRole('button', { name: '下一页' }).click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid=directory] tbody tr th a')?.innerText !== before,
      first,
    );
  }
  await link.first().click();
  await page.waitForURL(`${server.baseUrl}/providers/${p.id}`);
  await page.getByTestId('provider-profile').waitFor();
  assert.equal(await page.locator('main h1').innerText(), p.name);
  assert.equal(await page.getByTestId('credit-score').innerText(), String(credit.score));
  assert.equal(
    await page.getByTestId('credit-sum').innerText(),
    `基础分 ${credit.base_score} + 各项合计 ${signed(lines)} = ${credit.score}`,
  );
  const rows = page.getByTestId('credit-line');
  assert.equal(await rows.count(), credit.contributions.length);
  for (let i = 0; i < credit.contributions.length; i++) {
    const { contribution, explanation } = credit.contributions[i];
    const text = await rows.nth(i).innerText();
    assert.ok(text.includes(explanation.zh), `line ${i} explains itself: ${text}`);
    assert.equal(await rows.nth(i).locator('.points').innerText(), signed(contribution.points));
  }
  // The served items carry the catalogue's names and the published fees.
  assert.equal(await page.getByTestId('served-item').count(), p.served_items.length);
  const view = await api(`/providers/${p.id}`);
  if (view.ratings_by_dimension) {
    const bars = page.getByTestId('ratings-chart').getByTestId('bar');
    assert.equal(await bars.count(), 5);
    assert.equal(
      Number(await bars.first().getAttribute('data-value')),
      view.ratings_by_dimension.quality / 100,
    );
  }
  await screenshot(page, 'profile');

  // In English, the lines explain themselves in English.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Credit record' }).waitFor();
  if (credit.contributions.length > 0) {
    assert.ok((await rows.first().innerText()).includes(credit.contributions[0].explanation.en));
  }
  assert.equal(
    await page.getByTestId('credit-sum').innerText(),
    `Base ${credit.base_score} + lines ${signed(lines)} = ${credit.score}`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('the statistics page draws its charts from the API figures', async () => {
  const statistics = await api('/statistics');
  const { context, page, errors } = await newPage();
  await page.goto(`${server.baseUrl}/statistics`);
  const chart = page.getByTestId('chart-needs-by-month');
  await chart.waitFor();
  assert.equal(await chart.locator('svg').getAttribute('role'), 'img');
  assert.match(await chart.locator('svg').getAttribute('aria-label'), /每月发布的需求数/);
  const bars = chart.getByTestId('bar');
  assert.equal(await bars.count(), statistics.needs_by_month.length);
  const values = await bars.evaluateAll((rects) => rects.map((r) => Number(r.dataset.value)));
  assert.deepEqual(values, statistics.needs_by_month.map((m) => m.needs));
  // The longest bar belongs to the busiest month; an empty month has no length.
  const widths = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
  const busiest = Math.max(...values);
  values.forEach((v, i) => assert.equal(widths[i] === Math.max(...widths), v === busiest));
  // The numbers are in a table too.
  await chart.locator('summary').click();
  const cells = await chart.locator('tbody td').allInnerTexts();
  assert.deepEqual(cells, statistics.needs_by_month.map((m) => String(m.needs)));
  const savings = page.getByTestId('chart-savings').getByTestId('bar');
  assert.equal(await savings.count(), 2);
  const published = statistics.counters.projects_published ?? 0;
  assert.ok((await page.getByTestId('figures').innerText()).includes(`发布的需求\n${published}`));

  // A chart's bar values and its table's rows (label, shown value), read from the page.
  const chartOf = async (testid) => {
    const figure = page.getByTestId(testid);
    await figure.locator('summary').click();
    return {
      label: await figure.locator('svg').getAttribute('aria-label'),
      values: await figure.getByTestId('bar').evaluateAll((rects) => rects.map((r) => Number(r.dataset.value))),
      rows: await figure.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]),
      ),
    };
  };
  const tenths = (x10) => `${Math.floor(x10 / 10)}.${x10 % 10}`;
  const hundredths = (x100) => `${Math.floor(x100 / 100)}.${String(x100 % 100).padStart(2, '0')}`;

  // Median days from posting to selection and to acceptance (the demo has both).
  const days = [statistics.median_days_to_selection_x10, statistics.median_days_to_acceptance_x10];
  days.forEach((d) => assert.equal(typeof d, 'number', 'the demo has selections and acceptances'));
  const durations = await chartOf('chart-durations');
  assert.match(durations.label, /日历天数中位数/);
  assert.deepEqual(durations.values, days.map((d) => d / 10));
  assert.deepEqual(durations.rows, [
    ['发布到选取', `${tenths(days[0])} 天`],
    ['发布到确认成果', `${tenths(days[1])} 天`],
  ]);

  // Needs by quotes received: 0, 1, 2, 3, 4, 5 or more.
  assert.equal(statistics.needs_by_quotes.length, 6);
  const quotes = await chartOf('chart-quotes');
  assert.deepEqual(quotes.values, statistics.needs_by_quotes);
  assert.deepEqual(
    quotes.rows,
    statistics.needs_by_quotes.map((n, i) => [i === 5 ? '5 个及以上' : String(i), String(n)]),
  );

  // Provider concentration: the top providers by selections, and their share.
  const concentration = statistics.provider_concentration;
  assert.ok(concentration.selections > 0, 'the demo has selections');
  const top = await chartOf('chart-concentration');
  assert.match(top.label, new RegExp(`共 ${concentration.selections} 次选取`));
  assert.deepEqual(top.values, concentration.top.map((p) => p.selections));
  assert.deepEqual(top.rows, concentration.top.map((p) => [p.name, String(p.selections)]));
  assert.equal(
    await page.getByTestId('top-share').innerText(),
    `前 5 家中介机构中选占比\n${hundredths(concentration.top_basis_points)}%`,
  );

  // Satisfaction: the mean score of each dimension.
  const satisfaction = statistics.satisfaction;
  assert.ok(satisfaction?.evaluations > 0, 'the demo has evaluations');
  const ratings = await chartOf('ratings-chart');
  const dimensions = ['quality', 'timeliness', 'attitude', 'fee_reasonableness', 'compliance'];
  assert.deepEqual(ratings.values, dimensions.map((d) => satisfaction[d] / 100));
  assert.deepEqual(ratings.rows.map(([, shown]) => shown), dimensions.map((d) => hundredths(satisfaction[d])));

  await screenshot(page, 'statistics');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an inspection drawn by the supervisor is listed and verifies in the browser', async () => {
  const tokens = await api('/sessions', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'supervisor1@demo.example', password: 'zhongjie-demo-2026' }),
  });
  const drawn = await api('/inspections', {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${tokens.access_token}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ label: '2026年第一季度双随机抽查', providers: 2 }),
  });
  assert.equal(drawn.record.draw.providers.length, 2);
  const names = new Map((await directory()).map((p) => [p.id, p.name]));

  const { context, page, errors } = await newPage();
  await page.goto(`${server.baseUrl}/inspections`);
  const row = page.getByTestId('inspection-row').filter({ hasText: '2026年第一季度双随机抽查' });
  await row.waitFor();
  assert.deepEqual(
    await row.locator('li').allInnerTexts(),
    drawn.record.draw.providers.map((id) => names.get(id) ?? id),
  );
  await screenshot(page, 'inspections');
  await row.getByRole('link', { name: '2026年第一季度双随机抽查' }).click();
  await page.waitForURL(`${server.baseUrl}/inspections/${drawn.id}`);
  await page.getByTestId('inspection').waitFor();
  assert.deepEqual(
    await page.getByTestId('drawn-providers').locator('li').allInnerTexts(),
    drawn.record.draw.providers.map((id) => names.get(id) ?? id),
  );
  await page.getByTestId('verify').focus();
  await page.keyboard.press('Enter');
  const result = page.getByTestId('verify-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-verified'), 'true');
  assert.equal(await result.innerText(), '核验通过：重新计算的结果与记录完全一致。');
  await screenshot(page, 'inspection-verified');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the directory, a profile and the statistics read at 360 px wide', async () => {
  const [first] = await directory();
  const { context, page, errors } = await newPage(360);
  for (const [path, testid] of [
    ['/providers', 'directory'],
    [`/providers/${first.id}`, 'credit-record'],
    ['/statistics', 'chart-needs-by-month'],
  ]) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByTestId(testid).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 360px screen`);
  }
  await screenshot(page, 'statistics-360');
  assert.deepEqual(errors, []);
  await context.close();
});
