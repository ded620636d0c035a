import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../../support/api-client.js';
import { TEST_PASSWORD, type OrgFixture } from '../../support/org-fixture.js';
import { ok } from '../../support/problems.js';
import { eventually } from '../../support/review-driver.js';
import { signIn } from './browser.js';

// Set-up for the browser journeys: the state before the step under test is reached through the
// API; the step itself is clicked in the browser.

/** Waits until a person has an open task of this kind (the inbox follows the workflows within moments). */
export async function waitForTask(client: ApiClient, kind: string, reviewId?: string): Promise<void> {
  await eventually(async () => {
    const tasks = ok(await client.get('/tasks?status=open'));
    assert.ok(
      tasks.items.some((t: { kind: string; reviewId: string | null }) => t.kind === kind && (reviewId === undefined || t.reviewId === reviewId)),
      `no open ${kind} task yet`,
    );
  });
}

/** Signs a person of the fixture in with the test password. */
export function signInAs(page: Page, org: OrgFixture, local: string): Promise<void> {
  return signIn(page, org.id(local), TEST_PASSWORD);
}

/** Opens the inbox and the open task of this kind (about this subject), as a person would, and waits for the review page. */
export async function openTaskFromInbox(page: Page, kind: string, subjectName?: string): Promise<void> {
  await page.goto('/inbox');
  const rows = page.locator(`[data-testid="task-row"][data-kind="${kind}"]`);
  await (subjectName ? rows.filter({ hasText: subjectName }) : rows).first().getByRole('link').click();
  await page.getByTestId('review-steps').waitFor();
}

/** Chooses a radio by its name, clicking its label as a person does (Ant Design hides the input itself). */
export async function choose(page: Page, name: string | RegExp): Promise<void> {
  const radio = page.getByRole('radio', { name });
  await page.locator('label').filter({ has: radio }).click();
  assert.equal(await radio.isChecked(), true, `${String(name)} is chosen`);
}
