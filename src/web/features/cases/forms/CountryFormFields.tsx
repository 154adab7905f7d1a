import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Expr,
  evaluateBoolean,
  type FormAnswers,
  type FormDefinition,
  type FormField,
  MAX_FORM_TEXT,
  parseExpression,
  relevantFields,
  validateAnswers,
} from '../../../../core/index.ts';
import type { DraftAnswers } from './countryFormTypes.ts';
import {
  draftAnswersOf,
  fieldControlId,
  fieldErrorText,
  localText,
  localToday,
  withAnswer,
} from './formAnswers.ts';

/** A select_one with more choices than this is a drop-down list rather than radio buttons. */
const MAX_RADIOS = 6;

const parsed = new Map<string, Expr>();
function expression(source: string): Expr {
  let expr = parsed.get(source);
  if (!expr) {
    expr = parseExpression(source);
    parsed.set(source, expr);
  }
  return expr;
}

/** Whether a relevant field needs an answer now (its `required` may depend on other answers). */
function isRequired(field: FormField, values: FormAnswers, today: string): boolean {
  if (field.type === 'note' || !field.required) return false;
  if (field.required === true) return true;
  const scope = { today, answers: values, current: values[field.name] };
  return evaluateBoolean(expression(field.required), scope);
}

/** Whether a mouse button is down anywhere on the page right now. */
function useMouseDown() {
  const down = useRef(false);
  useEffect(() => {
    const press = () => {
      down.current = true;
    };
    const release = () => {
      down.current = false;
    };
    window.addEventListener('mousedown', press, true);
    window.addEventListener('mouseup', release, true);
    return () => {
      window.removeEventListener('mousedown', press, true);
      window.removeEventListener('mouseup', release, true);
    };
  }, []);
  return down;
}

interface CountryFormFieldsProps {
  form: FormDefinition;
  answers: DraftAnswers;
  /** The new answers, and the question that changed. */
  onChange: (answers: DraftAnswers, field: string) => void;
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
  /** Show every problem, not only those of questions already visited (after a submit attempt). */
  showAllErrors: boolean;
  /** Problems the server found, field → message in the user's language. */
  externalErrors?: Record<string, string>;
  disabled?: boolean;
}

/**
 * A country pack's questions: only those relevant to the answers so far, in the
 * interface language, checked by the same engine as the server.
 */
export function CountryFormFields({
  form,
  answers,
  onChange,
  idPrefix,
  showAllErrors,
  externalErrors = {},
  disabled = false,
}: CountryFormFieldsProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const today = localToday();
  const state = useMemo(() => {
    const own = draftAnswersOf(form, answers);
    const { values, errors } = validateAnswers(form, own, { today });
    // `required` rules read the valid answers, as the engine does.
    return { values, errors, shown: new Set(relevantFields(form, own, { today })) };
  }, [form, answers, today]);

  const mouseDown = useMouseDown();
  const touch = (name: string) =>
    setTouched((old) => (old.has(name) ? old : new Set([...old, name])));
  // A message appearing under the question just left would move what is being clicked
  // (Save, the next option) between mouse down and up, and the click would be lost.
  const leave = (name: string) => {
    if (!mouseDown.current) touch(name);
    else
      window.addEventListener('mouseup', () => setTimeout(() => touch(name)), {
        once: true,
        capture: true,
      });
  };
  const set = (name: string, value: string | string[] | boolean, visited = true) => {
    if (visited) touch(name);
    onChange(withAnswer(answers, name, value), name);
  };
  const errorOf = (name: string): string | undefined => {
    const own = state.errors.find((e) => e.field === name);
    if (own && (showAllErrors || touched.has(name))) return fieldErrorText(own, language, t);
    return externalErrors[name];
  };

  return (
    <div className="country-fields">
      {form.fields
        .filter((field) => state.shown.has(field.name))
        .map((field) => (
          <CountryField
            key={field.name}
            field={field}
            id={fieldControlId(idPrefix, field.name)}
            value={answers[field.name]}
            required={isRequired(field, state.values, today)}
            error={errorOf(field.name)}
            disabled={disabled}
            onSet={(value, visited) => set(field.name, value, visited)}
            onBlur={() => leave(field.name)}
          />
        ))}
    </div>
  );
}

