import { useEffect, useState } from 'react';
import { api } from '../../../api/client.ts';
import type { ScreeningRules } from '../caseTypes.ts';

let rulesPromise: Promise<ScreeningRules | null> | null = null;

/**
 * The pack's screening rules (asked once per page load), so the device can show
 * a preview; null while loading or when the server does not offer them.
 */
export function useScreeningRules(): ScreeningRules | null {
  const [rules, setRules] = useState<ScreeningRules | null>(null);
  useEffect(() => {
    let live = true;
    rulesPromise ??= api<ScreeningRules>('GET', '/screening-rules').catch(() => {
      rulesPromise = null;
      return null;
    });
    void rulesPromise.then((r) => {
      if (live) setRules(r);
    });
    return () => {
      live = false;
    };
  }, []);
  return rules;
}
