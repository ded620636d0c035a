/**
 * The entry a request needs before it may take effect could not be written: the request is
 * refused (503) rather than run without its audit entry.
 */
export class AuditTrailUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit entry could not be written; the request was not carried out.', { cause });
    this.name = 'AuditTrailUnavailableError';
  }
}