interface CountryFieldProps {
  field: FormField;
  id: string;
  value: DraftAnswers[string] | undefined;
  required: boolean;
  error: string | undefined;
  disabled: boolean;
  /** `visited` false while typing: the problem shows once the user leaves the question. */
  onSet: (value: string | string[] | boolean, visited: boolean) => void;
  onBlur: () => void;
}

/** One question: its label, control, hint and problem, tied together for assistive technology. */
function CountryField({
  field,
  id,
  value,
  required,
  error,
  disabled,
  onSet,
  onBlur,
}: CountryFieldProps) {
  const { t, i18n } = useTranslation();
  const text = (local: FormField['label'] | undefined) => localText(local, i18n.language);
  const label = text(field.label);
  const hint = text(field.hint);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const described = describedBy ? { 'aria-describedby': describedBy } : {};
  const invalid = error ? { 'aria-invalid': true as const } : {};
  const mark = required ? (
    <span className="required-mark"> {t('ui.countryForms.required')}</span>
  ) : null;
  const below: ReactNode = (
    <>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
  const choices = (field.choices ?? []).map((c) => ({ value: c.name, label: text(c.label) }));
  const readOnly = disabled || field.readOnly === true;

  switch (field.type) {
    case 'note':
      return (
        <div className="form-note">
          <p id={id}>{label}</p>
          {hint ? <p className="hint">{hint}</p> : null}
        </div>
      );

    case 'select_one':
      if (choices.length > MAX_RADIOS) {
        return (
          <div className="field">
            <label htmlFor={id}>
              {label}
              {mark}
            </label>
            <select
              id={id}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onSet(e.target.value, true)}
              disabled={readOnly}
              aria-required={required || undefined}
              {...described}
              {...invalid}
            >
              <option value="">{t('ui.countryForms.choose')}</option>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
            {below}
          </div>
        );
      }
      return (
        <fieldset className="radio-row question country-choices" {...described}>
          <legend>
            {label}
            {mark}
          </legend>
          {choices.map((c, i) => (
            <label key={c.value} className="check">
              <input
                type="radio"
                id={i === 0 ? id : `${id}-${i}`}
                name={id}
                value={c.value}
                checked={value === c.value}
                disabled={readOnly}
                onChange={() => onSet(c.value, true)}
                required={required}
                {...invalid}
              />
              <span>{c.label}</span>
            </label>
          ))}
          {below}
        </fieldset>
      );

    case 'select_multiple': {
      const selected = Array.isArray(value) ? value : [];
      const toggle = (name: string, on: boolean) => {
        const next = new Set(selected);
        if (on) next.add(name);
        else next.delete(name);
        onSet(
          choices.map((c) => c.value).filter((v) => next.has(v)),
          true,
        );
      };
      return (
        <fieldset className="checkbox-list question country-choices" {...described}>
          <legend>
            {label}
            {mark}
          </legend>
          {choices.map((c, i) => (
            <label key={c.value} className="check">
              <input
                type="checkbox"
                id={i === 0 ? id : `${id}-${i}`}
                name={id}
                value={c.value}
                checked={selected.includes(c.value)}
                disabled={readOnly}
                onChange={(e) => toggle(c.value, e.target.checked)}
                {...invalid}
              />
              <span>{c.label}</span>
            </label>
          ))}
          {below}
        </fieldset>
      );
    }

    case 'acknowledge':
      return (
        <div className="field">
          <label className="check" htmlFor={id}>
            <input
              type="checkbox"
              id={id}
              checked={value === true}
              disabled={readOnly}
              onChange={(e) => onSet(e.target.checked, true)}
              aria-required={required || undefined}
              {...described}
              {...invalid}
            />
            <span>
              {label}
              {mark}
            </span>
          </label>
          {below}
        </div>
      );

    default: {
      const numeric = field.type === 'integer' || field.type === 'decimal';
      return (
        <div className="field">
          <label htmlFor={id}>
            {label}
            {mark}
          </label>
          <input
            id={id}
            type={field.type === 'date' ? 'date' : 'text'}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onSet(e.target.value, false)}
            onBlur={onBlur}
            readOnly={readOnly}
            aria-required={required || undefined}
            autoComplete="off"
            inputMode={numeric ? (field.type === 'integer' ? 'numeric' : 'decimal') : undefined}
            maxLength={numeric ? 20 : field.type === 'text' ? MAX_FORM_TEXT : undefined}
            {...described}
            {...invalid}
          />
          {below}
        </div>
      );
    }
  }
}
