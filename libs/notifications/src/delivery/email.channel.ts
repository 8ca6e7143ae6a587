import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@app/common';
import type { PendingDelivery } from './pending-delivery.js';

/**
 * E-mail over SMTP (nodemailer). The Message-ID derives from the delivery id, so a message sent
 * again after a crash between sending and recording it is recognisable as the same one.
 */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(delivery: PendingDelivery): Promise<void> {
    if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not configured');
    if (!delivery.payload.address) throw new Error(`delivery ${delivery.id} has no address`);
    this.transport ??= createTransport(this.config.SMTP_URL);
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: delivery.payload.address,
      subject: delivery.subject,
      text: delivery.body,
      messageId: `<${delivery.id}@luoshi>`,
      headers: { 'X-Luoshi-Delivery': delivery.id, 'X-Luoshi-Kind': delivery.kind },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
