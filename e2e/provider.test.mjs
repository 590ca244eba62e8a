// Providers in a real browser: registering (refused field by field, then accepted and pending),
// the needs a provider may quote for and why not, and a sealed quote submitted, replaced and
// withdrawn on a need's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { DEMO_PASSWORD, confirmAct, signIn as signInThroughForm } from './session.mjs';

const PASSWORD = DEMO_PASSWORD;
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

async function api(path, { token, body, method } = {}) {
  const headers = { 'Accept-Language': 'zh-CN' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function token(email, password = PASSWORD) {
  const { status, body } = await api('/sessions', { body: { email, password } });
  assert.equal(status, 200, `${email} signs in`);
  return body.access_token;
}

/// A unified social credit code with the right check digit (GB 32100-2015).
function creditCode(first17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

async function newPage(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function signIn(page, email, password = PASSWORD) {
  await signInThroughForm(page, server.baseUrl, email, password);
  await page.waitForURL(`${server.baseUrl}/provider/needs`);
}

/// A published need of the department that signs in as `email`.
async function openNeedOf(email) {
  const { body } = await api('/me/projects?limit=100', { token: await token(email) });
  const open = body.items.find((p) => p.state === 'published');
  assert.ok(open, `${email} has an open need`);
  return open;
}

test('a provider registers: bad fields are refused where they are, then it is registered and pending', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${server.baseUrl}/register`);
  const form = page.getByTestId('register-form');
  await form.waitFor();
  await page.getByLabel('中介机构', { exact: true }).check();
  await page.locator('#register-served-0-item').waitFor();

  const email = 'new-provider@example.com';
  await page.locator('#register-name').fill('丽水测试测绘有限公司');
  await page.locator('#register-credit-code').fill('91330100799655058C');
  await page.locator('#register-credit-code').press('Tab');
  // Checked when left: the check digit is wrong.
  assert.match(await page.locator('#register-credit-code-errors').innerText(), /统一社会信用代码校验位（第 18 位）应为“B”，现为“C”，请检查是否输错/);
  await page.locator('#register-contact-email').fill('office@example.com');
  await page.locator('#register-contact-phone').fill('0578-2123456');
  await page.locator('#register-email').fill(email);
  await page.locator('#register-password').fill('short');
  await page.getByTestId('register-submit').click();
  // On submit every bad field at once: the served item's fields too, and the password.
  assert.match(await page.locator('#register-password-errors').innerText(), /密码至少 10 个字符，现有 5 个/);
  await page.locator('#register-served-0-item-errors').waitFor();
  await page.locator('#register-served-0-fee-errors').waitFor();
  await page.locator('#register-served-0-days-errors').waitFor();
  assert.equal(await page.getByTestId('register-done').count(), 0);
  // Nothing was stored: the account cannot sign in.
  assert.equal((await api('/sessions', { body: { email, password: 'short' } })).status, 401);
  await screenshot(page, 'register-errors');

  // Now right: the input was kept, only the bad fields change.
  assert.equal(await page.locator('#register-name').inputValue(), '丽水测试测绘有限公司');
  await page.locator('#register-credit-code').fill(creditCode('91331100MA2A0B0C1'));
  assert.equal(await page.locator('#register-credit-code-errors').count(), 0);
  await page.locator('#register-served-0-item').selectOption('HP-001');
  await page.locator('#register-served-0-fee').fill('12,000.00');
  await page.locator('#register-served-0-days').fill('20');
  await page.getByRole('button', { name: '添加资质' }).click();
  await page.locator('#register-qualification-0-type').selectOption('EIA_ENGINEER');
  await page.locator('#register-qualification-0-level').fill('甲级');
  await page.locator('#register-qualification-0-number').fill('EIA-2026/077');
  await page.locator('#register-qualification-0-issuer').fill('浙江省生态环境厅');
  await page.locator('#register-qualification-0-from').fill('2025-03-01');
  await page.locator('#register-qualification-0-until').fill('2030-02-28');
  await page.locator('#register-password').fill('lishui survey 2026');
  await page.getByTestId('register-submit').click();
  const done = page.getByTestId('register-done');
  await done.waitFor();
  assert.equal(
    await done.locator('p').innerText(),
    '单位和账号已创建，正在等待监管部门审核；审核通过前不能报价。',
  );
  await page.getByRole('link', { name: '去登录' }).waitFor();
  await screenshot(page, 'register-done');

  // Pending: it may not quote, and the need page offers no quote form.
  const need = await openNeedOf('hz-sthjj@demo.example');
  await signIn(page, email, 'lishui survey 2026');
  await page.goto(`${server.baseUrl}/projects/${need.id}`);
  const reasons = page.getByTestId('eligibility').getByTestId('ineligibility-reasons');
  await reasons.waitFor();
  assert.match(await reasons.innerText(), /中介机构尚未通过审核/);
  assert.equal(await page.getByTestId('quote-form').count(), 0);
  // Its list of needs says so once, above the list, not on every need.
  await page.goto(`${server.baseUrl}/provider/needs`);
  await page.getByTestId('needs-for-me').waitFor();
  assert.match(await page.getByTestId('quote-on-none').innerText(), /本机构目前不能对任何需求报价：\s*中介机构尚未通过审核/);
  assert.equal(await page.getByTestId('ineligibility-reasons').count(), 0);
  assert.equal(await page.getByTestId('only-eligible').count(), 0);
  await page.goto(`${server.baseUrl}/provider/profile`);
  assert.equal(
    await page.getByTestId('onboarding-status').innerText(),
    '待审核：监管部门审核通过前不能报价。',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('an affiliated provider sees the department\'s open need as ineligible, with the reason, and no quote form', async () => {
  const need = await openNeedOf('nb-zrzyghj@demo.example');
  const { context, page, errors } = await newPage();
  await signIn(page, 'nb-tianyi@demo.example');
  const row = page.locator(`li[data-project="${need.id}"]`);
  await row.waitFor();
  await page.locator(`[data-testid=ineligible-need][data-project="${need.id}"]`).waitFor();
  assert.match(
    await row.getByTestId('ineligibility-reasons').innerText(),
    /中介机构与业主存在关联关系（红顶中介），不能报名/,
  );
  await screenshot(page, 'needs-for-me-ineligible');
  // Only the needs it may quote on: the ineligible one goes, and comes back.
  await page.getByTestId('only-eligible').check();
  await row.waitFor({ state: 'hidden' });
  assert.equal(await page.getByTestId('quote-on-none').count(), 0);
  await page.getByTestId('only-eligible').uncheck();
  await row.waitFor();

  await row.getByRole('link', { name: need.title }).click();
  const eligibility = page.getByTestId('eligibility');
  await eligibility.getByTestId('ineligibility-reasons').waitFor();
  assert.match(await eligibility.innerText(), /不能报价/);
  assert.match(await eligibility.innerText(), /中介机构与业主存在关联关系（红顶中介），不能报名/);
  assert.equal(await page.getByTestId('quote-form').count(), 0);
  await screenshot(page, 'provider-panel-ineligible');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an eligible provider submits a sealed quote, replaces it and withdraws it', async () => {
  const { context, page, errors } = await newPage();
  await signIn(page, 'zj-huanke@demo.example');
  await page.getByTestId('eligible-need').first().waitFor();
  await screenshot(page, 'needs-for-me');
  const eligible = await page.getByTestId('eligible-need').evaluateAll((rows) => rows.map((r) => r.dataset.project));
  const mine = await api('/me/quotes?limit=100', { token: await token('zj-huanke@demo.example') });
  const quoted = new Set(mine.body.items.filter((r) => r.quote.status === 'live').map((r) => r.project));
  const id = eligible.find((p) => !quoted.has(p));
  assert.ok(id, 'an eligible need without a live quote of this provider');
  const { body: need } = await api(`/projects/${id}`);
  const cap = need.project.terms.budget_cap;

  await page.goto(`${server.baseUrl}/projects/${id}`);
  const form = page.getByTestId('quote-form');
  await form.waitFor();
  assert.match(await page.getByTestId('eligibility').innerText(), /可以报价/);
  assert.equal(await page.getByTestId('live-quote').count(), 0);

  // Checked as typed, then the server's rule: above the cap, next to the price.
  await page.locator('#quote-price').fill('abc');
  await page.locator('#quote-price').press('Tab');
  await page.locator('#quote-price-errors').waitFor();
  await page.locator('#quote-price').fill('99,999,999.00');
  await page.locator('#quote-days').fill('5');
  assert.equal(await page.locator('#quote-price-errors').count(), 0);
  await page.getByTestId('quote-submit').click();
  await confirmAct(page, /报价 ¥99,999,999\.00，5 个工作日完成。报价密封至报名截止（\d{4}-/);
  await page.locator('#quote-price-errors').waitFor();
  assert.match(await page.locator('#quote-price-errors').innerText(), /高于最高限价/);
  assert.match(await form.locator('.error[role=alert]').innerText(), /操作未完成|高于最高限价/);

  await page.locator('#quote-price').fill('1,000.00');
  await page.getByTestId('quote-submit').click();
  await confirmAct(page, /报价 ¥1,000\.00/);
  await page.getByTestId('action-notice').waitFor();
  assert.equal(await page.getByTestId('action-notice').innerText(), '报价已提交。');
  assert.match(await page.getByTestId('live-quote').innerText(), /当前有效报价：¥1,000\.00，5 个工作日/);
  assert.equal(await page.getByTestId('quote-submit').innerText(), '替换报价');
  await screenshot(page, 'provider-panel-quote');

  await page.locator('#quote-price').fill('900.00');
  await page.locator('#quote-days').fill('4');
  await page.getByTestId('quote-submit').click();
  await confirmAct(page, /报价 ¥900\.00，4 个工作日完成/);
  await page.getByText('报价已替换。').waitFor();
  assert.match(await page.getByTestId('live-quote').innerText(), /当前有效报价：¥900\.00，4 个工作日/);

  await page.getByTestId('withdraw-quote').click();
  await confirmAct(page, /撤回后该报价不参与选取/);
  await page.getByText('报价已撤回。').waitFor();
  assert.equal(await page.getByTestId('quote-submit').innerText(), '提交报价');
  assert.equal(await page.getByTestId('live-quote').count(), 0);

  // My quotes lists the three: the withdrawn, the replaced, the first.
  await page.goto(`${server.baseUrl}/provider/quotes`);
  const rows = page.locator(`[data-testid=quote-row][data-project="${id}"]`);
  await rows.first().waitFor();
  assert.deepEqual(await rows.getByTestId('quote-status').allInnerTexts(), ['已撤回', '已替换']);
  // A withdrawn or replaced quote has no outcome; the others say how they fared.
  await page.getByTestId('quote-outcome').filter({ hasText: /./ }).first().waitFor();
  assert.deepEqual(await rows.getByTestId('quote-outcome').allInnerTexts(), ['', '']);
  const outcomes = await page.getByTestId('quote-outcome').allInnerTexts();
  assert.ok(outcomes.every((o) => ['', '待选取', '中选', '未中选'].includes(o)), outcomes.join('|'));
  await page.getByRole('link', { name: need.project.terms.title }).first().waitFor();
  assert.ok(cap);
  await screenshot(page, 'my-quotes');
  assert.deepEqual(errors, []);
  await context.close();
});
