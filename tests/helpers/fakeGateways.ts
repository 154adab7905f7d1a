import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtp(): Promise<{
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SentSms {
  username: string;
  to: string;
  message: string;
  from: string | null;
  apiKey: string | undefined;
}

/**
 * A local server speaking the Africa's Talking messaging API: `POST
 * /version1/messaging`, form-encoded `username`, `to`, `message`, optional
 * `from`, the key in the `apiKey` header, `201` with `SMSMessageData.Recipients`
 * (statusCode 101 = sent). `mode` makes it fail as the real one does.
 */
export async function startAfricasTalking(apiKey: string): Promise<{
  url: string;
  sent: SentSms[];
  mode: 'ok' | 'down' | 'invalid_number';
  close(): Promise<void>;
}> {
  const state = {
    url: '',
    sent: [] as SentSms[],
    mode: 'ok' as 'ok' | 'down' | 'invalid_number',
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method !== 'POST' || req.url !== '/version1/messaging') return json(404, {});
      if (req.headers.apikey !== apiKey) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        return res.end('The supplied authentication is invalid');
      }
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return json(400, {});
      if (state.mode === 'down') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('Internal Server Error');
      }
      const form = new URLSearchParams(body);
      const to = form.get('to') ?? '';
      state.sent.push({
        username: form.get('username') ?? '',
        to,
        message: form.get('message') ?? '',
        from: form.get('from'),
        apiKey: req.headers.apikey as string | undefined,
      });
      const invalid = state.mode === 'invalid_number';
      return json(201, {
        SMSMessageData: {
          Message: invalid ? 'Sent to 0/1 Total Cost: 0' : 'Sent to 1/1 Total Cost: KES 0.8000',
          Recipients: [
            invalid
              ? {
                  statusCode: 403,
                  number: to,
                  status: 'InvalidPhoneNumber',
                  cost: '0',
                  messageId: 'None',
                }
              : {
                  statusCode: 101,
                  number: to,
                  status: 'Success',
                  cost: 'KES 0.8000',
                  messageId: `ATXid_${state.sent.length}`,
                },
          ],
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}/version1/messaging`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
