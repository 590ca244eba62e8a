// The supervisor's screens in a real browser: onboarding, objections (in the queue and on the
// need's page), violations and blacklisting, an inspection draw, catalogue editing, overdue
// contracts. What the pages did is checked through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { DEMO_PASSWORD, confirmAct, signIn } from './session.mjs';

const PASSWORD = DEMO_PASSWORD;
const json = { 'content-type': 'application/json' };

let server;
let browser;
let page;
let errors = [];
let token;

async function signInApi(email) {
  const response = await fetch(`${server.baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(response.status, 200);
  return (await response.json()).access_token;
}

async function api(path, { bearer = token, method = 'GET', body } = {}) {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { ...json, authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  token = await signInApi('supervisor1@demo.example');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // Signing in through the page, as a supervisor does.
  await signIn(page, server.baseUrl, 'supervisor1@demo.example');
  await page.waitForURL(`${server.baseUrl}/supervision/onboarding`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// Goes to a page through the site's own navigation (the session stays in the page).
async function open(path, testid) {
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByTestId(testid).waitFor();
}

test('onboarding: one provider approved, another rejected with a reason; no reason, no change', async () => {
  const pending = (await api('/supervision/providers/pending')).body.items;
  assert.equal(pending.length, 3, 'the demo has three providers awaiting review');
  const [first, second] = pending;

  await open('/supervision/onboarding', 'onboarding-queue');
  const rows = page.getByTestId('pending-provider');
  assert.equal(await rows.count(), 3);
  const firstRow = rows.filter({ hasText: first.name });
  assert.ok((await firstRow.locator('table').first().locator('tbody tr').count()) > 0, 'its qualifications are shown');
  assert.doesNotMatch(await firstRow.innerText(), /[A-Z_]{6,}/, 'by their names, not their codes');
  assert.match(await firstRow.innerText(), new RegExp(first.kind.served_items[0].item));
  await screenshot(page, 'supervision-onboarding');

  // A rejection without a reason: the field says so and nothing changes.
  const secondRow = rows.filter({ hasText: second.name });
  await secondRow.getByTestId('reject-form').getByRole('button', { name: '驳回' }).click();
  assert.equal(await secondRow.locator('.field-errors').innerText(), '此项必填');
  assert.equal((await api(`/providers/${second.id}`)).body.organisation.kind.status.status, 'pending');

  await firstRow.getByTestId('approve').click();
  await confirmAct(page, new RegExp(`通过后，${first.name}列入服务机构名录`));
  await page.getByTestId('onboarding-decided').filter({ hasText: first.name }).waitFor();
  assert.equal(
    await page.getByTestId('onboarding-decided').innerText(),
    `已通过“${first.name}”的入驻审核，该机构已收到通知。`,
  );
  await firstRow.waitFor({ state: 'detached' });

  const reason = '营业执照经营范围与申报的服务事项不符';
  await secondRow.getByLabel('驳回理由').fill(reason);
  await secondRow.getByTestId('reject-form').getByRole('button', { name: '驳回' }).click();
  await confirmAct(page, new RegExp(`驳回后，${second.name}不能报价`));
  await page.getByTestId('onboarding-decided').filter({ hasText: second.name }).waitFor();
  await secondRow.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('pending-provider').count(), 1);

  assert.deepEqual((await api(`/providers/${first.id}`)).body.organisation.kind.status, { status: 'approved' });
  assert.deepEqual((await api(`/providers/${second.id}`)).body.organisation.kind.status, {
    status: 'rejected',
    reason,
  });
  const left = (await api('/supervision/providers/pending')).body.items.map((o) => o.id);
  assert.deepEqual(left, [pending[2].id]);
});

test('objections: the demo objection rejected in the queue; a new one upheld on the need page', async () => {
  const [record] = (await api('/supervision/objections')).body.items;
  const before = (await api(`/projects/${record.project}`)).body.project;
  const winner = before.selection.outcome.winner;

  await open('/supervision/objections', 'objections-queue');
  const row = page.getByTestId('objection');
  await row.getByTestId('reject-objection-form').waitFor();
  assert.match(await row.innerText(), new RegExp(before.code));
  assert.match(await row.innerText(), new RegExp(before.terms.title));
  assert.match(await row.innerText(), new RegExp(record.objection.reason));
  await screenshot(page, 'supervision-objections');

  const reason = '经核查，中选机构资质覆盖本项目所属行业，异议不成立。';
  await row.getByLabel('不成立的理由').fill(reason);
  await row.getByRole('button', { name: '驳回异议' }).click();
  await confirmAct(page, /选取结果维持/);
  const outcome = row.getByTestId('objection-outcome');
  await outcome.waitFor();
  assert.match(await outcome.innerText(), new RegExp(`异议不成立，原选取结果维持： ${reason}`));
  const after = (await api(`/projects/${record.project}`)).body.project;
  assert.deepEqual(after.objections[0].status, { status: 'rejected', reason });
  assert.equal(after.selection.outcome.winner, winner, 'the selection stands');
  assert.equal((await api('/supervision/objections')).body.items.length, 0);

  // Another quoting provider objects; the supervisor upholds it on the need's page,
  // disqualifying the winning quote.
  const other = before.quotes.find((q) => q.id !== winner && q.provider !== record.objection.filed_by);
  const otherEmail = (await api(`/providers/${other.provider}`)).body.organisation.contact_email;
  const providerToken = await signInApi(otherEmail);
  const filed = await api(`/projects/${record.project}/objections`, {
    bearer: providerToken,
    method: 'POST',
    body: { text: '中选报价的承诺服务时限超出事项法定时限。' },
  });
  assert.equal(filed.status, 201);

  await open(`/projects/${record.project}`, 'supervisor-panel');
  const panel = page.getByTestId('supervisor-panel');
  await panel.getByTestId('uphold-form').getByRole('button', { name: '认定异议成立' }).click();
  assert.equal(await panel.getByTestId('uphold-form').locator('.field-errors').innerText(), '此项必填');
  await panel.getByLabel('认定理由').fill('中选报价承诺时限不符合要求。');
  await panel.getByTestId('disqualify').check();
  await screenshot(page, 'supervision-objection-panel');
  await panel.getByRole('button', { name: '认定异议成立' }).click();
  await confirmAct(page, /本次选取结果作废，.+的报价被取消资格/);
  await page.getByTestId('objection-outcome').waitFor();
  const upheld = (await api(`/projects/${record.project}`)).body.project;
  const decided = upheld.objections.find((o) => o.status.status !== 'rejected');
  assert.deepEqual(decided.status, { status: 'upheld', reason: '中选报价承诺时限不符合要求。', disqualified: winner });
  const text = await page.getByTestId('objection-outcome').innerText();
  if (upheld.state === 'failed') {
    assert.match(text, /剩余有效报价不足，项目流标。/);
  } else {
    assert.notEqual(upheld.selection.outcome.winner, winner);
    const newWinner = upheld.selection.quotes.find((q) => q.quote_id === upheld.selection.outcome.winner);
    const name = (await api(`/providers/${newWinner.provider_id}`)).body.organisation.name;
    await page.getByTestId('objection-outcome').getByText(name).waitFor();
    assert.match(await page.getByTestId('objection-outcome').innerText(), new RegExp(`现中选机构： ${name}`));
  }
  await screenshot(page, 'supervision-objection-upheld');
});

test('a violation lowers the credit score by its points; a blacklisting is recorded', async () => {
  await open('/supervision/blacklist', 'provider-directory');
  const row = page.getByTestId('directory-provider').first();
  const name = (await row.locator('th').innerText()).trim();
  const directory = (await api('/providers?limit=20')).body.items;
  const provider = directory.find((p) => p.name === name);
  const scoreBefore = (await api(`/providers/${provider.id}`)).body.score;
  await row.getByRole('button', { name: '选择' }).click();
  const caseView = page.getByTestId('provider-case');
  await caseView.getByTestId('credit-score').waitFor();
  assert.equal(await caseView.getByTestId('credit-score').innerText(), String(scoreBefore));

  const form = page.getByTestId('violation-form');
  await form.getByLabel('违规情况').fill('未按规定公示收费标准');
  await form.getByLabel('扣分').fill('-5');
  await form.getByLabel('扣分').press('Tab');
  assert.equal(await form.locator('.field-errors').innerText(), '违规扣分应为 1 到 50 分，而不是 -5');
  await form.getByLabel('扣分').fill('7');
  assert.equal(await form.locator('.field-errors').count(), 0);
  await form.getByRole('button', { name: '记录违规' }).click();
  await form.getByText('违规已记录，信用分已更新。').waitFor();
  await caseView.getByTestId('credit-score').filter({ hasText: String(scoreBefore - 7) }).waitFor();
  assert.equal((await api(`/providers/${provider.id}`)).body.score, scoreBefore - 7);

  const blacklist = page.getByTestId('blacklist-form');
  await blacklist.getByLabel('截止日期').fill('2020-01-01');
  // A date input's Tab moves between its parts: leave it as a click elsewhere would.
  await blacklist.getByLabel('截止日期').blur();
  assert.equal(await blacklist.locator('#blacklist-until-' + provider.id + '-errors').innerText(), '黑名单的结束时间必须晚于开始时间');
  await blacklist.getByLabel('列入理由').fill('串通报价，情节严重');
  await blacklist.getByLabel('截止日期').fill('2030-06-30');
  await blacklist.getByRole('button', { name: '列入黑名单' }).click();
  await confirmAct(page, /列入黑名单至 2030-06-30/);
  await blacklist.getByText('已列入黑名单，该机构已收到通知。').waitFor();
  await caseView.getByTestId('blacklistings').getByText('串通报价，情节严重').waitFor();
  assert.match(await caseView.getByTestId('blacklistings').innerText(), /2030-06-30/);
  const blacklisted = (await api(`/providers/${provider.id}`)).body.organisation.kind.blacklistings;
  assert.equal(blacklisted.at(-1).reason, '串通报价，情节严重');
  assert.equal(blacklisted.at(-1).until, '2030-06-29T16:00:00Z');
  await page.getByTestId('directory-provider').filter({ hasText: name }).getByText('2030-06-30').waitFor();
  await screenshot(page, 'supervision-blacklist');
});

test('an inspection is drawn and its public page opens', async () => {
  await open('/supervision/inspections', 'inspection-form');
  const form = page.getByTestId('inspection-form');
  await form.getByRole('button', { name: '抽取' }).click();
  assert.equal(await form.locator('#inspection-providers-errors').innerText(), '此项必填');
  await form.getByLabel('抽查名称').fill('2026年第四季度中介服务双随机抽查');
  await form.getByLabel('抽取中介机构数量').fill('3');
  await form.getByRole('button', { name: '抽取' }).click();
  await confirmAct(page, /不能重新抽取/);
  const result = page.getByTestId('inspection-result');
  await result.waitFor();
  assert.equal(await result.locator('.sv-drawn li').count(), 3);
  const listed = (await api('/inspections')).body.items;
  const drawn = listed.find((i) => i.record.label === '2026年第四季度中介服务双随机抽查');
  assert.ok(drawn, 'the draw is published');
  assert.equal(await result.getByTestId('inspection-commitment').innerText(), drawn.record.commitment);
  assert.equal(await result.getByTestId('inspection-secret').innerText(), drawn.record.secret);
  await screenshot(page, 'supervision-inspection');
  await result.getByRole('link', { name: '查看公示页面' }).click();
  await page.waitForURL(`${server.baseUrl}/inspections/${drawn.id}`);
});

test("a catalogue item's time limit is edited and published", async () => {
  const item = (await api('/catalog')).body.items.find((i) => i.code === 'HP-001');
  const days = item.time_limit === 45 ? 44 : 45;
  await open('/supervision/catalogue', 'catalogue-list');
  await page.getByTestId('catalogue-item').filter({ hasText: 'HP-001' }).getByRole('button', { name: '编辑' }).click();
  const form = page.getByTestId('catalogue-form');
  await form.getByLabel('办理时限（工作日）').fill('0');
  await form.getByLabel('办理时限（工作日）').press('Tab');
  assert.equal(await form.locator('#item-time-limit-errors').innerText(), '工作日数 0 超出 1–250 的范围');
  await form.getByLabel('事项名称（英文）').fill('');
  await form.getByLabel('事项名称（英文）').press('Tab');
  assert.equal(await form.locator('#item-name-en-errors').innerText(), '缺少英文文本');
  await form.getByLabel('事项名称（英文）').fill(item.name.en);
  await form.getByLabel('办理时限（工作日）').fill(String(days));
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('已保存并公布。').waitFor();
  await screenshot(page, 'supervision-catalogue');
  const saved = (await api('/catalog')).body.items.find((i) => i.code === 'HP-001');
  assert.deepEqual(saved, { ...item, time_limit: days });

  await page.goto(`${server.baseUrl}/catalogue`);
  const row = page.getByTestId('catalogue').locator('tbody tr').filter({ hasText: 'HP-001' });
  assert.match(await row.locator('.days').innerText(), new RegExp(`^${days} 个工作日$`));
});

test('overdue contracts are listed; every page reads at 360 px', async () => {
  await open('/supervision/overdue', 'overdue-list');
  const overdue = (await api('/supervision/overdue')).body.items;
  assert.ok(overdue.length >= 1, 'the demo has an overdue contract');
  const row = page.getByTestId('overdue-contract').first();
  const project = (await api(`/projects/${overdue[0].project}`)).body.project;
  await row.getByText(project.terms.title).waitFor();
  assert.match(await row.innerText(), /\d+ 个工作日|1 个工作日/);
  await screenshot(page, 'supervision-overdue');

  await page.setViewportSize({ width: 360, height: 740 });
  for (const [path, testid] of [
    ['/supervision/onboarding', 'onboarding-queue'],
    ['/supervision/objections', 'objections-queue'],
    ['/supervision/blacklist', 'provider-directory'],
    ['/supervision/inspections', 'inspection-form'],
    ['/supervision/catalogue', 'catalogue-list'],
    ['/supervision/overdue', 'overdue-list'],
  ]) {
    await open(path, testid);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 360px screen`);
  }
  await screenshot(page, 'supervision-overdue-360');
  assert.deepEqual(errors, []);
});
