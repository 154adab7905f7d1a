import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TOPICS } from '../../../core/index.ts';
import { query } from '../../api/client.ts';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { useOnline } from '../../shell/OfflineBadge.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { AreaAlerts } from './AreaAlerts.tsx';
import {
  type Cached,
  cachedGet,
  type MapAreasResponse,
  type MapValue,
  type MapValuesResponse,
  useOutlines,
} from './mapData.ts';
import {
  fitProjection,
  type Geometry,
  isGeometry,
  legendSteps,
  rateSteps,
  stepColour,
  stepOf,
  svgPath,
} from './projection.ts';
import './map.css';

/** The country-outline view, in its own chunk: the first screen does not carry it. */
const CountryMap = lazy(() => import('./CountryMap.tsx'));

const WIDTH = 800;
const MEASURES = ['cases', 'rates', 'openAlerts'] as const;
export type Measure = (typeof MEASURES)[number];
const isMeasure = (v: string): v is Measure => (MEASURES as readonly string[]).includes(v);

/** The figure an area is coloured by: null when withheld or (rates) without a population figure. */
function measured(v: MapValue, measure: Measure): number | null {
  return measure === 'cases' ? v.cases : measure === 'rates' ? v.rate : v.openAlerts;
}
const WEEK_CHOICES = ['4', '13', '52'] as const;
const VIEWS = ['areas', 'country'] as const;
type View = (typeof VIEWS)[number];

/** Loads a cached API answer for the signed-in user; reloads when the path changes. */
function useCached<T>(path: string | null, userId: string) {
  const [state, setState] = useState<{ value: Cached<T> | null; error: unknown }>({
    value: null,
    error: null,
  });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    cachedGet<T>(path, userId)
      .then((value) => live && setState({ value, error: null }))
      .catch((error: unknown) => live && setState({ value: null, error }));
    return () => {
      live = false;
    };
  }, [path, userId]);
  return state;
}

