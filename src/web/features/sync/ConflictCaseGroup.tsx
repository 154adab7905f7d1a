import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import type { CaseDetail } from '../cases/caseTypes.ts';
import { ConflictItem } from './ConflictItem.tsx';
import type { SyncConflict } from './syncTypes.ts';

interface ConflictCaseGroupProps {
  caseId: string;
  conflicts: SyncConflict[];
  deviceLabels: ReadonlyMap<string, string>;
  writable: boolean;
  onResolved: (outcome: 'resolved' | 'already') => void;
}

/** The conflicts of one case under its reference and person, linked to the case page. */
export function ConflictCaseGroup(props: ConflictCaseGroupProps) {
  const { t } = useTranslation();
  const headingId = useId();
  // The conflict names only the case id: the case page gives its reference and person.
  const kase = useApiGet<CaseDetail>(`/cases/${encodeURIComponent(props.caseId)}`);
  const person = kase.data
    ? `${kase.data.person.givenName} ${kase.data.person.familyName}`.trim()
    : '';
  return (
    <section className="panel conflict-case" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/cases/${encodeURIComponent(props.caseId)}`}>
          {kase.data
            ? t('ui.sync.conflicts.caseHeading', { reference: kase.data.reference, person })
            : t('ui.sync.conflicts.caseLink')}
        </Link>
      </h2>
      <ul
        className="item-list"
        aria-label={t('ui.sync.conflicts.caseListLabel', {
          reference: kase.data?.reference ?? '',
        })}
      >
        {props.conflicts.map((c) => (
          <ConflictItem
            key={c.id}
            conflict={c}
            deviceLabels={props.deviceLabels}
            writable={props.writable}
            onResolved={(outcome) => {
              kase.reload();
              props.onResolved(outcome);
            }}
          />
        ))}
      </ul>
    </section>
  );
}
