import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

/** A delivery that did not go; `permanent` when retrying cannot help (a bad number). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

const transports = new Map<string, Transporter>();

/** Sends one plain-text email through the configured SMTP server. */
export async function sendEmail(
  config: Config,
  to: string,
  message: { subject: string; text: string },
): Promise<void> {
  if (!config.smtpUrl) throw new DeliveryError('email is not configured', true);
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    const url = new URL(config.smtpUrl);
    const secure = url.protocol === 'smtps:';
    transport = createTransport({
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(config.smtpUrl, transport);
  }
  try {
    await transport.sendMail({
      from: config.mailFrom,
      to,
      subject: message.subject,
      text: message.text,
    });
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; message?: string };
    // 5xx from the server about the recipient will not change on retry; the rest may.
    const permanent =
      typeof e.responseCode === 'number' && e.responseCode >= 550 && e.responseCode < 560;
    throw new DeliveryError(`smtp ${e.responseCode ?? e.code ?? 'error'}`, permanent);
  }
}

/** Africa's Talking recipient status codes meaning the message was taken. */
const AT_ACCEPTED = new Set([100, 101, 102]);
/** Codes about the number itself: retrying cannot help. */
const AT_PERMANENT = new Set([403, 404, 406]);

/**
 * Sends one SMS through the Africa's Talking messaging API
 * (`POST /version1/messaging`, form-encoded, `apiKey` header, JSON answer with a
 * status per recipient).
 */
export async function sendSms(config: Config, to: string, text: string): Promise<string> {
  const sms = config.sms;
  if (!sms) throw new DeliveryError('sms is not configured', true);
  const body = new URLSearchParams({ username: sms.username, to, message: text });
  if (sms.senderId) body.set('from', sms.senderId);
  let response: Response;
  try {
    response = await fetch(sms.url, {
      method: 'POST',
      headers: {
        apiKey: sms.apiKey,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new DeliveryError(`sms gateway unreachable (${(error as Error).name})`);
  }
  if (response.status === 401 || response.status === 403)
    throw new DeliveryError(`sms gateway refused the credentials (${response.status})`);
  if (!response.ok) throw new DeliveryError(`sms gateway answered ${response.status}`);
  let answer: {
    SMSMessageData?: {
      Recipients?: { statusCode?: number; status?: string; messageId?: string }[];
    };
  };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    throw new DeliveryError('sms gateway answer is not JSON');
  }
  const recipient = answer.SMSMessageData?.Recipients?.[0];
  if (!recipient || typeof recipient.statusCode !== 'number')
    throw new DeliveryError('sms gateway answer names no recipient');
  if (!AT_ACCEPTED.has(recipient.statusCode))
    throw new DeliveryError(
      `sms refused: ${recipient.statusCode} ${String(recipient.status ?? '').slice(0, 40)}`,
      AT_PERMANENT.has(recipient.statusCode),
    );
  return recipient.messageId ?? '';
}
