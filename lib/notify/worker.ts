// The notification worker: once a minute, sends the emails that are due (./due.ts).
// Started by instrumentation.ts when SMTP_URL is set; every instance may run one (each
// email is claimed before it is sent). A failing round is logged and retried next minute.
import 'server-only';
import { smtpSend } from './mail';
import { sendDueNotifications } from './due';

const EVERY_MS = 60_000;
const holder = globalThis as { tutoringNotifyWorker?: NodeJS.Timeout };

export function startNotificationWorker(): void {
  if (holder.tutoringNotifyWorker) return;
  const round = async () => {
    try {
      await sendDueNotifications(smtpSend);
    } catch (error) {
      console.error(`notifications: round failed: ${error instanceof Error ? error.message : error}`);
    }
    holder.tutoringNotifyWorker = setTimeout(() => void round(), EVERY_MS);
    holder.tutoringNotifyWorker.unref();
  };
  holder.tutoringNotifyWorker = setTimeout(() => void round(), 5_000);
  holder.tutoringNotifyWorker.unref();
}
