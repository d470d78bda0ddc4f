import { parseArgs } from 'node:util';
import { SECRET_FILE_NAME } from '../adapters/security/secret-file.js';
import {
  CopyRefused,
  type CopyReport,
  copyData,
  isCopyRefused,
  isStoreError,
  parseDataLocation,
} from '../adapters/storage/index.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function parseCommandLine(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        replace: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    });
    return {
      from: parseDataLocation(values.from, '--from'),
      to: parseDataLocation(values.to, '--to'),
      replace: values.replace === true,
    };
  } catch (error) {
    if (isCopyRefused(error)) throw error;
    // parseArgs' own message names only the option, never its value.
    throw new CopyRefused('bad-argument', error instanceof Error ? error.message : String(error));
  }
}

function print(report: CopyReport, shown: { from: string; to: string }) {
  out(`Copied ${shown.from} → ${shown.to}:`);
  for (const { name, count } of report.collections) out(`  ${name}: ${count}`);
  out(`  also: ${report.singletons.join(', ')}`);
  out(
    `  audit entries: ${report.auditEntries}${report.auditRenumbered ? ' (numbered in order; older ones had no number)' : ''}`,
  );
  if (report.skippedAuditLines > 0)
    out(`  audit lines not readable, not copied: ${report.skippedAuditLines}`);
  out(
    `  signing secret: ${report.secretCopied ? 'copied' : 'none kept with the source (STATE_SECRET in use?)'}`,
  );
}

/** The message of any error, also of an AggregateError (a host with several addresses refused). */
function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '')
    return error.errors.map((e: unknown) => messageOf(e)).join('; ');
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

/**
 * `npm run copy-data -- --from <DATA_DIR|postgres://…> --to <postgres://…|DATA_DIR> [--replace]`:
 * copies the whole state, audit history and signing secret (adapters/storage/copy-data.ts). Run it
 * with the bot stopped. Exit codes: 0 copied, 2 refused (nothing written), 3 a data directory is
 * held by another process, 1 failed.
 */
async function main(): Promise<number> {
  const { from, to, replace } = parseCommandLine(process.argv.slice(2));
  const report = await copyData({ from, to, replace, secretFileName: SECRET_FILE_NAME });
  print(report, { from: from.shown, to: to.shown });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isCopyRefused(error)) {
      process.stderr.write(`copy-data refused: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`copy-data failed: ${messageOf(error)}\n`);
    process.exit(isStoreError(error, 'data-dir-locked') ? 3 : 1);
  },
);
