import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceError } from '@temporalio/client';
import { problemFor } from '../../apps/api/http/problem.js';
import { unavailableDependency } from '../../apps/api/http/unavailable-dependency.js';

/** An error shaped as @grpc/grpc-js raises it (what the Temporal client wraps). */
function grpcError(code: number): Error {
  return Object.assign(new Error(`${code} grpc failure`), { code, details: 'failure', metadata: {} });
}

describe('a dependency that is down is a 503 naming it, not a 500', () => {
  it('names Temporal for UNAVAILABLE and DEADLINE_EXCEEDED, also wrapped in a ServiceError', () => {
    assert.equal(unavailableDependency(grpcError(14)), 'Temporal');
    assert.equal(unavailableDependency(new ServiceError('Failed to start workflow', { cause: grpcError(4) })), 'Temporal');
    assert.equal(unavailableDependency(grpcError(3)), null, 'INVALID_ARGUMENT is not an outage');
  });

  it('names PostgreSQL for refused and dropped connections', () => {
    assert.equal(unavailableDependency(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })), 'PostgreSQL');
    assert.equal(unavailableDependency(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), 'PostgreSQL');
    assert.equal(unavailableDependency(new Error('Connection terminated unexpectedly')), 'PostgreSQL');
    assert.equal(unavailableDependency(Object.assign(new Error('duplicate key'), { code: '23505' })), null);
  });

  it('answers 503 with a problem that names the dependency, and keeps other errors 500', () => {
    const problem = problemFor(grpcError(14), 'req-1');
    assert.equal(problem.status, 503);
    assert.equal(problem.type, '/problems/unavailable');
    assert.match(problem.detail, /^Temporal is unavailable/);
    assert.equal(problemFor(new TypeError('x is undefined'), 'req-2').status, 500);
  });
});
