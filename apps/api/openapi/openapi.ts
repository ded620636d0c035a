import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ANSWER_COMPONENTS } from './api-answer.js';
import { addProblemResponses } from './problem-responses.js';
import { PROBLEM_COMPONENT, problemComponentSchema } from './problem-schema.js';
import { routeProblems } from './route-problems.js';

const DESCRIPTION = `Annual review cycles: target assignment → self-assessment → superior review → remediation plan → report upward.

Errors are application/problem+json (RFC 9457) with \`errors: [{ path, message }]\` naming every offending field.
400 invalid input · 401 no/expired token · 403 not allowed · 404 unknown (or outside your scope) · 405 method not allowed (with Allow) · 409 wrong state · 422 Idempotency-Key reused with another body · 429 too many failed sign-ins · 503 a dependency is down (with Retry-After).
Every operation lists every status it can answer, and the schema of each success answer (JSON as a named component, downloads by media type). A route that needs a JSON body answers a missing or empty one with 400 naming \`(body)\`.

Every state-changing POST accepts an \`Idempotency-Key\` header: the same key and body replay the first response with no second effect.
Lists take \`limit\` (default 50, max 500) and \`cursor\` and return \`{ items, nextCursor }\`.

Beyond the contract, reviews carry \`status\` (open | done | cancelled | withdrawn; \`step\` keeps the last step reached), \`score\`, \`selfActorId\` and \`dueAt\`; cycle progress also counts \`cancelled\` and \`withdrawn\`.
Issue #12 (reg-366-2025 version 2, the default for new cycles; \`policy.ruleSetVersion\` pins another): targets take an optional \`dueDate\`, self-assessment results an optional \`completion\` (on_time | late | not_completed, default on_time), and reviews show \`ruleSetVersion\` and \`timeliness\` ({ total, onTime, late, notCompleted, latePercent }). Good and excellent need every task on time, completed at most 20% late; a collective with a member disciplined for a duty-related violation (\`discipline[].dutyRelated\`) is not_completed.
An imported person may carry \`status\` (\`active\` | \`struck_off\`): a struck-off person is no longer a member (nor a head) and their open reviews end as \`withdrawn\`; people listings show it.
Cycle periods (regulation 366: quarterly, by term and when needed): \`POST /cycles\` takes an optional \`period\` — \`{ kind: "year" }\` (the default), \`{ kind: "quarter", quarter: 1–4 }\`, \`{ kind: "term" }\` or \`{ kind: "ad_hoc", title }\`; one cycle per (year, rootUnitId, period), a second is 409. Cycles show their \`period\`; a review in a yearly cycle shows \`quarterlyResults\` ([{ quarter, classification, reviewId, cycleId }]), the subject's results in that year's quarterly cycles.`;

/** The OpenAPI document of the app's routes (served at /docs-json; written by `npm run api:types`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Review cycles API')
    .setDescription(DESCRIPTION)
    .setVersion('v1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...Object.fromEntries(ANSWER_COMPONENTS), [PROBLEM_COMPONENT]: problemComponentSchema } };
  addProblemResponses(document, routeProblems(app));
  return document;
}

/** OpenAPI at /docs (UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
