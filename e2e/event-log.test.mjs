// A need's event log checked in a real browser as a hash chain: an open need whose quotes are
// still sealed verifies (the sealed records shown by number and hash), and once one stored event
// is altered behind the application's back (the test route does what someone with access to the
// table could), the page names that event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ testHooks: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path, init) => {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, init);
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
};

/** The first open need whose log holds sealed records, with that log. */
async function openNeedWithSealedQuotes() {
  for (const need of (await api('/projects?state=published&limit=100')).items) {
    const log = await api(`/projects/${need.id}/events?limit=100`);
    if (log.items.some((e) => !e.event)) return { need, log: log.items };
  }
  throw new Error('the demo data has an open need with quotes');
}

test('the browser verifies a need’s event log as a hash chain and names an altered event', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const { need, log } = await openNeedWithSealedQuotes();
  const sealed = log.filter((e) => !e.event);
  assert.ok(sealed.every((e) => /^[0-9a-f]{64}$/.test(e.hash)), 'a sealed record still has its hash');
  await page.goto(`${server.baseUrl}/projects/${need.id}`);
  const result = page.getByTestId('chain-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('role'), 'status');
  assert.match(
    await result.innerText(),
    new RegExp(`^哈希链验证通过：在您的浏览器中逐条重新计算，${log.length} 条记录（其中 ${sealed.length} 条密封）完整、未被改动`),
  );
  const timeline = page.getByTestId('timeline');
  assert.equal(await timeline.locator('li.sealed').count(), sealed.length, 'each sealed record is listed');
  assert.equal(await timeline.locator('li.sealed code').first().innerText(), sealed[0].hash.slice(0, 16));
  await screenshot(page, 'event-log-verified');

  // The publish event's close of bidding is moved in the table; the page reloaded catches it.
  const published = log.find((e) => e.event?.event === 'published');
  await api('/test/tamper', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ project: need.id, seq: published.seq, pointer: '/closes_at', value: '2030-01-01T00:00:00Z' }),
  });
  await page.reload();
  await result.waitFor();
  assert.equal(await result.getAttribute('role'), 'alert');
  assert.match(await result.innerText(), new RegExp(`^哈希链验证未通过：第 ${published.seq} 条记录的哈希值为 [0-9a-f]{64}，与随它公布的 ${published.hash} 不符：该记录已被改动`));
  // In English too.
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  assert.match(await result.innerText(), new RegExp(`^The hash chain does not verify: event ${published.seq} hashes to`));
  await screenshot(page, 'event-log-altered');
  assert.deepEqual(errors, []);
  await context.close();
});
