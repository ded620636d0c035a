import type { ReportStatus } from './units-api';

export const statusColor: Record<ReportStatus, string> = {
  collecting: 'default',
  calibration_needed: 'red',
  ready: 'blue',
  submitted: 'green',
};
