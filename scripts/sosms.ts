// `pnpm sosms …`: the core's command line, plus `export CODE --widget-json`, which needs the gateway and
// the widgets' queries (the core itself depends on neither).
import { runCli } from '../packages/core/src/cli/main.ts';
import { exportWidgetJson } from '../packages/widgets/scripts/export-widget-json.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  widgetJson: (db, schemeCode, lang) => exportWidgetJson(db, schemeCode, { lang }),
});
