import { useTranslation } from 'react-i18next';
import {
  SHARE_LEVELS,
  SHAREABLE_FIELDS,
  type ShareLevel,
  sharedFields,
} from '../../../../core/index.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { fieldKey } from '../../referrals/referralLabels.ts';

/**
 * Step two: how much the receiving agency will see. Each level says what it is
 * for; below, the exact fields it shares (and those it keeps back), so the
 * referrer knows before sending.
 */
export function SharePicker(props: {
  level: ShareLevel;
  onLevel: (level: ShareLevel) => void;
  fields: string[];
  onFields: (fields: string[]) => void;
  /** The receiving agency's name, once a service is chosen. */
  agency: string | null;
}) {
  const { t } = useTranslation();
  const label = (f: string) => t(`ui.referrals.fields.${fieldKey(f)}`);
  const shared = sharedFields(props.level, props.fields);
  const kept = SHAREABLE_FIELDS.filter((f) => !shared.includes(f));
  return (
    <fieldset>
      <legend>{t('ui.referrals.refer.shareStep')}</legend>
      {SHARE_LEVELS.map((level) => (
        <label key={level} className="check">
          <input
            type="radio"
            name="refer-level"
            value={level}
            checked={props.level === level}
            onChange={() => props.onLevel(level)}
          />
          <span>
            {t(`ui.referrals.levels.${level}.name`)}
            <span className="check-hint">{t(`ui.referrals.levels.${level}.hint`)}</span>
          </span>
        </label>
      ))}
      {props.level === 'fields' ? (
        <CheckboxList
          name="refer-fields"
          legend={t('ui.referrals.refer.chooseFields')}
          options={SHAREABLE_FIELDS.map((f) => ({ value: f, label: label(f) }))}
          selected={props.fields}
          onChange={props.onFields}
        />
      ) : null}
      <div className="preview" aria-live="polite">
        <h3 id="refer-shared-heading">
          {props.agency
            ? t('ui.referrals.refer.willSee', { agency: props.agency })
            : t('ui.referrals.refer.willSeeAny')}
        </h3>
        {shared.length === 0 ? (
          <p className="empty">{t('ui.referrals.refer.noFields')}</p>
        ) : (
          <ul
            className="field-list"
            aria-labelledby="refer-shared-heading"
            data-testid="share-preview"
          >
            {shared.map((f) => (
              <li key={f}>{label(f)}</li>
            ))}
          </ul>
        )}
        {kept.length > 0 ? (
          <p className="hint">
            {t('ui.referrals.refer.keptBack', { fields: kept.map(label).join(', ') })}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
