// Signing in for a test: through the sign-in page as a person would, or straight to the API for
// facts a test checks behind the browser's back. Every demo account has the same password.
import assert from 'node:assert/strict';

export const DEMO_PASSWORD = 'zhongjie-demo-2026';

/** Signs `page` in through the sign-in form and waits to leave it (for the role's start page). */
export async function signIn(page, baseUrl, email, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/sign-in`);
  const form = page.getByTestId('sign-in-form');
  await form.waitFor();
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await form.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The API as `email` (or anonymous without one): `call(path, init)` answers the parsed body,
 * asserting a 2xx. `account` is the signed-in account. */
export async function apiAs(baseUrl, email) {
  let token;
  let account;
  if (email) {
    const response = await fetch(`${baseUrl}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    assert.equal(response.status, 200, `sign in ${email}`);
    ({ access_token: token, account } = await response.json());
  }
  const call = async (path, init = {}) => {
    const headers = { 'content-type': 'application/json', ...(init.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${baseUrl}/api/v1${path}`, { ...init, headers });
    const text = await response.text();
    assert.ok(response.ok, `${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call, account };
}

/** Moves the server's test clock forward and gives the scheduler (every second) time to run. */
export async function advanceClock(baseUrl, seconds) {
  const response = await fetch(`${baseUrl}/api/v1/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
  });
  assert.equal(response.status, 200, 'the test clock moves');
}

/** Answers the confirmation an irreversible act asks for: checks that the dialog is open (focus
 * in it), that it says what will happen (`says`, matched against its text), then confirms — or,
 * with `{ back: true }`, goes back and checks that the dialog closed. Returns what it said. */
export async function confirmAct(page, says, { back = false } = {}) {
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.ok(await dialog.evaluate((d) => d.open && d.contains(document.activeElement)), 'the focus is in the dialog');
  const text = await dialog.locator('#confirm-consequence').innerText();
  assert.match(text, says);
  await dialog.getByTestId(back ? 'confirm-back' : 'confirm-go').click();
  await dialog.waitFor({ state: 'hidden' });
  return text;
}
