import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app.js';

// Browser tests drive Debian's Chromium (`.ci/run` installs it) against the real stack: the API
// process serving the built app, a worker, the test run's Temporal and PostgreSQL.

export const CHROMIUM = '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

export interface WebHarness {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser profile (its own cookies), Vietnamese unless told otherwise. */
  newPage(options?: { viewport?: { width: number; height: number }; language?: 'vi' | 'en' }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startWebHarness(): Promise<WebHarness> {
  const app = await startTestApp();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  // What the app said it has no message for (i18n.ts logs it): a person would see a raw key.
  const missingMessages = new Set<string>();
  const baseUrl = app.product.api.url;
  return {
    app,
    browser,
    baseUrl,
    async newPage({ viewport = DESKTOP, language = 'vi' } = {}) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: language === 'vi' ? 'vi-VN' : 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      if (language === 'en') await context.addInitScript("localStorage.setItem('rc.language', 'en')");
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('missing message')) missingMessages.add(message.text());
      });
      return page;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.stop();
      if (missingMessages.size > 0) throw new Error(`The app showed keys with no message: ${[...missingMessages].join(', ')}`);
    },
  };
}

/** Signs in through the login form, as a person would, and waits for the app's frame. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor({ state: 'attached' }); // hidden on phones, present once signed in
}

/**
 * Saves what the person sees as docs/screenshots/<name>.png when SCREENSHOTS_DIR is set
 * (`npm run screenshots`); otherwise does nothing, so the tests stay fast.
 */
export async function capture(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
