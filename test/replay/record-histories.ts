import { cycleBody } from '../support/cycle-body.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { cycleWorkflowId, operationWorkflowId, registryChangesWorkflowId, remediationWorkflowId, unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { buildOrg, TEST_PASSWORD, threeLevelOrg } from '../support/org-fixture.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

// `npm run record-histories -- <label>`: runs one cycle through every path a review can take
// (return for revision, remediation returned then approved, straight to done, a quota breach
// calibrated by reclassifying down to completed, which reopens the review for its plan) and one
// cycle cancelled after mid-cycle changes (new dates, a transfer, a strike-off, a new unit), and
// one completed after a unit was merged into another and one dissolved, one with the four good
// criteria rated on its cells, and one in which the standing committee of the province changes one
// decision and confirms another, and one in which units retire with reviews still to count (a
// merge once a report was ready, a split), then writes the histories of their workflows to
// test/replay/histories/<label>/. Recorded sets are committed and never edited: the replay test
// keeps every one of them replaying.

const label = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const outDir = join(fileURLToPath(new URL('../../../test/replay/histories/', import.meta.url)), label);

const app = await startTestApp();
try {
  const drive = new WorkflowDriver(app.product.temporal, app.product.db);
  const workflowIds: string[] = [];

  // A completed cycle.
  const org = threeLevelOrg(uniquePrefix('replay'));
  await app.admin.post('/org/import', org.payload);
  const cycleId = await launchCycle(app.admin, org.rootId);
  for (const review of await drive.reviews(cycleId)) {
    const subject = review.subject.id;
    if (subject === org.id('g-mem1')) {
      await drive.assignTargets(review);
      await drive.selfAssess(review, 'good');
      await drive.returnForRevision(review);
      await drive.selfAssess(review, 'completed');
      await drive.approve(review, 'completed');
      await drive.submitPlan(review);
      await drive.decidePlan(review, 'return');
      await drive.submitPlan(review);
      await drive.decidePlan(review, 'approve');
    } else if (subject === org.id('d-mem')) {
      await drive.assignTargets(review);
      await drive.selfAssess(review, 'good');
      await drive.approve(review, 'good', ['Late minutes']);
      await drive.submitPlan(review);
      await drive.decidePlan(review, 'approve');
    } else if (subject === org.id('g-mem2')) {
      await drive.complete(review, 'excellent'); // 1 excellent, 0 good in G's group: G must calibrate
    } else {
      await drive.complete(review, 'good');
    }
    workflowIds.push(review.workflowId);
  }
  await eventually(async () => {
    if ((await drive.reportStatus(cycleId, org.id('G'))) !== 'calibration_needed') throw new Error('G not calibrating yet');
  });
  const calibrator = await app.http.login(org.id('g-sec'), TEST_PASSWORD);
  const lowered = await drive.review(cycleId, org.id('g-mem2'));
  // Lowered to completed: the review reopens for its remediation plan, in a run of its own.
  const reclassified = await calibrator.post(`/reviews/${lowered.reviewId}/reclassify`, { classification: 'completed', comment: 'Within the quota' });
  if (reclassified.status !== 200) throw new Error(`reclassify: ${reclassified.status} ${JSON.stringify(reclassified.body)}`);
  if (reclassified.body.step === 'remediation_plan') {
    const subject = await app.http.login(org.id('g-mem2'), TEST_PASSWORD);
    const plan = await subject.post(`/reviews/${lowered.reviewId}/remediation-plan`, { items: [{ action: 'Improve', dueDate: '2027-06-30' }] });
    if (plan.status !== 200) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
    const decided = await calibrator.post(`/reviews/${lowered.reviewId}/remediation-decision`, { decision: 'approve' });
    if (decided.status !== 200) throw new Error(`plan decision: ${decided.status} ${JSON.stringify(decided.body)}`);
    workflowIds.push(remediationWorkflowId(lowered.workflowId));
  }
  for (const [unit, head] of [['G', 'g-sec'], ['D', 'd-sec'], ['P', 'p-sec']] as const) {
    await eventually(async () => {
      if ((await drive.reportStatus(cycleId, org.id(unit))) !== 'ready') throw new Error(`report of ${unit} not ready`);
    });
    await drive.submitReport(cycleId, org.id(unit), org.id(head));
    workflowIds.push(unitWorkflowId(cycleId, org.id(unit)));
  }
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(cycleId)).result();
  workflowIds.push(cycleWorkflowId(cycleId));

  // A cancelled cycle, with one review part-way through.
  const other = threeLevelOrg(uniquePrefix('replay-cancel'));
  await app.admin.post('/org/import', other.payload);
  const cancelledId = await launchCycle(app.admin, other.rootId);
  const started = await drive.review(cancelledId, other.id('g-mem2'));
  await drive.assignTargets(started);
  const moved = await drive.review(cancelledId, other.id('g-mem1'));
  await drive.assignTargets(moved);
  // Mid-cycle changes before the cancel: new dates, a transfer (g-mem1 to D), a strike-off (g-mem2).
  const calendar = cycleBody(other.rootId).calendar;
  await app.admin.post(`/cycles/${cancelledId}/calendar`, { selfAssessmentOpensAt: calendar.selfAssessmentOpensAt, remindBeforeSeconds: 7200 });
  const person = (local: string) => other.payload.people.find((p) => p.id === other.id(local))!;
  await app.admin.post(
    '/org/import',
    {
      units: [{ id: other.id('N'), parentId: other.id('D'), name: 'Unit N', kind: 'grassroots' }],
      people: [
        { ...person('g-mem1'), unitId: other.id('D') },
        { ...person('g-mem2'), status: 'struck_off' },
        { id: other.id('n-sec'), name: 'Person n-sec', unitId: other.id('N'), position: 'secretary' },
      ],
    },
    { idempotencyKey: `replay-${cancelledId}` },
  );
  await eventually(async () => {
    const [withdrawn, transferred] = [await drive.review(cancelledId, other.id('g-mem2')), await drive.review(cancelledId, other.id('g-mem1'))];
    if (withdrawn.status !== 'withdrawn' || transferred.reviewerId !== other.id('d-sec')) throw new Error('registry changes not applied yet');
    if ((await drive.reportStatus(cancelledId, other.id('N'))) !== 'collecting') throw new Error('the new unit has not launched yet');
  });
  await app.admin.post(`/cycles/${cancelledId}/cancel`, { reason: 'Recorded for the replay tests' });
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(cancelledId)).result();
  workflowIds.push(
    started.workflowId,
    moved.workflowId,
    unitWorkflowId(cancelledId, other.rootId),
    unitWorkflowId(cancelledId, other.id('D')),
    unitWorkflowId(cancelledId, other.id('G')),
    unitWorkflowId(cancelledId, other.id('N')),
    cycleWorkflowId(cancelledId),
    registryChangesWorkflowId(`${app.config.auth.adminUsername}/replay-${cancelledId}`),
  );
  // The bulk operations (the calendar move and the cancel) of cycles since they exist.
  const operations: Array<{ id: string }> = await app.product.db.query('SELECT id FROM operations WHERE cycle_id = $1 ORDER BY started_at', [cancelledId]);
  workflowIds.push(...operations.map((o) => operationWorkflowId(o.id)));

  // A completed cycle in which one unit is merged into another and one dissolved (unit-mergers-v1).
  const merging = buildOrg(uniquePrefix('replay-merge'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary']],
    children: ['A', 'B', 'C'].map((u) => ({
      id: u,
      kind: 'grassroots' as const,
      people: [[`${u.toLowerCase()}-sec`, 'secretary'], [`${u.toLowerCase()}-mem`, 'member']] as Array<[string, 'secretary' | 'member']>,
      // C's cell moves up under P when C is dissolved.
      children: u === 'C' ? [{ id: 'C1', kind: 'cell' as const, people: [['c1-sec', 'secretary']] as Array<[string, 'secretary']> }] : [],
    })),
  });
  await app.admin.post('/org/import', merging.payload);
  const mergeCycleId = await launchCycle(app.admin, merging.rootId);
  await drive.assignTargets(await drive.review(mergeCycleId, merging.id('b-mem')));
  const intoA = (local: string) => ({ id: merging.id(local), name: `Person ${local}`, unitId: merging.id('A'), position: 'member' });
  const unitOf = (local: string, extra: Record<string, unknown>) => ({ id: merging.id(local), parentId: merging.rootId, name: `Unit ${local}`, kind: 'grassroots', ...extra });
  const retired = await app.admin.post(
    '/org/import',
    {
      units: [unitOf('B', { mergedInto: merging.id('A') }), unitOf('C', { dissolved: true }), { ...unitOf('C1', {}), kind: 'cell' }],
      people: ['b-sec', 'b-mem', 'c-sec', 'c-mem'].map(intoA),
    },
    { idempotencyKey: `replay-${mergeCycleId}` },
  );
  if (retired.status !== 200) throw new Error(`merge import: ${retired.status} ${JSON.stringify(retired.body)}`);
  await eventually(async () => {
    for (const unit of ['B', 'C']) {
      const { status } = await app.product.temporal.workflow.getHandle(unitWorkflowId(mergeCycleId, merging.id(unit))).describe();
      if (status.name !== 'COMPLETED') throw new Error(`unit ${unit} has not retired yet`);
    }
    if ((await drive.review(mergeCycleId, merging.id('C'))).status !== 'withdrawn') throw new Error('C not withdrawn yet');
    if ((await drive.review(mergeCycleId, merging.id('C1'))).reviewerId !== merging.id('p-sec')) throw new Error('C1 not moved under P yet');
  });
  // Every change delivered (the moved heads' reviews too: their new reviewer is who acts below).
  await app.product.temporal.workflow.getHandle(registryChangesWorkflowId(`${app.config.auth.adminUsername}/replay-${mergeCycleId}`)).result();
  for (const review of await drive.reviews(mergeCycleId)) {
    if (review.status !== 'open') continue;
    if (review.step === 'target_assignment') await drive.complete(review, 'good');
    else {
      await drive.selfAssess(review, 'good');
      await drive.approve(review, 'good');
    }
  }
  for (const [unit, head] of [['A', 'a-sec'], ['C1', 'c1-sec'], ['P', 'p-sec']] as const) {
    await eventually(async () => {
      if ((await drive.reportStatus(mergeCycleId, merging.id(unit))) !== 'ready') throw new Error(`report of ${unit} not ready`);
    });
    await drive.submitReport(mergeCycleId, merging.id(unit), merging.id(head));
  }
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(mergeCycleId)).result();
  workflowIds.push(
    ...['A', 'B', 'C', 'C1', 'P'].map((unit) => unitWorkflowId(mergeCycleId, merging.id(unit))),
    ...(await drive.reviews(mergeCycleId)).filter((r) => ['b-mem', 'B', 'C'].some((local) => r.subject.id === merging.id(local))).map((r) => r.workflowId),
    cycleWorkflowId(mergeCycleId),
    registryChangesWorkflowId(`${app.config.auth.adminUsername}/replay-${mergeCycleId}`),
  );

  // A completed cycle with the four good criteria (four-good-cells-v1): one cell returned once,
  // then rated four good; the other rated with a criterion not achieved.
  const cells = buildOrg(uniquePrefix('replay-four-good'), {
    id: 'G',
    kind: 'grassroots',
    people: [['g-sec', 'secretary'], ['g-mem', 'member']],
    children: ['C1', 'C2'].map((u) => ({ id: u, kind: 'cell' as const, people: [[`${u.toLowerCase()}-sec`, 'secretary']] as Array<[string, 'secretary']> })),
  });
  await app.admin.post('/org/import', cells.payload);
  const cellsCycleId = await launchCycle(app.admin, cells.rootId, { cellCriteria: 'four_good' });
  for (const review of await drive.reviews(cellsCycleId)) {
    if (review.subject.id === cells.id('C1')) {
      await drive.assignTargets(review);
      await drive.selfAssess(review, 'good');
      await drive.returnForRevision(review);
      await drive.selfAssess(review, 'good');
      await drive.approve(review, 'good');
    } else if (review.subject.id === cells.id('C2')) {
      await drive.assignTargets(review);
      await drive.selfAssess(review, 'good');
      await drive.approve(review, 'good', [], { politicalTasks: 'achieved', activityQuality: 'not_achieved', solidarityDiscipline: 'achieved', cadresAndMembers: 'achieved' });
    } else {
      await drive.complete(review, 'good');
    }
    workflowIds.push(review.workflowId);
  }
  for (const [unit, head] of [['C1', 'c1-sec'], ['C2', 'c2-sec'], ['G', 'g-sec']] as const) {
    await eventually(async () => {
      if ((await drive.reportStatus(cellsCycleId, cells.id(unit))) !== 'ready') throw new Error(`report of ${unit} not ready`);
    });
    await drive.submitReport(cellsCycleId, cells.id(unit), cells.id(head));
    workflowIds.push(unitWorkflowId(cellsCycleId, cells.id(unit)));
  }
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(cellsCycleId)).result();
  workflowIds.push(cycleWorkflowId(cellsCycleId));
  // A completed cycle in which two people are managed by the province's standing committee
  // (standing-committee-review-v1): it changes one decision (down to completed: a plan follows)
  // and confirms the other.
  const managed = threeLevelOrg(uniquePrefix('replay-committee'));
  const flagged = new Set([managed.id('g-mem1'), managed.id('d-mem')]);
  const managedImport = await app.admin.post('/org/import', {
    ...managed.payload,
    people: managed.payload.people.map((p) => (flagged.has(p.id) ? { ...p, managedByUnitId: managed.rootId } : p)),
  });
  if (managedImport.status !== 200) throw new Error(`committee import: ${managedImport.status} ${JSON.stringify(managedImport.body)}`);
  const managedCycleId = await launchCycle(app.admin, managed.rootId);
  for (const review of await drive.reviews(managedCycleId)) {
    if (!flagged.has(review.subject.id)) {
      await drive.complete(review, 'good');
      continue;
    }
    await drive.assignTargets(review);
    await drive.selfAssess(review, 'good');
    await drive.approve(review, 'good');
    if (review.subject.id === managed.id('g-mem1')) {
      await drive.committeeReview(review, 'completed');
      await drive.submitPlan(review);
      await drive.decidePlan(review, 'approve');
    } else {
      await drive.committeeReview(review);
    }
    workflowIds.push(review.workflowId);
  }
  for (const [unit, head] of [['G', 'g-sec'], ['D', 'd-sec'], ['P', 'p-sec']] as const) {
    await eventually(async () => {
      if ((await drive.reportStatus(managedCycleId, managed.id(unit))) !== 'ready') throw new Error(`report of ${unit} not ready`);
    });
    await drive.submitReport(managedCycleId, managed.id(unit), managed.id(head));
  }
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(managedCycleId)).result();
  workflowIds.push(...['G', 'D', 'P'].map((unit) => unitWorkflowId(managedCycleId, managed.id(unit))), cycleWorkflowId(managedCycleId));

  // A completed cycle in which units retire with reviews still to count (retire-ready-unit-v1):
  // E (its report ready) is merged into A and sends it on retiring; S is split into S1 by one
  // import and dissolved, keeping s-mem's review (S1 did not exist yet), which it reports once done.
  const splitting = buildOrg(uniquePrefix('replay-split'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary']],
    children: [
      { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
      { id: 'E', kind: 'grassroots', people: [['e-sec', 'secretary']] },
      { id: 'S', kind: 'grassroots', people: [['s-sec', 'secretary'], ['s-mem', 'member']] },
    ],
  });
  await app.admin.post('/org/import', splitting.payload);
  const splitCycleId = await launchCycle(app.admin, splitting.rootId);
  await eventually(async () => {
    if ((await drive.reportStatus(splitCycleId, splitting.id('E'))) !== 'ready') throw new Error('report of E not ready');
  });
  const splitUnit = (local: string, extra: Record<string, unknown> = {}) => ({ id: splitting.id(local), parentId: splitting.rootId, name: `Unit ${local}`, kind: 'grassroots', ...extra });
  const split = await app.admin.post(
    '/org/import',
    {
      units: [splitUnit('E', { mergedInto: splitting.id('A') }), splitUnit('S', { dissolved: true }), splitUnit('S1')],
      people: [
        { id: splitting.id('e-sec'), name: 'Person e-sec', unitId: splitting.id('A'), position: 'member' },
        { id: splitting.id('s-sec'), name: 'Person s-sec', unitId: splitting.id('S1'), position: 'secretary' },
        { id: splitting.id('s-mem'), name: 'Person s-mem', unitId: splitting.id('S1'), position: 'member' },
      ],
    },
    { idempotencyKey: `replay-${splitCycleId}` },
  );
  if (split.status !== 200) throw new Error(`split import: ${split.status} ${JSON.stringify(split.body)}`);
  await eventually(async () => {
    if ((await drive.reportStatus(splitCycleId, splitting.id('E'))) !== 'submitted') throw new Error('E has not sent its report yet');
    if ((await drive.reportStatus(splitCycleId, splitting.id('S1'))) === undefined) throw new Error('S1 has not launched yet');
  });
  for (const review of await drive.reviews(splitCycleId)) if (review.status === 'open') await drive.complete(review, 'good');
  for (const [unit, head] of [['A', 'a-sec'], ['S1', 's-sec'], ['P', 'p-sec']] as const) {
    await eventually(async () => {
      if ((await drive.reportStatus(splitCycleId, splitting.id(unit))) !== 'ready') throw new Error(`report of ${unit} not ready`);
    });
    await drive.submitReport(splitCycleId, splitting.id(unit), splitting.id(head));
  }
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(splitCycleId)).result();
  workflowIds.push(
    ...['A', 'E', 'S', 'S1', 'P'].map((unit) => unitWorkflowId(splitCycleId, splitting.id(unit))),
    (await drive.review(splitCycleId, splitting.id('s-mem'))).workflowId,
    cycleWorkflowId(splitCycleId),
    registryChangesWorkflowId(`${app.config.auth.adminUsername}/replay-${splitCycleId}`),
  );

  // A cycle whose targets are due in seconds: every review is reminded, told it is late and
  // escalated (since cycle-notice-sweep-v1 by the cycle's sweep, recorded in review_notices; before,
  // on each review's timers, spread since notice-wave-spread-v1), its dates moved (the sweep wakes), then cancelled.
  const noticed = threeLevelOrg(uniquePrefix('replay-notices'));
  await app.admin.post('/org/import', noticed.payload);
  const noticedId = await launchCycle(app.admin, noticed.rootId, { calendar: { targetsDueAt: new Date(Date.now() + 20_000).toISOString(), remindBeforeSeconds: 10, escalateAfterSeconds: 4 } });
  const noticedReviews = await drive.reviews(noticedId);
  await eventually(
    async () => {
      const [{ n }]: Array<{ n: string }> = await app.product.db.query(
        `SELECT (SELECT count(*) FROM review_events e JOIN reviews r ON r.id = e.review_id WHERE r.cycle_id = $1 AND e.type = 'task.escalated')
              + (SELECT count(*) FROM review_notices x JOIN reviews r ON r.id = x.review_id WHERE r.cycle_id = $1 AND x.kind = 'escalation') AS n`,
        [noticedId],
      );
      if (Number(n) < noticedReviews.length) throw new Error(`${n} of ${noticedReviews.length} reviews escalated`);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  const move = await app.admin.post(`/cycles/${noticedId}/calendar`, { targetsDueAt: new Date(Date.now() + 3_600_000).toISOString() });
  if (move.status !== 200) throw new Error(`calendar move: ${move.status} ${JSON.stringify(move.body)}`);
  await eventually(async () => {
    const [{ n }]: Array<{ n: string }> = await app.product.db.query(
      `SELECT count(*) AS n FROM review_events e JOIN reviews r ON r.id = e.review_id WHERE r.cycle_id = $1 AND e.type = 'calendar.changed'`,
      [noticedId],
    );
    if (Number(n) < noticedReviews.length) throw new Error(`${n} of ${noticedReviews.length} reviews moved`);
  });
  await app.admin.post(`/cycles/${noticedId}/cancel`, { reason: 'Recorded for the replay tests' });
  await app.product.temporal.workflow.getHandle(cycleWorkflowId(noticedId)).result();
  workflowIds.push(...noticedReviews.map((r) => r.workflowId), cycleWorkflowId(noticedId));

  await mkdir(outDir, { recursive: true });
  for (const workflowId of workflowIds) {
    const handle = app.product.temporal.workflow.getHandle(workflowId);
    await eventually(async () => {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') throw new Error(`${workflowId} still running`);
    });
    const history = JSON.parse(historyToJSON(await handle.fetchHistory()));
    const file = `${workflowId.replace(/[^a-zA-Z0-9-]+/g, '_')}.json`;
    await writeFile(join(outDir, file), JSON.stringify({ workflowId, history }, null, 1) + '\n');
  }
  process.stdout.write(`wrote ${workflowIds.length} histories to ${outDir}\n`);
} finally {
  await app.stop();
}
