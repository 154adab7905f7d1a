import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { useAction } from '../../../lib/useAction.ts';

/** POSTs to one of the case's plan lists (goals, interventions, follow-ups) or records (notes, consents), then reloads the case. */
export function usePlanPost(caseId: string, list: string, onSaved: () => void) {
  const [saved, setSaved] = useState(0);
  const post = useAction(async (body: Record<string, unknown>) => {
    await api('POST', `/cases/${encodeURIComponent(caseId)}/${list}`, body);
    setSaved((n) => n + 1);
    onSaved();
  });
  return { ...post, saved };
}
