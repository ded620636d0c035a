/** Thrown by a sender for a notice no retry can deliver (the recipient has no address): the dispatcher stops at once. */
export class UndeliverableNotice extends Error {
  override readonly name = 'UndeliverableNotice';
}
