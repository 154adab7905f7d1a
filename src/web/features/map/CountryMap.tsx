import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../lib/router.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import {
  boxGeometry,
  COUNTRY_MARGIN,
  countryName,
  labelPoint,
  neighbourhood,
  readOutlines,
} from './countries.ts';
import type { OutlineFile } from './mapData.ts';
import { fitProjection, legendSteps, stepColour, stepOf, svgPath } from './projection.ts';

const WIDTH = 800;

/**
 * The country-outline view, for cross-border work: the pack's country coloured
 * by the total of its areas' figures (for rates: the cases of the areas the
 * reader sees over their population, shown only when no count is withheld and
 * every area has a population figure), and the countries around it in grey
 * with their names. Works offline from the copy kept on the device.
 */
export default function CountryMap(props: {
  file: OutlineFile;
  measure: 'cases' | 'rates' | 'openAlerts';
  /** The figures of the areas the reader sees (one level: their sum is the country's). */
  values: { cases: number | null; openAlerts: number }[];
  /** Cases per 100,000 population of those areas together (null: not shown). */
  combinedRate: number | null;
}) {
  const { t, i18n } = useTranslation();
  const file = props.file;
  const drawn = useMemo(() => {
    if (!file.value) return null;
    const outlines = readOutlines(file.value);
    const found = neighbourhood(outlines.countries, outlines.focus, COUNTRY_MARGIN);
    if (!found) return null;
    const projection = fitProjection([boxGeometry(found.box)], WIDTH, 0);
    const place = (g: Parameters<typeof labelPoint>[0]) => {
      const [lon, lat] = labelPoint(g);
      return projection.point(lon, lat);
    };
    return {
      height: projection.height,
      country: {
        id: found.country.name,
        name: countryName(found.country, i18n.language),
        d: svgPath(found.country.geometry, projection),
        at: place(found.country.geometry),
      },
      neighbours: found.neighbours.map((c) => ({
        code: c.code ?? c.name,
        id: c.name,
        name: countryName(c, i18n.language),
        d: svgPath(c.geometry, projection),
        at: place(c.geometry),
      })),
    };
  }, [file.value, i18n.language]);

  if (!file.done) return <Loading />;
  if (file.error) return <ErrorAlert error={file.error} />;
  if (!drawn) return <p className="notice">{t('ui.map.country.none')}</p>;

  const measureName = t(`ui.map.measures.${props.measure}`);
  const rates = props.measure === 'rates';
  const count = props.measure === 'rates' ? 'cases' : props.measure;
  const withheld = props.values.some((v) => v[count] === null);
  const total = rates
    ? (props.combinedRate ?? 0)
    : props.values.reduce((sum, v) => sum + (v[count] ?? 0), 0);
  const shown =
    props.values.length === 0 || (rates && props.combinedRate === null)
      ? null
      : rates
        ? total.toLocaleString(i18n.language, { maximumFractionDigits: 2 })
        : withheld
          ? `≥ ${total}`
          : String(total);
  const steps = legendSteps([total]);
  const colour = shown === null ? null : stepColour(stepOf(total, steps), steps.length);
  const countryLabel =
    shown === null
      ? rates && props.values.length > 0
        ? t('ui.map.country.noRate', { name: drawn.country.name })
        : t('ui.map.areaNoData', { name: drawn.country.name })
      : t(rates ? 'ui.map.country.rateLabel' : 'ui.map.country.label', {
          name: drawn.country.name,
          value: shown,
          measure: measureName,
        });
  const neighbourLabel = (name: string) => t('ui.map.country.neighbour', { name });

  return (
    <figure className="map-figure map-countries">
      <svg
        viewBox={`0 0 ${WIDTH} ${drawn.height}`}
        data-testid="country-map"
        aria-labelledby="country-map-title"
      >
        <title id="country-map-title">
          {t('ui.map.country.svgLabel', { measure: measureName })}
        </title>
        {drawn.neighbours.map((n) => (
          <g
            key={n.code}
            tabIndex={0}
            aria-label={neighbourLabel(n.name)}
            data-country={n.id}
            className="map-neighbour"
          >
            <title>{neighbourLabel(n.name)}</title>
            <path d={n.d} className="map-area map-neighbour-shape" />
            <text x={n.at[0].toFixed(1)} y={n.at[1].toFixed(1)} className="map-name">
              {n.name}
            </text>
          </g>
        ))}
        <a
          href="/alerts"
          aria-label={countryLabel}
          onClick={(event) => {
            event.preventDefault();
            navigate('/alerts');
          }}
          data-country={drawn.country.id}
          className="map-focus"
        >
          <title>{countryLabel}</title>
          <path
            d={drawn.country.d}
            className={`map-area map-focus-shape ${colour === null ? 'map-none' : `map-step-${colour}`}`}
          />
          <text
            x={drawn.country.at[0].toFixed(1)}
            y={drawn.country.at[1].toFixed(1)}
            className="map-name map-name-focus"
          >
            {drawn.country.name}
          </text>
        </a>
      </svg>
      <figcaption>
        <ul className="map-legend" aria-label={t('ui.map.legend', { measure: measureName })}>
          <li>
            <span
              className={`map-swatch ${colour === null ? 'map-none' : `map-step-${colour}`}`}
              aria-hidden="true"
            />
            {countryLabel}
          </li>
          <li>
            <span className="map-swatch map-neighbour-shape" aria-hidden="true" />
            {t('ui.map.country.neighbours')}
          </li>
        </ul>
        <p className="item-meta">{t('ui.map.country.source')}</p>
      </figcaption>
    </figure>
  );
}
