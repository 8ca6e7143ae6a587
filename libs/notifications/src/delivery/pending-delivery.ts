/** A notification_delivery row as the channels read it. */
export interface PendingDelivery {
  id: string;
  source_key: string;
  channel: 'EMAIL' | 'WEBHOOK';
  recipient: string;
  kind: string;
  subject: string;
  body: string;
  payload: { address?: string; taskId?: string | null };
  status: 'PENDING' | 'SENT' | 'DEAD';
}
