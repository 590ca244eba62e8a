// The buyer's screens in a real browser: posting a need (field errors as typed and on submit,
// nothing created by a bad form; a good one saved as a draft and published), my needs, the
// buyer's panel (direct choice, the contract refused during publicity, accepting a delivery and
// rating it), and the inbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { DEMO_PASSWORD, confirmAct, signIn } from './session.mjs';

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

/** A page signed in as `email` through the sign-in form, with the page's errors collected. */
async function signedIn(email, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.baseUrl, email);
  await page.waitForURL(/\/buyer\/needs$/);
  return { context, page, errors };
}

/** The API as `email`, for facts the test checks behind the browser's back. */
async function apiAs(email) {
  const response = await fetch(`${server.baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { access_token: token } = await response.json();
  return async (path) => {
    const r = await fetch(`${server.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200, path);
    return r.json();
  };
}

async function myProjects(api) {
  return (await api('/me/projects?limit=100')).items;
}

async function fieldErrors(page, id) {
  const list = page.locator(`#${id}-errors`);
  return (await list.count()) === 0 ? '' : (await list.innerText()).trim();
}

test('a bad need form points at its fields and creates nothing; a good one is saved and published', async () => {
  const email = 'qiantang-jianshe@demo.example';
  const api = await apiAs(email);
  const before = (await myProjects(api)).length;
  const { context, page, errors } = await signedIn(email);

  await page.goto(`${server.baseUrl}/buyer/needs/new`);
  const form = page.getByTestId('need-form');
  await form.waitFor();
  assert.equal(await page.locator('main h1').innerText(), '发布需求');

  // Judged when left, having typed: nothing while typing, then only the typed field speaks;
  // a correction clears its error at once.
  await page.locator('#need-budget-cap').fill('12a');
  assert.equal(await fieldErrors(page, 'need-budget-cap'), '');
  await page.locator('#need-budget-cap').press('Tab');
  assert.equal(await fieldErrors(page, 'need-budget-cap'), '金额中含有无效字符“a”：只能填写数字、千位分隔逗号和一个小数点，末尾可加“万”或“元”');
  assert.equal(await fieldErrors(page, 'need-title'), '');
  await page.locator('#need-budget-cap').fill('120,000');
  assert.equal(await fieldErrors(page, 'need-budget-cap'), '');
  await page.locator('#need-service-days').fill('300');
  await page.locator('#need-service-days').press('Tab');
  assert.equal(await fieldErrors(page, 'need-service-days'), '工作日数 300 超出 1–250 的范围');

  // Best value with weights that do not add up.
  await page.locator('#need-method-best_value').check();
  await page.locator('#need-weight-0').fill('50');
  await page.locator('#need-weight-0').press('Tab');
  assert.match(await page.locator('#need-method-errors').innerText(), /各项权重之和为 110%，应恰好为 100%/);

  // On submit: every bad field at once, next to its field; nothing is sent.
  await page.getByTestId('need-submit').click();
  assert.equal(await fieldErrors(page, 'need-title'), '标题不能为空');
  assert.match(await fieldErrors(page, 'need-item'), /服务事项编码 "" 无效/);
  assert.equal(await fieldErrors(page, 'need-service-days'), '工作日数 300 超出 1–250 的范围');
  assert.equal(await fieldErrors(page, 'need-budget-cap'), '');
  // The banner lists them, each a link to its field, and the focus is on the first.
  const banner = form.getByTestId('form-banner');
  assert.match(await banner.innerText(), /请修改标出的字段后再提交。/);
  await banner.locator('li').first().waitFor();
  const listed = await banner.locator('li').allInnerTexts();
  assert.ok(listed.includes('需求标题') && listed.includes('服务期限（工作日）'), listed.join('|'));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true');
  await screenshot(page, 'buyer-need-form-errors');
  assert.equal((await myProjects(api)).length, before, 'a bad form creates nothing');

  // The good form: the item's time limit and fee standard are shown; a requirement is added.
  const title = '钱塘区江海之窗项目水土保持方案编制（测试）';
  await page.locator('#need-item').selectOption('AP-001');
  assert.match(await form.innerText(), /法定时限：30 个工作日/);
  // A service time beyond the item's statutory limit is said, not refused.
  await page.locator('#need-service-days').fill('40');
  assert.match(await form.getByTestId('beyond-limit').innerText(), /服务期限超过该事项的法定时限（30 个工作日）/);
  await page.getByRole('button', { name: '添加资质要求' }).click();
  assert.equal(await form.locator('.need-requirement select').inputValue(), 'SAFETY_EVALUATION');
  await page.locator('#need-title').fill(title);
  await page.locator('#need-description').fill('项目总用地 12 公顷，需编制水土保持方案报告书。');
  await page.locator('#need-service-days').fill('20');
  assert.equal(await form.getByTestId('beyond-limit').count(), 0);
  await page.locator('#need-weight-0').fill('40');
  await page.locator('#need-weight-0').press('Tab');
  assert.equal(await page.locator('#need-method-errors').innerText(), '');
  await page.locator('#need-method-lowest_price').check();
  await page.locator('#need-bid-window').fill('5');
  await page.getByTestId('need-submit').click();
  const saved = page.getByTestId('need-saved');
  await saved.waitFor();
  assert.match(await saved.innerText(), /草稿 ZJ-2026-\d{6} 已保存/);
  assert.equal((await myProjects(api)).length, before + 1);

  // The draft opens in the same form, prefilled; saving it edits it (no new need).
  await saved.getByRole('link', { name: '修改草稿' }).click();
  await page.waitForURL(/\/buyer\/needs\/[0-9a-f-]{36}\/edit$/);
  await page.getByTestId('need-form').waitFor();
  assert.equal(await page.locator('main h1').innerText(), '修改需求草稿');
  assert.equal(await page.locator('#need-title').inputValue(), title);
  assert.equal(await page.locator('#need-budget-cap').inputValue(), '¥120,000.00');
  assert.equal(await page.locator('#need-item').inputValue(), 'AP-001');
  assert.ok(await page.locator('#need-method-lowest_price').isChecked());
  await page.locator('#need-budget-cap').fill('110,000');
  await page.getByTestId('need-submit').click();
  await saved.waitFor();
  assert.equal((await myProjects(api)).length, before + 1);

  // Publishing asks first, saying when quotes would close; going back (or Esc) publishes nothing.
  await page.getByTestId('publish').click();
  await confirmAct(page, /报名截止时间为 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/, { back: true });
  await page.getByTestId('publish').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
  assert.equal((await myProjects(api)).find((p) => p.title === title).state, 'draft');
  await page.getByTestId('publish').click();
  await confirmAct(page, /发布后不能再修改/);
  await saved.getByText('需求已发布。').waitFor();
  await saved.getByRole('link', { name: '查看需求页面' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  assert.equal(await page.locator('main h1').innerText(), title);
  assert.equal(await page.getByTestId('buyer-state').innerText(), '报名中');
  assert.match(await page.getByTestId('buyer-panel').innerText(), /没有待答复的提问。/);
  await screenshot(page, 'buyer-panel-published');

  // My needs lists it, with the count of open needs.
  await page.goto(`${server.baseUrl}/buyer/needs`);
  const list = page.getByTestId('my-needs');
  await list.waitFor();
  const rows = list.getByTestId('my-need-row');
  assert.equal(await rows.count(), before + 1);
  assert.match(await rows.first().innerText(), new RegExp(`${title}\\s+报名中\\s+¥110,000.00`));
  await list.getByRole('button', { name: '报名中（2）' }).click();
  assert.equal(await rows.count(), 2);
  await screenshot(page, 'buyer-my-needs');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a direct choice is made, and the contract waits for the publicity period to end', async () => {
  const email = 'qiantang-jianshe@demo.example';
  const api = await apiAs(email);
  const closed = (await myProjects(api)).find((p) => p.state === 'bidding_closed');
  const { context, page, errors } = await signedIn(email);
  await page.goto(`${server.baseUrl}/projects/${closed.id}`);
  const panel = page.getByTestId('buyer-panel');
  await panel.waitFor();
  assert.equal(await page.getByTestId('buyer-state').innerText(), '报名截止');
  await panel.getByTestId('buyer-quotes').waitFor();
  // Each quote to choose from names its firm.
  const quotes = await api(`/projects/${closed.id}/quotes`);
  const firms = quotes.quotes.filter((q) => q.status.status === 'live').map((q) => q.provider_name);
  assert.ok(firms.length > 0 && firms.every(Boolean), 'the live quotes name their firms');
  const options = await panel.locator('.buyer-choice label').allInnerTexts();
  assert.deepEqual(options.map((o) => o.split('：')[0]), firms);
  // Choosing nothing says so.
  await page.getByTestId('choose-quote').click();
  assert.match(await panel.innerText(), /此项必填/);
  assert.equal(await page.getByTestId('confirm-dialog').isVisible(), false, 'nothing to confirm before a choice');
  await panel.locator('input[name=quote]').first().check();
  await page.getByTestId('choose-quote').click();
  await confirmAct(page, new RegExp(`选定 ${firms[0]} 的报价 ¥[\\d,.]+。选取结果随即公示`));
  await page.getByTestId('buyer-state').getByText('已选取（公示中）').waitFor();
  await page.getByTestId('propose-contract').click();
  await panel.locator('.error[role=alert]').waitFor();
  assert.match(await panel.locator('.error[role=alert]').innerText(), /^未完成：.*公示/);
  await screenshot(page, 'buyer-panel-publicity');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a buyer accepts a delivery and rates it; a department rates an accepted one', async () => {
  for (const [email, state] of [['xixi-yungu@demo.example', 'delivered'], ['hz-sthjj@demo.example', 'accepted']]) {
    const api = await apiAs(email);
    const project = (await myProjects(api)).find((p) => p.state === state);
    const { context, page, errors } = await signedIn(email, 360);
    await page.goto(`${server.baseUrl}/projects/${project.id}`);
    await page.getByTestId('buyer-panel').waitFor();
    if (state === 'delivered') {
      assert.equal(await page.getByTestId('buyer-state').innerText(), '已提交成果');
      await page.getByTestId('accept-delivery').click();
      await confirmAct(page, /成果不能再退回/);
      await page.getByTestId('buyer-state').getByText('已确认').waitFor();
    }
    const rate = page.getByTestId('rate-form');
    await rate.waitFor();
    // A score left out is named.
    await page.getByTestId('rate-submit').click();
    assert.match(await rate.innerText(), /请修改标出的字段后再提交。/);
    assert.notEqual(await fieldErrors(page, 'buyer-score-quality'), '');
    for (const [name, score] of [['quality', '5'], ['timeliness', '4'], ['attitude', '5'], ['fee_reasonableness', '4'], ['compliance', '5']]) {
      await page.locator(`#buyer-score-${name}`).selectOption(score);
    }
    assert.equal(await fieldErrors(page, 'buyer-score-quality'), '');
    await page.locator('#buyer-comment').fill('成果质量好，按时交付。');
    if (state === 'accepted') await screenshot(page, 'buyer-rate-form-360');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('buyer-state').getByText('已评价').waitFor();
    const after = (await api(`/projects/${project.id}`)).project;
    assert.equal(after.state, 'rated');
    assert.equal(after.evaluation.timeliness, 4);
    assert.equal(after.evaluation.comment, '成果质量好，按时交付。');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the inbox lists notifications with their needs, and marks them read', async () => {
  const email = 'xixi-yungu@demo.example';
  const api = await apiAs(email);
  const newest = await api('/me/notifications?limit=20');
  const first = newest.items[0];
  const unread = newest.items.filter((n) => n.unread).length;
  const me = await api('/me');
  const { context, page, errors } = await signedIn(email);
  // The header names the organisation and counts the unread messages.
  assert.equal(await page.getByTestId('org-name').innerText(), me.organisation.name);
  assert.ok(unread > 0, 'the demo inbox has unread messages');
  const badge = page.getByTestId('unread-count');
  assert.equal(await badge.innerText(), unread === newest.items.length && newest.next ? `${unread}+ 条未读` : `${unread} 条未读`);
  await page.goto(`${server.baseUrl}/notifications`);
  const inbox = page.getByTestId('inbox');
  await inbox.waitFor();
  const lines = inbox.getByTestId('notification');
  assert.ok((await lines.count()) > 0);
  assert.match(await lines.first().innerText(), new RegExp(`${first.code} ${first.title}`));
  assert.ok((await inbox.locator('.inbox-unread').count()) > 0, 'some are unread');
  await screenshot(page, 'buyer-notifications');
  await page.getByTestId('mark-read').click();
  await page.getByText('已全部标为已读。').waitFor();
  await page.locator('.inbox-unread').first().waitFor({ state: 'detached' });
  await badge.waitFor({ state: 'detached' });
  await inbox.waitFor();
  assert.ok((await lines.count()) > 0);
  assert.equal((await api('/me/notifications?limit=20')).items.filter((n) => n.unread).length, 0);
  await lines.first().getByRole('link').click();
  await page.waitForURL(new RegExp(`/projects/${first.project}$`));
  assert.deepEqual(errors, []);
  await context.close();
});
