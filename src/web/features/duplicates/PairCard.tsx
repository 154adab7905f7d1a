import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import type { DuplicatePair, PairPerson } from './linkageTypes.ts';
import { signedBits } from './MatchReasons.tsx';

const fullName = (p: PairPerson): string => `${p.givenName} ${p.familyName}`.trim();

type Pending =
  | { kind: 'merge'; keep: PairPerson; other: PairPerson }
  | { kind: 'distinct' }
  | { kind: 'unmerge' };

/**
 * One candidate pair, side by side: the two records (agency, cases), each
 * compared field with what it weighs, the total and the probability; then
 * merge (keeping either record), "not the same person", or unmerge.
 */
export function PairCard(props: {
  pair: DuplicatePair;
  onDecided: (pair: DuplicatePair) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { pair } = props;
  const [pending, setPending] = useState<Pending | null>(null);
  const decide = useAction(async (p: Pending) => {
    const path = `/duplicates/${encodeURIComponent(pair.id)}`;
    const next =
      p.kind === 'merge'
        ? await api<DuplicatePair>('POST', `${path}/merge`, {
            keepId: p.keep.id,
            version: pair.version,
          })
        : await api<DuplicatePair>('POST', `${path}/${p.kind}`, { version: pair.version });
    setPending(null);
    props.onDecided(next);
  });
  const titleId = `pair-${pair.id}`;
  const percent = Math.round(pair.probability * 100);
  return (
    <article className="panel pair" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('ui.linkage.review.pairTitle', { a: fullName(pair.a), b: fullName(pair.b) })}
      </h2>
      <p>
        <span className={`tag ${pair.decision === 'match' ? 'tag-warn' : ''}`}>
          {t(`ui.linkage.review.decision.${pair.decision}`)}
        </span>{' '}
        {t('ui.linkage.review.score', { percent, weight: signedBits(pair.weight) })}
      </p>
      <table className="pair-table">
        <caption className="sr-only">{t('ui.linkage.review.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.linkage.review.field')}</th>
            <th scope="col">{t('ui.linkage.review.recordA')}</th>
            <th scope="col">{t('ui.linkage.review.recordB')}</th>
            <th scope="col">{t('ui.linkage.review.result')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('ui.linkage.review.agency')}</th>
            <td>{pair.a.agencyName}</td>
            <td>{pair.b.agencyName}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">{t('ui.linkage.review.cases')}</th>
            <td>{pair.a.caseCount}</td>
            <td>{pair.b.caseCount}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">{t('ui.linkage.review.recorded')}</th>
            <td>{fullName(pair.a)}</td>
            <td>{fullName(pair.b)}</td>
            <td />
          </tr>
          {pair.fields.map((f) => (
            <tr key={f.field} className={`reason-${f.outcome}`}>
              <th scope="row">{t(`ui.linkage.field.${f.field}`, { defaultValue: f.field })}</th>
              <td>{f.left || '—'}</td>
              <td>{f.right || '—'}</td>
              <td>
                {t(`ui.linkage.outcome.${f.outcome}`)}
                {f.outcome !== 'missing' ? ` ${signedBits(f.weight)}` : ''}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('ui.linkage.review.prior')}</th>
            <td colSpan={2} />
            <td>{signedBits(pair.priorWeight)}</td>
          </tr>
        </tbody>
      </table>
      <ErrorAlert error={pending ? null : decide.error} />
      <ConflictNotice error={decide.error} onReload={props.onReload} />
      <div className="row-actions">
        {pair.status === 'open' ? (
          <>
            <button
              type="button"
              className="button secondary"
              onClick={() => setPending({ kind: 'merge', keep: pair.a, other: pair.b })}
            >
              {t('ui.linkage.review.mergeKeep', {
                name: fullName(pair.a),
                agency: pair.a.agencyName,
              })}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setPending({ kind: 'merge', keep: pair.b, other: pair.a })}
            >
              {t('ui.linkage.review.mergeKeep', {
                name: fullName(pair.b),
                agency: pair.b.agencyName,
              })}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setPending({ kind: 'distinct' })}
            >
              {t('ui.linkage.review.distinct')}
            </button>
          </>
        ) : null}
        {pair.status === 'merged' ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => setPending({ kind: 'unmerge' })}
          >
            {t('ui.linkage.review.unmerge')}
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'merge'
            ? t('ui.linkage.review.confirmMergeTitle')
            : pending?.kind === 'unmerge'
              ? t('ui.linkage.review.confirmUnmergeTitle')
              : t('ui.linkage.review.confirmDistinctTitle')
        }
        message={
          pending?.kind === 'merge'
            ? t('ui.linkage.review.confirmMerge', {
                from: fullName(pending.other),
                fromAgency: pending.other.agencyName,
                to: fullName(pending.keep),
                toAgency: pending.keep.agencyName,
              })
            : pending?.kind === 'unmerge'
              ? t('ui.linkage.review.confirmUnmerge')
              : t('ui.linkage.review.confirmDistinct')
        }
        confirmLabel={
          pending?.kind === 'merge'
            ? t('ui.linkage.review.merge')
            : pending?.kind === 'unmerge'
              ? t('ui.linkage.review.unmerge')
              : t('ui.linkage.review.distinct')
        }
        busy={decide.busy}
        error={decide.error}
        onConfirm={() => {
          if (pending) void decide.run(pending);
        }}
        onCancel={() => {
          setPending(null);
          decide.setError(null);
        }}
      />
    </article>
  );
}
