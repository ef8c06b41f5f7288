import type { Digest } from './notifications.service.js';

/**
 * Where messages go beyond the page — an SMS gateway, an email server, a 政务微信 bot — once a locality
 * configures one. None is configured on this platform yet, and none is faked: the page (站内消息) is the one
 * delivery. A channel is handed each account's messages as its digest setting says: at once (`immediate`), or
 * once a day (`daily`), by a job the first real channel adds beside itself.
 */
export interface NotificationChannel {
  /** `sms`, `email`. */
  readonly name: string;
  deliver(
    recipient: { accountId: number; displayName: string; digest: Digest },
    messages: readonly { title: string; body: string; link: string | null; createdAt: string }[],
  ): Promise<void>;
}
