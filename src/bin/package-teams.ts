import { resolve } from 'node:path';
import { loadCatalog } from '../adapters/catalog/load-catalog.js';
import { writeAppPackage } from '../adapters/teams/app-package/write-app-package.js';
import { loadConfig } from '../config.js';

/** `npm run package:teams`: writes dist/teams-app.zip for MicrosoftAppId and PUBLIC_URL, to upload in Teams. */
function main(): number {
  const config = loadConfig();
  if (!config.teams.appId) {
    process.stderr.write(
      'Set MicrosoftAppId (the bot’s Azure app registration id) and PUBLIC_URL, then run again.\n',
    );
    return 1;
  }
  const linkHosts = loadCatalog({ catalogFile: config.catalogFile }).flatMap((entry) => entry.linkHosts);
  const outFile = resolve(process.argv[2] ?? 'dist/teams-app.zip');
  const result = writeAppPackage({
    manifestDir: resolve('manifest/teams'),
    outFile,
    appId: config.teams.appId,
    publicUrl: config.publicUrl,
    linkHosts,
  });
  if (!result.ok) {
    process.stderr.write(`${result.error}\n`);
    return 1;
  }
  process.stdout.write(`Teams app package written to ${result.file}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
