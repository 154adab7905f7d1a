import { useTranslation } from 'react-i18next';

/** A table of counts in words: row and column titles already translated; null = withheld. */
export interface LabelledTable {
  corner: string;
  rowLabels: string[];
  columnLabels: string[];
  cells: (number | string | null)[][];
}

/**
 * The figures behind a chart as a table (its text alternative). The table
 * scrolls inside its own keyboard-focusable region rather than widening the
 * page; a withheld cell says so in words.
 */
export function CountTableView(props: { title: string; table: LabelledTable; testId: string }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const caption = t('ui.dashboards.tableCaption', { what: props.title });
  const { table } = props;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap count-table" tabIndex={0} aria-label={caption}>
      <table data-testid={props.testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{table.corner}</th>
            {table.columnLabels.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rowLabels.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {table.columnLabels.map((c, j) => {
                const v = table.cells[i]?.[j] ?? null;
                return v === null ? (
                  <td key={c} className="withheld" title={t('ui.dashboards.withheldLabel')}>
                    {t('ui.dashboards.withheld')}
                  </td>
                ) : (
                  <td key={c}>{typeof v === 'number' ? format.format(v) : v}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
