import { useEffect, useState } from 'react';
import { api } from '../../../api/client.ts';
import { offlineReference } from '../../../offline/reference.ts';
import type { ScreeningRules } from '../caseTypes.ts';
import type { PackForms } from '../forms/countryFormTypes.ts';

/** GET /screening-rules: the screening rules and the pack's own forms. */
type PackRules = ScreeningRules & { forms?: Partial<PackForms> };

let rulesPromise: Promise<PackRules | null> | null = null;

function usePackRules(): PackRules | null {
  const [rules, setRules] = useState<PackRules | null>(null);
  useEffect(() => {
    let live = true;
    rulesPromise ??= api<PackRules>('GET', '/screening-rules').catch(() => {
      rulesPromise = null;
      // Offline: the rules the device store holds (the same pack, as of the last sync).
      return (offlineReference()?.rules as PackRules | undefined) ?? null;
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

/**
 * The pack's screening rules (asked once per page load), so the device can show
 * a preview; null while loading or when the server does not offer them.
 */
export function useScreeningRules(): ScreeningRules | null {
  return usePackRules();
}

/** The pack's intake and assessment forms (same request); null while loading or unavailable. */
export function usePackForms(): PackForms | null {
  const rules = usePackRules();
  if (!rules) return null;
  return { intake: rules.forms?.intake ?? null, assessment: rules.forms?.assessment ?? null };
}
