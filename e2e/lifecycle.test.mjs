// The whole life of a need, across every role, in a real browser: an enterprise posts and
// publishes it; three providers quote; the window closes on the test clock and the draw selects;
// an anonymous visitor verifies the draw in the browser; after publicity the buyer proposes the
// contract, the winner signs, starts and delivers; the buyer accepts and rates; the winner's
// public credit record gains the evaluation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { signIn, apiAs, advanceClock, confirmAct } from './session.mjs';

const DAY = 24 * 3600;
const BUYER = 'qiantang-jianshe@demo.example';
const PROVIDERS = ['zj-huanke@demo.example', 'nb-yongqing@demo.example', 'zj-zhonglan@demo.example'];

let server;
let browser;
const pageErrors = [];

before(async () => {
  server = await startServer({ testHooks: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function person(email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${email ?? 'anonymous'}: ${e.message}`));
  if (email) await signIn(page, server.baseUrl, email);
  return { context, page };
}

test('a need goes from posting to rating across every role, and the draw verifies in the browser', async () => {
  const base = server.baseUrl;
  const title = `钱塘新区化工园区扩建项目环评 ${Date.now()}`;

  // The enterprise posts and publishes the need.
  const buyer = await person(BUYER);
  await buyer.page.goto(`${base}/buyer/needs/new`);
  await buyer.page.getByTestId('need-form').waitFor();
  await buyer.page.locator('#need-item').selectOption('HP-001');
  await buyer.page.locator('#need-title').fill(title);
  await buyer.page.locator('#need-description').fill('新建年产 5 万吨精细化工装置，编制环境影响报告书。');
  await buyer.page.locator('#need-budget-cap').fill('200,000');
  await buyer.page.locator('#need-service-days').fill('30');
  await buyer.page.locator('#need-method-random_draw').check();
  await buyer.page.locator('#need-bid-window').fill('3');
  await buyer.page.getByTestId('need-submit').click();
  await buyer.page.getByTestId('need-saved').waitFor();
  await buyer.page.getByTestId('publish').click();
  await confirmAct(buyer.page, /报名截止时间为/);
  await buyer.page.getByTestId('need-saved').getByText('报名中').first().waitFor();
  await screenshot(buyer.page, 'lifecycle-published');

  const anonymous = await apiAs(base);
  const listed = await anonymous.call(`/projects?q=${encodeURIComponent(title)}`);
  assert.equal(listed.items.length, 1, 'the published need is listed');
  const need = listed.items[0];
  assert.equal(need.state, 'published');

  // Three providers quote through the need's page.
  const prices = ['150000', '168000', '172500'];
  for (const [i, email] of PROVIDERS.entries()) {
    const provider = await person(email);
    await provider.page.goto(`${base}/projects/${need.id}`);
    await provider.page.getByTestId('quote-form').waitFor();
    await provider.page.locator('#quote-price').fill(prices[i]);
    await provider.page.locator('#quote-days').fill('25');
    await provider.page.getByTestId('quote-submit').click();
    await confirmAct(provider.page, /报价密封至报名截止/);
    await provider.page.getByTestId('live-quote').waitFor();
    if (i === 0) await screenshot(provider.page, 'lifecycle-quoted');
    await provider.context.close();
  }

  // The window closes (three working days; fifteen calendar days span any holiday) and the draw
  // selects among the three.
  await advanceClock(base, 15 * DAY);
  let selection;
  for (let tries = 0; tries < 20 && !selection; tries++) {
    const project = (await anonymous.call(`/projects/${need.id}`)).project;
    if (project.state === 'selected') selection = (await anonymous.call(`/projects/${need.id}/selection`)).selection;
    else await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(selection, 'the draw selected a winner');
  assert.equal(selection.quotes.length, 3);

  // Anyone verifies the draw in the browser.
  const visitor = await person(null);
  await visitor.page.goto(`${base}/projects/${need.id}`);
  await visitor.page.getByTestId('verify-draw').click();
  const verdict = visitor.page.getByTestId('verify-result');
  await verdict.waitFor();
  assert.match(await verdict.getAttribute('class'), /\bverified\b/);
  await screenshot(visitor.page, 'lifecycle-verified');
  await visitor.context.close();

  // Who won, and its credit record before the service.
  const winner = selection.quotes.find((q) => q.quote_id === selection.outcome.winner);
  assert.ok(winner, 'the winning quote is one of the three');
  const winnerEmail = await emailOf(winner.provider_id);
  const creditBefore = await anonymous.call(`/providers/${winner.provider_id}/credit`);

  // Publicity runs three working days (fifteen calendar days again); then the buyer proposes the contract at the winning price.
  // A month has passed on the server's clock: the buyer's session has lapsed, so it signs in again.
  await advanceClock(base, 15 * DAY);
  await signIn(buyer.page, base, BUYER);
  await buyer.page.goto(`${base}/projects/${need.id}`);
  await buyer.page.getByTestId('contract-form').waitFor();
  await buyer.page.getByTestId('propose-contract').click();
  await waitForState(need.id, 'selected', (p) => p.contract);

  // The winner signs, starts the service and delivers.
  const provider = await person(winnerEmail);
  await provider.page.goto(`${base}/projects/${need.id}`);
  await provider.page.getByTestId('sign-contract').click();
  await waitForState(need.id, 'contracted');
  await provider.page.getByTestId('start-service').click();
  await waitForState(need.id, 'in_service');
  await provider.page.locator('#deliver-form-text').fill('环境影响报告书（送审稿）及附图附件已上传。');
  await provider.page.getByTestId('deliver-submit').click();
  await waitForState(need.id, 'delivered');
  await screenshot(provider.page, 'lifecycle-delivered');

  // The buyer accepts and rates.
  await buyer.page.goto(`${base}/projects/${need.id}`);
  await buyer.page.getByTestId('accept-delivery').click();
  await confirmAct(buyer.page, /合同即履行完毕/);
  await waitForState(need.id, 'accepted');
  await buyer.page.getByTestId('rate-form').waitFor();
  for (const name of ['quality', 'timeliness', 'attitude', 'fee_reasonableness', 'compliance']) {
    await buyer.page.locator(`#buyer-score-${name}`).selectOption('5');
  }
  await buyer.page.locator('#buyer-comment').fill('报告质量高，按时交付。');
  await buyer.page.getByTestId('rate-submit').click();
  await waitForState(need.id, 'rated');
  await screenshot(buyer.page, 'lifecycle-rated');

  // The winner's public credit record shows the new lines, and the page shows the new score.
  const creditAfter = await anonymous.call(`/providers/${winner.provider_id}/credit`);
  assert.ok(creditAfter.contributions.length > creditBefore.contributions.length, 'the record gained lines');
  const visitorAgain = await person(null);
  await visitorAgain.page.goto(`${base}/providers/${winner.provider_id}`);
  const lines = visitorAgain.page.getByTestId('credit-line');
  await lines.first().waitFor();
  assert.equal(await lines.count(), creditAfter.contributions.length);
  assert.match(await visitorAgain.page.getByTestId('credit-score').innerText(), new RegExp(`\\b${creditAfter.score}\\b`));
  await screenshot(visitorAgain.page, 'lifecycle-credit');

  await provider.context.close();
  await buyer.context.close();
  await visitorAgain.context.close();
  assert.deepEqual(pageErrors, []);

  async function waitForState(id, state, extra = () => true) {
    for (let tries = 0; tries < 40; tries++) {
      const p = (await anonymous.call(`/projects/${id}`)).project;
      if (p.state === state && extra(p)) return p;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.fail(`the need did not reach ${state}`);
  }
});

/** The demo email of a provider among the three that quoted. */
async function emailOf(organisation) {
  for (const email of PROVIDERS) {
    const { account } = await apiAs(server.baseUrl, email);
    if (account.organisation === organisation) return email;
  }
  throw new Error(`no demo provider has the organisation ${organisation}`);
}
