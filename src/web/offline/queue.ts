// Builders of the mutations the screens queue on the device (docs/sync.md lists the kinds).
import type { OfflineValue } from './OfflineContext.tsx';

type IntakeBody = {
  person: { personId: string } | Record<string, unknown>;
  topics: string[];
  riskLevel: string;
  areaCode: string;
  answers?: Record<string, unknown>;
};

/** Queues a case opened offline; returns the case id made on the device. */
export async function queueCaseOpen(offline: OfflineValue, body: IntakeBody): Promise<string> {
  const id = crypto.randomUUID();
  const person =
    'personId' in body.person ? body.person : { ...body.person, id: crypto.randomUUID() };
  await offline.enqueue({ kind: 'case.open', payload: { ...body, id, person } });
  return id;
}
