// The local server as `npm start` runs it, over HTTP: the demo data, a demo account signing in,
// the API's own description, and the test routes — present only when asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';

const json = { 'content-type': 'application/json' };

test('the test routes are absent unless the server is started with them', async () => {
  const server = await startServer();
  try {
    for (const [path, body] of [
      ['/api/v1/test/clock', { advance_seconds: 60 }],
      ['/api/v1/test/tamper', { project: '00000000-0000-4000-8000-000000000001', seq: 1, pointer: '/at', value: 0 }],
    ]) {
      const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
      assert.equal(response.status, 404, path);
      assert.equal((await response.json()).code, 'not_found', path);
    }
  } finally {
    await server.stop();
  }
});

test('a demo buyer signs in, and open bid windows close once time has passed', async () => {
  const server = await startServer({ testHooks: true });
  const api = (path, init = {}) => fetch(`${server.baseUrl}/api/v1${path}`, init);
  try {
    const login = await api('/sessions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'qiantang-jianshe@demo.example', password: 'zhongjie-demo-2026' }),
    });
    assert.equal(login.status, 200);
    const tokens = await login.json();
    assert.equal(tokens.account.role, 'enterprise');
    const me = await api('/me', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal((await me.json()).organisation.name, '杭州钱塘建设集团有限公司');

    const open = await (await api('/projects?state=published&limit=100')).json();
    assert.ok(open.items.length > 0, 'the demo data has open projects');

    const moved = await api('/test/clock', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ advance_seconds: 30 * 24 * 3600 }),
    });
    assert.equal(moved.status, 200);
    // The scheduler runs every second; give it a few.
    let stillOpen = open.items.length;
    for (let i = 0; i < 20 && stillOpen > 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      stillOpen = (await (await api('/projects?state=published&limit=100')).json()).items.length;
    }
    assert.equal(stillOpen, 0, 'every open bid window has closed');
    const first = await (await api(`/projects/${open.items[0].id}`)).json();
    assert.notEqual(first.project.state, 'published');
  } finally {
    await server.stop();
  }
});

test('the API describes itself', async () => {
  const server = await startServer();
  try {
    const doc = await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/projects/{id}/quotes'].post, 'quoting is described');
    const page = await fetch(`${server.baseUrl}/api/v1/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /POST \/api\/v1\/projects\/\{id\}\/quotes/);
  } finally {
    await server.stop();
  }
});
