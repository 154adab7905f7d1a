import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { CSV_TABLES, type ImportProblem, type ImportResult } from './directoryTypes.ts';
import '../../styles/directory.css';

/** Export the directory (HSDS JSON, or CSV per table) and import a JSON document. */
export function DirectoryTransferPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('ui.directory.transfer.title')}>
      <p>
        <Link to="/directory">{t('ui.directory.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">{t('ui.directory.transfer.exportTitle')}</h2>
        <p>{t('ui.directory.transfer.exportText')}</p>
        <ul className="export-links">
          <li>
            <a className="button primary" href="/api/v1/directory/export" download="directory.json">
              {t('ui.directory.transfer.exportJson')}
            </a>
          </li>
          {CSV_TABLES.map((table) => (
            <li key={table}>
              <a
                className="button secondary"
                href={`/api/v1/directory/export.csv?table=${table}`}
                download={`${table}.csv`}
              >
                {t('ui.directory.transfer.exportCsv', { table: `${table}.csv` })}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <ImportSection />
    </Page>
  );
}

function ImportSection() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setError(null);
    setProblems([]);
    setResult(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(t('ui.directory.transfer.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    setProblems([]);
    setResult(null);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        setError(t('ui.directory.transfer.notJson'));
        return;
      }
      setResult(await api<ImportResult>('POST', '/directory/import', doc));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && Array.isArray(e.problem?.problems))
        setProblems(e.problem.problems as ImportProblem[]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('ui.directory.transfer.importTitle')}</h2>
      <p>{t('ui.directory.transfer.importText')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="directory-file">{t('ui.directory.transfer.file')}</label>
          <input
            id="directory-file"
            type="file"
            accept=".json,application/json"
            onChange={choose}
          />
        </div>
        <ErrorAlert error={error} />
        {problems.length ? (
          <ol className="import-problems" aria-label={t('ui.directory.transfer.problemsLabel')}>
            {problems.map((p) => (
              <li key={`${p.path}-${p.code}`}>
                <code>{p.path}</code>{' '}
                {t(`ui.directory.transfer.problems.${p.code}`, {
                  value: p.value ?? '',
                  defaultValue: p.value ?? p.code,
                })}
              </li>
            ))}
          </ol>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('ui.common.working') : t('ui.directory.transfer.import')}
        </button>
      </form>
      {result ? (
        <>
          <Notice>{t('ui.directory.transfer.imported')}</Notice>
          <div className="table-wrap">
            <table className="responsive-table">
              <caption className="sr-only">{t('ui.directory.transfer.countsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.directory.transfer.table')}</th>
                  <th scope="col">{t('ui.directory.transfer.created')}</th>
                  <th scope="col">{t('ui.directory.transfer.updated')}</th>
                  <th scope="col">{t('ui.directory.transfer.unchanged')}</th>
                </tr>
              </thead>
              <tbody>
                {CSV_TABLES.map((table) => (
                  <tr key={table}>
                    <th scope="row" data-label={t('ui.directory.transfer.table')}>
                      {table}
                    </th>
                    <td data-label={t('ui.directory.transfer.created')}>{result.created[table]}</td>
                    <td data-label={t('ui.directory.transfer.updated')}>{result.updated[table]}</td>
                    <td data-label={t('ui.directory.transfer.unchanged')}>
                      {result.unchanged[table]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
