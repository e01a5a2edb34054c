// `pnpm sosms …`: the core's command line, plus `export CODE --widget-json`, which needs the gateway and
// the widgets' queries (the core itself depends on neither).
import { main } from '../packages/core/src/cli/main.ts';
import { exportWidgetJson } from '../packages/widgets/scripts/export-widget-json.ts';

await main(process.argv.slice(2), { widgetJson: (db, schemeCode, lang) => exportWidgetJson(db, schemeCode, { lang }) });
