import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { capture, PHONE, signIn, startWebHarness, type WebHarness } from './support/browser.js';

describe('signing in and the language switch (browser)', () => {
  let web: WebHarness;
  before(async () => {
    web = await startWebHarness();
  });
  after(async () => web?.stop());

  it('greets in Vietnamese, refuses a wrong password next to the form, then signs in', async () => {
    const page = await web.newPage({ viewport: PHONE });
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await capture(page, 'sign-in-vi');

    await page.locator('input#username').fill(web.app.config.auth.adminUsername);
    await page.locator('input#password').fill('not the password');
    await page.locator('button[type=submit]').click();
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();

    await signIn(page, web.app.config.auth.adminUsername, web.app.config.auth.adminPassword!);
    assert.match(page.url(), /\/inbox$/);
  });

  it('keeps the session in an httpOnly cookie the page cannot read', async () => {
    const page = await web.newPage();
    await signIn(page, web.app.config.auth.adminUsername, web.app.config.auth.adminPassword!);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'rc_session');
    assert.ok(session, 'a session cookie is set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.doesNotMatch(await page.evaluate('document.cookie'), /rc_session/);
  });

  it('switches to English in one click and remembers it after a reload', async () => {
    const page = await web.newPage();
    await signIn(page, web.app.config.auth.adminUsername, web.app.config.auth.adminPassword!);
    await page.getByRole('menuitem', { name: /Việc cần làm/ }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: /Inbox/ }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.getByRole('menuitem', { name: /Inbox/ }).waitFor();
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
