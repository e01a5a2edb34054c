// `pnpm sosms …`: the core's command line, plus `export CODE --widget-json`, which needs the gateway and
// the widgets' queries (the core itself depends on neither).
import { main } from '../packages/core/src/cli/main.ts';
import { exportWidgetJson, exportWidgetJsonFromEndpoint } from '../packages/widgets/scripts/export-widget-json.ts';

// From the store, or from the gateway that holds its PGlite folder (npm start), over its GraphQL address.
await main(process.argv.slice(2), {
  widgetJson: (source, schemeCode, lang) => ('db' in source ? exportWidgetJson(source.db, schemeCode, { lang }) : exportWidgetJsonFromEndpoint(source.endpoint, schemeCode, { lang })),
});
