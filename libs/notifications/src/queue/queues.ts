/** Dispatch: one job per outbox row; turns it into in-app notifications and deliveries. */
export const NOTIFICATION_QUEUE = 'notifications';
/** One job per e-mail or webhook delivery, retried with backoff and dead-lettered after the last try. */
export const DELIVERY_QUEUE = 'notification-deliveries';
/** The daily digest: one job a day from a job scheduler shared by every worker. */
export const DIGEST_QUEUE = 'notification-digests';

// Job ids derive from database ids, so handing the same row to the queue twice queues one job.
// An outbox row's id also names its relay round: a row re-relayed because it stayed undispatched
// for long gets a fresh job, while a relay that died before recording its round re-sends the same one.
export const outboxJobId = (outboxId: number | string, round: number) => `outbox-${outboxId}-${round}`;
// A delivery an ADMIN sent again after its dead letter is queued under a new id per retry.
export const deliveryJobId = (deliveryId: string, retries: number) =>
  retries ? `delivery-${deliveryId}-retry-${retries}` : `delivery-${deliveryId}`;

/** Completed jobs stay a day, so a late re-relay of the same id is still recognised and dropped. */
export const KEEP_JOBS = { removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } } as const;
