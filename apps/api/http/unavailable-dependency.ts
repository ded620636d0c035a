import { isGrpcServiceError } from '@temporalio/client';
import { AuditTrailUnavailableError } from './audit-trail-unavailable.error.js';

// A server the API depends on is down or unreachable: the request failed through no fault of the
// client or of this code, so it is a 503 naming the server (and safe to retry), not a 500.

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const PG_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Driver not Connected/i;
const TYPEORM_NOT_CONNECTED = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError']);

export type Dependency = 'Temporal' | 'PostgreSQL' | 'The audit trail';

/** Which dependency an error says is unreachable, looking through its causes; null for any other error. */
export function unavailableDependency(error: unknown): Dependency | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED ? 'Temporal' : null;
    if (TYPEORM_NOT_CONNECTED.has(e.name)) return 'PostgreSQL';
    const code = (e as { code?: unknown }).code ?? (e as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof code === 'string' && PG_CONNECTION_CODES.has(code)) return 'PostgreSQL';
    if (PG_CONNECTION_MESSAGES.test(e.message)) return 'PostgreSQL';
  }
  // Refused because its audit entry could not be written, for a reason other than a server down.
  return error instanceof AuditTrailUnavailableError ? 'The audit trail' : null;
}