/**
 * The map: the pack's area outlines drawn as SVG (no tiles), each area
 * coloured by its cases of the last weeks, its cases per 100,000 population
 * (where the country pack gives the area a population figure) or its open
 * alerts, with a legend.
 * Areas are links: Tab reaches them, Enter opens their figures and alerts.
 * A table under the map says the same in text. Works offline from the last
 * figures seen on this device.
 */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const online = useOnline();
  const userId = user?.id ?? '';
  const [level, setLevel] = useState('2');
  const [measure, setMeasure] = useState<Measure>('cases');
  const [weeks, setWeeks] = useState('4');
  const [topic, setTopic] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<View>('areas');
  const countryOutlines = useOutlines(userId);
  const outlines = useCached<MapAreasResponse>(`/map/areas${query({ level })}`, userId);
  const figures = useCached<MapValuesResponse>(
    `/map/values${query({ level, weeks, topic })}`,
    userId,
  );

  const shapes = useMemo(() => {
    const areas = outlines.value?.data.areas ?? [];
    const drawn = areas.filter((a): a is typeof a & { geometry: Geometry } =>
      isGeometry(a.geometry),
    );
    const projection = fitProjection(
      drawn.map((a) => a.geometry),
      WIDTH,
    );
    return {
      height: projection.height,
      areas: drawn.map((a) => ({
        code: a.code,
        name: a.names[i18n.language] ?? a.name,
        d: svgPath(a.geometry, projection),
      })),
    };
  }, [outlines.value, i18n.language]);

  const values = new Map((figures.value?.data.values ?? []).map((v) => [v.code, v]));
  const shownValues = [...values.values()].map((v) => measured(v, measure) ?? 0);
  const steps = measure === 'rates' ? rateSteps(shownValues) : legendSteps(shownValues);
  const fmt = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  /**
   * A rate in words: withheld with its count, "no population figure", or the
   * figure (figures saved on the device before rates existed have none).
   */
  const rateCell = (v: MapValue | undefined) =>
    v === undefined
      ? t('ui.map.noData')
      : v.cases === null
        ? t('ui.map.withheld')
        : typeof v.rate !== 'number'
          ? t('ui.map.noPopulation')
          : fmt(v.rate);
  const levels = (outlines.value?.data.levels ?? [1, 2]).filter((l) => l > 0);
  const savedAt = figures.value?.savedAt ?? outlines.value?.savedAt ?? null;
  const chosen = selected ? shapes.areas.find((a) => a.code === selected) : undefined;
  const cell = (n: number | null | undefined) =>
    n === undefined ? t('ui.map.noData') : n === null ? t('ui.map.withheld') : n;
  const label = (code: string, name: string) => {
    const v = values.get(code);
    if (!v) return t('ui.map.areaNoData', { name });
    const figures = {
      name,
      cases: v.cases ?? t('ui.map.withheld'),
      alerts: v.openAlerts,
      rate: rateCell(v),
    };
    return measure === 'rates'
      ? t('ui.map.areaLabelRate', figures)
      : t('ui.map.areaLabel', figures);
  };
  const populationNote =
    measure === 'rates' && figures.value
      ? figures.value.data.populationSource
        ? t('ui.map.rateNote', {
            source: figures.value.data.populationSource,
            year: figures.value.data.populationYear ?? '—',
          })
        : t('ui.map.rateNoPopulation')
      : null;

  return (
    <Page title={t('ui.map.title')}>
      <p className="lead">{t('ui.map.intro')}</p>
      <form className="filter-form map-controls" aria-label={t('ui.map.controls')}>
        <fieldset className="map-views">
          <legend>{t('ui.map.view')}</legend>
          {VIEWS.map((v) => (
            <label key={v} className="check">
              <input
                type="radio"
                name="map-view"
                value={v}
                checked={view === v}
                onChange={() => setView(v)}
              />
              <span>{t(`ui.map.views.${v}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="filter-grid">
          <SelectField
            id="map-level"
            label={t('ui.map.level')}
            value={level}
            onChange={(v) => {
              setLevel(v);
              setSelected(null);
            }}
            options={levels.map((l) => ({
              value: String(l),
              label: t(`ui.map.levels.${l}`, { defaultValue: String(l) }),
            }))}
          />
          <SelectField
            id="map-measure"
            label={t('ui.map.measure')}
            value={measure}
            onChange={(v) => setMeasure(isMeasure(v) ? v : 'cases')}
            options={MEASURES.map((m) => ({ value: m, label: t(`ui.map.measures.${m}`) }))}
          />
          <SelectField
            id="map-weeks"
            label={t('ui.map.weeks')}
            value={weeks}
            onChange={setWeeks}
            options={WEEK_CHOICES.map((w) => ({
              value: w,
              label: t('ui.map.lastWeeks', { count: Number(w) }),
            }))}
          />
          <SelectField
            id="map-topic"
            label={t('ui.map.topic')}
            value={topic}
            onChange={setTopic}
            options={[
              { value: '', label: t('ui.map.allTopics') },
              ...CASE_TOPICS.map((c) => ({ value: c, label: t(`ui.cases.topics.${c}`) })),
            ]}
          />
        </div>
      </form>
      {savedAt ? (
        <p className="notice" role="status">
          {t('ui.map.savedCopy', { at: formatDateTime(savedAt, i18n.language) })}
        </p>
      ) : null}
      <ErrorAlert error={outlines.error ?? figures.error} />
      {!outlines.value && !outlines.error ? <Loading /> : null}
      {figures.value ? (
        <p className="item-meta">
          {t('ui.map.period', { from: figures.value.data.from, to: figures.value.data.to })}
        </p>
      ) : null}
      {view === 'country' ? (
        <Suspense fallback={<Loading />}>
          <CountryMap
            file={countryOutlines}
            measure={measure}
            values={[...values.values()]}
            combinedRate={figures.value?.data.combinedRate ?? null}
          />
        </Suspense>
      ) : null}
      <div className="map-layout" hidden={view !== 'areas'}>
        <figure className="map-figure">
          <svg viewBox={`0 0 ${WIDTH} ${shapes.height}`} data-testid="map">
            <title>{t('ui.map.svgLabel', { measure: t(`ui.map.measures.${measure}`) })}</title>
            {shapes.areas.map((a) => {
              const v = values.get(a.code);
              const value = v ? measured(v, measure) : undefined;
              const step =
                value === undefined || value === null
                  ? null
                  : stepColour(stepOf(value, steps), steps.length);
              return (
                <a
                  key={a.code}
                  href={`/alerts${query({ area: a.code })}`}
                  aria-label={label(a.code, a.name)}
                  data-area={a.code}
                  onClick={(event) => {
                    event.preventDefault();
                    setSelected(a.code);
                  }}
                >
                  <path
                    d={a.d}
                    className={`map-area ${step === null ? 'map-none' : `map-step-${step}`}${selected === a.code ? ' map-selected' : ''}`}
                  >
                    <title>{label(a.code, a.name)}</title>
                  </path>
                </a>
              );
            })}
          </svg>
          <figcaption>
            <MapLegend steps={steps} measure={measure} format={fmt} />
            {populationNote ? (
              <p className="item-meta" data-testid="map-rate-note">
                {populationNote}
              </p>
            ) : null}
          </figcaption>
        </figure>
        {chosen ? (
          <section
            className="panel map-panel"
            aria-labelledby="map-area-name"
            data-testid="map-panel"
          >
            <h2 id="map-area-name">{chosen.name}</h2>
            <dl className="facts">
              <dt>{t('ui.map.measures.cases')}</dt>
              <dd>{cell(values.get(chosen.code)?.cases)}</dd>
              <dt>{t('ui.map.measures.rates')}</dt>
              <dd data-testid="map-panel-rate">{rateCell(values.get(chosen.code))}</dd>
              <dt>{t('ui.map.population')}</dt>
              <dd>
                {(() => {
                  const people = values.get(chosen.code)?.population;
                  return people === undefined
                    ? t('ui.map.noData')
                    : people === null
                      ? t('ui.map.noPopulation')
                      : fmt(people);
                })()}
              </dd>
              <dt>{t('ui.map.measures.openAlerts')}</dt>
              <dd>{values.get(chosen.code)?.openAlerts ?? t('ui.map.noData')}</dd>
            </dl>
            {online ? <AreaAlerts area={chosen.code} /> : <p>{t('ui.map.alertsNeedNetwork')}</p>}
          </section>
        ) : null}
      </div>
      <details className="map-table">
        <summary>{t('ui.map.asTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.map.area')}</th>
              <th scope="col">{t('ui.map.measures.cases')}</th>
              <th scope="col">{t('ui.map.measures.rates')}</th>
              <th scope="col">{t('ui.map.measures.openAlerts')}</th>
            </tr>
          </thead>
          <tbody>
            {shapes.areas
              .filter((a) => values.has(a.code))
              .map((a) => (
                <tr key={a.code}>
                  <th scope="row">
                    <Link to={`/alerts${query({ area: a.code })}`}>{a.name}</Link>
                  </th>
                  <td>{cell(values.get(a.code)?.cases)}</td>
                  <td>{rateCell(values.get(a.code))}</td>
                  <td>{values.get(a.code)?.openAlerts}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </Page>
  );
}

/**
 * The colour steps and what each means; "no figures" for areas outside the
 * reader's scope (for rates also a withheld count or no population figure).
 * Counts step by whole numbers; rates are "above the previous edge, up to this one".
 */
function MapLegend({
  steps,
  measure,
  format,
}: {
  steps: number[];
  measure: Measure;
  format: (n: number) => string;
}) {
  const { t } = useTranslation();
  const rows = [{ step: 0, text: '0' }];
  let previous = 0;
  steps.forEach((edge, i) => {
    if (edge === 0) return;
    const text =
      measure === 'rates'
        ? `${format(previous)}–${format(edge)}`
        : previous + 1 === edge
          ? String(edge)
          : `${previous + 1}–${edge}`;
    rows.push({ step: stepColour(i + 1, steps.length), text });
    previous = edge;
  });
  return (
    <ul
      className="map-legend"
      aria-label={t('ui.map.legend', { measure: t(`ui.map.measures.${measure}`) })}
    >
      {rows.map((r) => (
        <li key={r.step}>
          <span className={`map-swatch map-step-${r.step}`} aria-hidden="true" />
          {r.text}
        </li>
      ))}
      <li>
        <span className="map-swatch map-none" aria-hidden="true" />
        {measure === 'rates' ? t('ui.map.noRate') : t('ui.map.noData')}
      </li>
    </ul>
  );
}
