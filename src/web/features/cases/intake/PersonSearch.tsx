import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../../api/client.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { MatchReasons } from '../../duplicates/MatchReasons.tsx';
import type { PersonMatch } from '../caseTypes.ts';
import { ageText, SEXES } from '../labels.ts';
import { areaChoices, useAreaOptions } from './useAreaOptions.ts';

/**
 * Search before create: the agency's persons by name (any script), sex, approximate age and area,
 * ranked by the linkage engine, each with why it matches.
 */
export function PersonSearch({ onPick }: { onPick: (person: PersonMatch) => void }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const areas = useAreaOptions(user?.areaCodes ?? [], i18n.language);
  const [q, setQ] = useState('');
  const [sex, setSex] = useState('');
  const [age, setAge] = useState('');
  const [area, setArea] = useState('');
  const [matches, setMatches] = useState<PersonMatch[] | null>(null);
  const search = useAction(async () => {
    const found = await api<{ items: PersonMatch[] }>(
      'GET',
      `/persons${query({
        q: q.trim(),
        sex,
        age: /^\d{1,3}$/.test(age.trim()) ? age.trim() : '',
        area,
      })}`,
    );
    setMatches(found.items);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim().length < 2) {
      search.setError(t('ui.cases.intake.searchTooShort'));
      return;
    }
    void search.run();
  };
  const sexes = [
    { value: '', label: t('ui.cases.intake.anySex') },
    ...SEXES.map((s) => ({ value: s, label: t(`ui.cases.sex.${s}`) })),
  ];
  return (
    <section className="panel" aria-labelledby="person-search-title">
      <h2 id="person-search-title">{t('ui.cases.intake.searchTitle')}</h2>
      <p className="hint">{t('ui.cases.intake.searchHint')}</p>
      <search>
        <form className="filter-form" onSubmit={submit}>
          <div className="filter-grid">
            <Field
              id="person-q"
              type="search"
              label={t('ui.cases.intake.searchName')}
              value={q}
              onChange={setQ}
            />
            <SelectField
              id="person-sex"
              label={t('ui.cases.intake.sex')}
              value={sex}
              onChange={setSex}
              options={sexes}
            />
            <Field
              id="person-age"
              label={t('ui.cases.intake.searchAge')}
              value={age}
              onChange={setAge}
              inputMode="numeric"
            />
            <SelectField
              id="person-area"
              label={t('ui.cases.intake.searchArea')}
              value={area}
              onChange={setArea}
              options={[{ value: '', label: t('ui.cases.intake.anyArea') }, ...areaChoices(areas)]}
            />
          </div>
          <div className="row-actions">
            <button type="submit" className="button secondary" disabled={search.busy}>
              {search.busy ? t('ui.common.working') : t('ui.cases.intake.searchButton')}
            </button>
          </div>
        </form>
      </search>
      <ErrorAlert error={search.error} />
      {matches && matches.length === 0 ? (
        <p className="empty" role="status">
          {t('ui.cases.intake.noMatch')}
        </p>
      ) : null}
      {matches && matches.length > 0 ? (
        <ul className="item-list compact" aria-label={t('ui.cases.intake.matches')}>
          {matches.map((m) => (
            <li key={m.id} className="item">
              <div className="item-main">
                <span className="item-title">{`${m.givenName} ${m.familyName}`.trim()}</span>
                <span className="item-sub">
                  {t(`ui.cases.sex.${m.sex}`, { defaultValue: m.sex })}
                  {m.age !== null
                    ? ` · ${t('ui.cases.ageYears', { age: ageText(m.age, false) })}`
                    : ''}
                  {` · ${t('ui.cases.intake.caseCount', { count: m.caseCount })}`}
                </span>
                <span className="item-sub">
                  {t('ui.linkage.search.score', { percent: Math.round(m.score * 100) })}
                </span>
                <MatchReasons
                  reasons={m.reasons}
                  label={t('ui.linkage.search.why', {
                    name: `${m.givenName} ${m.familyName}`.trim(),
                  })}
                />
              </div>
              <button type="button" className="button secondary small" onClick={() => onPick(m)}>
                {t('ui.cases.intake.useThisPerson')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
