// The service catalogue in a real browser: Chinese first, English on request, remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

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

test('the catalogue page lists the service items in Chinese, switches to English and remembers it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${server.baseUrl}/catalogue`);
  const table = page.getByTestId('catalogue');
  await table.waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator('main h1').innerText(), /中介服务事项清单/);
  const rows = table.locator('tbody tr');
  assert.ok((await rows.count()) >= 20, 'at least 20 catalogue items');
  assert.match(await table.innerText(), /环境影响评价报告编制/);
  assert.match(await table.innerText(), /40 个工作日/);
  await screenshot(page, 'catalogue-zh');

  // Switch with the keyboard, as a keyboard user would.
  const toggle = page.getByTestId('lang-switch');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Service catalogue' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await table.innerText(), /Environmental impact report preparation/);
  assert.match(await table.innerText(), /40 working days/);
  assert.doesNotMatch(await table.innerText(), /环境影响评价报告编制/);
  await screenshot(page, 'catalogue-en');

  // A reload keeps English.
  await page.reload();
  await page.getByTestId('catalogue').waitFor();
  assert.match(await page.locator('main h1').innerText(), /Service catalogue/);

  // And back to Chinese.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: '中介服务事项清单' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the catalogue reads at 360 px wide and an unknown page says so', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/no/such/page`);
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.waitForURL(`${server.baseUrl}/`);
  await page.goto(`${server.baseUrl}/catalogue`);
  await page.getByTestId('catalogue').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
  await screenshot(page, 'catalogue-360');
  await context.close();
});
