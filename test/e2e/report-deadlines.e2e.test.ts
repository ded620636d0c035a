import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const DAY = 86_400_000;

describe('report deadlines by level: calendar.reportDueAtByKind', () => {
  let app: TestApp;
  let people: Participants;
  // R (district) → C (grassroots): C reports first, by its own date; R by the district's.
  const org = buildOrg(uniquePrefix('e2e-rdl'), {
    id: 'R',
    kind: 'district',
    people: [['r-sec', 'secretary']],
    children: [{ id: 'C', kind: 'grassroots', people: [['c-sec', 'secretary'], ['c-mem', 'member']] }],
  });
  const at = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString();
  const grassroots = at(324);
  const district = at(327);
  let cycleId: string;

  /** The due date of the head's open report task, as their inbox shows it. */
  const reportTaskDue = async (head: string) => {
    const tasks = ok(await (await people.as(org.id(head))).get('/tasks?status=open')).items as Array<{ kind: string; dueAt: string }>;
    const task = tasks.find((t) => t.kind === 'submit_report');
    assert.ok(task, `no submit_report task for ${head}: ${JSON.stringify(tasks)}`);
    return new Date(task.dueAt).toISOString();
  };

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(() => app?.stop());

  it('refuses a lower level reporting after the level above with a 400 naming the field', async () => {
    const res = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2031, calendar: { reportDueAtByKind: { grassroots: district, district: grassroots } } }));
    assertProblem(res, 400, ['calendar.reportDueAtByKind.grassroots']);
    assertProblem(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2031, calendar: { reportDueAtByKind: { cell: 'soon' } } })), 400, ['calendar.reportDueAtByKind.cell']);
  });

  it("gives each unit's report task its level's date, and moves it with the calendar", async () => {
    const created = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2030, calendar: { reportDueAtByKind: { grassroots, district } } })), 201);
    cycleId = created.id;
    await waitRunning(app.admin, cycleId);
    assert.deepEqual(ok(await app.admin.get(`/cycles/${cycleId}`)).calendar.reportDueAtByKind, { grassroots, district });
    for (const review of await allReviews(app.admin, cycleId)) await completeReview(people, review, 'good');

    await eventually(async () => assert.equal(await reportTaskDue('c-sec'), grassroots));
    // A move that names the levels replaces them: the grassroots unit's open task follows.
    const later = at(325);
    ok(await app.admin.post(`/cycles/${cycleId}/calendar`, { reportDueAtByKind: { grassroots: later, district } }));
    await eventually(async () => assert.equal(await reportTaskDue('c-sec'), later));

    ok(await (await people.as(org.id('c-sec'))).post(`/cycles/${cycleId}/units/${org.id('C')}/report`, { summary: 'Grassroots report' }));
    await eventually(async () => assert.equal(await reportTaskDue('r-sec'), district));
  });
});
