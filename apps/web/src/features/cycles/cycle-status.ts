import type { CycleStatus } from '../../../../../libs/domain/enums';

/** The tag colour of each cycle status. */
export const statusColor: Record<CycleStatus, string> = { launching: 'processing', running: 'blue', completed: 'green', cancelled: 'default' };
