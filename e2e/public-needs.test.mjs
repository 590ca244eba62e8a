// The public pages about needs in a real browser: the open needs on the home page (search,
// filters, sort, paging state in the URL), a need's page with its terms and live countdown, a
// selected need's draw verified in the browser, and the results page — each checked row for row
// against the API's own answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { artifacts, launchBrowser, screenshot } from './browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path) => {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
};
const codes = (page) => page.items.map((p) => p.code);

async function listedCodes(page) {
  await page.getByTestId('needs-list').waitFor();
  return page.locator('[data-testid="need-row"] .need-code').allInnerTexts();
}

/// Waits until the rows shown are `expected` (the list re-renders after a filter change).
async function expectRows(page, expected, what) {
  let shown;
  for (let i = 0; i < 50; i++) {
    shown = await listedCodes(page);
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(shown, expected, what);
}

test('home says what the site is and how it works, with the latest results, a guide and the contacts', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.baseUrl}/`);
  const welcome = page.getByTestId('welcome');
  await welcome.waitFor();
  assert.equal(await page.locator('main h1').count(), 1);
  assert.equal(await welcome.getByTestId('how-it-works').locator('li').count(), 5);
  assert.match(await welcome.getByTestId('how-it-works').innerText(), /发布需求[\s\S]*密封报价[\s\S]*竞争选取[\s\S]*签订合同[\s\S]*确认与评价/);
  const latest = (await api('/projects?state=selected&limit=3')).items;
  const shown = welcome.getByTestId('latest-results').locator('li');
  await shown.first().waitFor();
  assert.deepEqual(await shown.locator('a').first().allInnerTexts(), [latest[0].title]);
  assert.deepEqual(await shown.allInnerTexts(), latest.map((p) => `${p.title} — ${p.winner_name}`));
  // The contacts are the deployment's, from the page it serves.
  const contacts = await welcome.getByTestId('contacts').innerText();
  assert.match(contacts, /咨询电话\s*12345/);
  assert.match(contacts, /投诉举报/);
  assert.deepEqual(
    await welcome.getByTestId('guide').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['/catalogue', '/register', '/statistics', '/api/v1/docs'],
  );
  // The list of open needs follows.
  await page.getByTestId('needs-list').waitFor();
  await page.getByTestId('lang-switch').click();
  await welcome.getByText('How it works').waitFor();
  assert.match(await welcome.getByTestId('contacts').innerText(), /Help line/);
  await screenshot(page, 'home-welcome');
  assert.deepEqual(errors, []);
  await context.close();
});

test('home lists the open needs soonest close first, and searches, filters and sorts them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const open = await api('/projects?sort=closing');
  assert.ok(open.items.length >= 3, 'the demo data has open needs');
  const listRequests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    // (The welcome's latest results are a request of their own.)
    if (url.pathname === '/api/v1/projects' && !url.search.includes('state=selected')) {
      listRequests.push(url.pathname + url.search);
    }
  });
  await page.goto(`${server.baseUrl}/`);
  await expectRows(page, codes(open), 'the default list is the open needs, soonest close first');
  // The boot script asked for this list while the app loaded, and the app took that answer
  // rather than asking again.
  assert.deepEqual(listRequests, ['/api/v1/projects?state=published&sort=closing&limit=20']);
  const first = page.getByTestId('need-row').first();
  const firstText = await first.innerText();
  assert.match(firstText, new RegExp(open.items[0].title));
  assert.match(firstText, /报名中/);
  assert.match(firstText, /剩余 \d+ (天 \d+ 小时|小时 \d+ 分)/);
  assert.match(firstText, /最高限价 ¥[\d,]+\.\d\d/);
  await screenshot(page, 'needs-home');

  // Newest first.
  await page.getByLabel('排序').selectOption('newest');
  await page.getByTestId('needs-apply').click();
  await page.waitForURL(/sort=newest/);
  const newest = await api('/projects?state=published&sort=newest');
  await expectRows(page, codes(newest), 'newest first');
  assert.notDeepEqual(codes(newest), codes(open), 'the two orders differ in the demo data');

  // A service item, with the newest order kept.
  const item = open.items[0].item;
  await page.getByLabel('服务事项').selectOption(item);
  await page.getByTestId('needs-apply').click();
  await page.waitForURL(new RegExp(`item=${item}`));
  const byItem = await api(`/projects?state=published&sort=newest&item=${item}`);
  await expectRows(page, codes(byItem), `item ${item}`);

  // Back to the defaults, then a text search.
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.waitForURL(`${server.baseUrl}/`);
  await expectRows(page, codes(open), 'cleared filters');
  const word = [...open.items[1].title].slice(0, 4).join('');
  await page.getByLabel('关键词（标题或编号）').fill(word);
  await page.getByTestId('needs-apply').click();
  await page.waitForURL(/q=/);
  const found = await api(`/projects?sort=closing&q=${encodeURIComponent(word)}`);
  assert.ok(found.items.length >= 1);
  await expectRows(page, codes(found), `search ${word}`);

  // Public funds only.
  await page.getByLabel('关键词（标题或编号）').fill('');
  await page.getByLabel('资金来源').selectOption('department');
  await page.getByTestId('needs-apply').click();
  await page.waitForURL(/funding=department/);
  const funded = await api('/projects?sort=closing&funding=department');
  await expectRows(page, codes(funded), 'department-funded');

  // The back button brings the search back, with its form.
  await page.goBack();
  await page.waitForURL(/q=/);
  await expectRows(page, codes(found), 'back to the search');
  assert.equal(await page.getByLabel('关键词（标题或编号）').inputValue(), word);

  // A state other than open, and paging through it.
  await page.goto(`${server.baseUrl}/?state=selected&limit=1`);
  const selected1 = await api('/projects?state=selected&sort=newest&limit=1');
  await expectRows(page, codes(selected1), 'selected, page 1');
  await page.getByRole('button', { name: '下一页' }).click();
  const selected2 = await api(`/projects?state=selected&sort=newest&limit=1&cursor=${encodeURIComponent(selected1.next)}`);
  await expectRows(page, codes(selected2), 'selected, page 2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a need page shows the terms and a live countdown; a selected need verifies its draw', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const open = await api('/projects?sort=closing');
  const need = open.items[0];
  const full = (await api(`/projects/${need.id}`)).project;
  await page.goto(`${server.baseUrl}/`);
  await page.getByTestId('need-row').first().getByRole('link').click();
  await page.waitForURL(`${server.baseUrl}/projects/${need.id}`);
  await page.getByRole('heading', { name: need.title }).waitFor();
  const terms = await page.getByTestId('terms').innerText();
  assert.match(terms, new RegExp(full.terms.item));
  assert.ok(terms.includes(full.terms.description), 'the description is shown');
  assert.ok(full.buyer_name, 'the demo need names its buyer');
  const role = full.terms.funding.funding === 'department' ? '审批部门' : '项目业主';
  assert.equal(await page.locator('.need-head').getByTestId('buyer').innerText(), `${role}：${full.buyer_name}`);
  const cap = (full.terms.budget_cap / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(terms.includes(`¥${cap}`), `the budget cap ¥${cap}`);
  const countdown = page.getByTestId('countdown');
  const before = await countdown.innerText();
  assert.match(before, /^剩余 \d+ 天 \d+ 小时 \d+ 分 \d+ 秒$/);
  await page.waitForTimeout(1500);
  assert.notEqual(await countdown.innerText(), before, 'the countdown ticks');
  await page.getByTestId('timeline').locator('li').first().waitFor();
  assert.match(await page.getByTestId('timeline').innerText(), /创建需求草稿/);
  assert.match(await page.getByTestId('timeline').innerText(), /发布需求，报名截止/);
  await page.getByTestId('questions').waitFor();
  // A visitor is told how to take part, right under the title.
  const takePart = page.getByTestId('take-part');
  assert.match(await takePart.innerText(), /服务机构登录后即可查看是否符合报价条件并报价/);
  assert.deepEqual(await takePart.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['/sign-in', '/register']);
  await screenshot(page, 'needs-need-page');

  // A selected need: the draw recomputed here matches.
  const selected = (await api('/projects?state=selected')).items[0];
  await page.goto(`${server.baseUrl}/projects/${selected.id}`);
  await page.getByTestId('selection').waitFor();
  assert.equal(await page.getByTestId('take-part').count(), 0, 'a closed need invites nobody');
  // It names the buyer, the winner, and the firm behind every quote.
  assert.ok(selected.winner_name && selected.buyer_name, 'the listing names the winner and the buyer');
  assert.equal(await page.getByTestId('selection').getByTestId('winner').innerText(), selected.winner_name);
  assert.match(await page.locator('.need-head').getByTestId('buyer').innerText(), new RegExp(`${selected.buyer_name}$`));
  const quotes = (await api(`/projects/${selected.id}/quotes`)).quotes;
  const firms = await page.getByTestId('quotes').locator('tbody tr td:first-child a').allInnerTexts();
  assert.deepEqual(firms, quotes.map((q) => q.provider_name));
  // The draw's table numbers the eligible quotes as the evidence counts them, the winner marked.
  const record = (await api(`/projects/${selected.id}/selection`)).selection;
  const drawRows = page.getByTestId('draw-table').getByTestId('draw-row');
  assert.equal(await drawRows.count(), record.quotes.length);
  const numbers = await drawRows.locator('td:first-child').allInnerTexts();
  assert.deepEqual(numbers, record.quotes.map((_, i) => String(i + 1)));
  assert.match(await page.getByTestId('draw-table').locator('tr.winner').innerText(), new RegExp(selected.winner_name));
  await page.getByTestId('verify-draw').click();
  const result = page.getByTestId('verify-result');
  await result.waitFor();
  assert.match(await result.getAttribute('class'), /\bverified\b/);
  assert.match(await result.innerText(), /验证通过：在您的浏览器中重新计算的结果与公布的结果一致/);
  assert.ok((await result.innerText()).includes(`中选机构：${selected.winner_name}`), 'the verdict names the winner');
  await screenshot(page, 'needs-verified-draw');

  // Printed, the selection result is a notice: the record and its draw, none of the controls.
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['nav.site-nav', '[data-testid="lang-switch"]', '[data-testid="verify-draw"]', '[data-testid="timeline"]']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  for (const shown of ['main h1', '[data-testid="selection"]', '[data-testid="draw-table"]', '[data-testid="terms"]']) {
    assert.ok(await page.locator(shown).first().isVisible(), `${shown} is printed`);
  }
  const pdf = await page.pdf({ format: 'A4', path: `${artifacts}/needs-selection-notice.pdf` });
  assert.ok(pdf.length > 10_000, 'the notice prints');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('results list the selected needs, and home has no horizontal overflow at 360 px', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/results`);
  const section = page.getByTestId('results-selected');
  await section.getByTestId('result-row').first().waitFor();
  const selected = await api('/projects?state=selected');
  const shown = await section.locator('[data-testid="result-row"] td:first-child').allInnerTexts();
  assert.deepEqual(shown, codes(selected));
  // Every result names its buyer and its winner, as the record does.
  const column = (id) => section.locator(`[data-testid="${id}"]`).allInnerTexts();
  assert.deepEqual(await column('result-winner'), selected.items.map((p) => p.winner_name));
  assert.deepEqual(await column('result-buyer'), selected.items.map((p) => p.buyer_name));
  assert.ok(selected.items.every((p) => p.winner_name && p.buyer_name), 'the demo results name their parties');
  const rated = await api('/projects?state=rated');
  const ratedRows = page.getByTestId('results-rated').getByTestId('result-row');
  await ratedRows.first().waitFor();
  assert.equal(await ratedRows.count(), rated.items.length);
  await screenshot(page, 'needs-results');
  // One state picked.
  await page.getByLabel('状态').selectOption('rated');
  await page.getByRole('button', { name: '显示' }).click();
  await page.waitForURL(/state=rated/);
  await page.getByTestId('results-selected').waitFor({ state: 'detached' });
  await page.getByTestId('results-rated').getByTestId('result-row').first().waitFor();
  assert.equal(await page.getByTestId('results-rated').getByTestId('result-row').count(), rated.items.length);
  await context.close();

  const narrow = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const small = await narrow.newPage();
  await small.goto(`${server.baseUrl}/`);
  await small.getByTestId('need-row').first().waitFor();
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `home is ${overflow}px wider than a 360px screen`);
  await screenshot(small, 'needs-home-360');
  await narrow.close();
});
