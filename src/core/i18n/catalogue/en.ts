// The whole catalogue for one language, sections merged: the server holds every language
// (catalogues.ts); the web app loads only the one it shows (src/web/i18n.ts).
import forms from '../../forms/locales/en.json' with { type: 'json' };
import alerts from '../locales/alerts/en.json' with { type: 'json' };
import dashboards from '../locales/dashboards/en.json' with { type: 'json' };
import main from '../locales/en.json' with { type: 'json' };
import linkage from '../locales/linkage/en.json' with { type: 'json' };
import sync from '../locales/sync/en.json' with { type: 'json' };
import { assembleCatalogue } from '../mergeCatalogues.ts';

export default /* @__PURE__ */ assembleCatalogue({
  main,
  sync,
  forms,
  alerts,
  linkage,
  dashboards,
});
