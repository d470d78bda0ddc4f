import { CURRENT_SCHEMA_VERSION, State } from '../../domain/state.js';
import { migrate, type RawState } from './migrations.js';
import { StoreError } from './store-error.js';

/** A data file read back: the validated state, and the version it was migrated from (null if current). */
export interface LoadedState {
  state: State;
  migratedFrom: number | null;
}

const invalid = (file: string, problem: string, cause?: unknown) =>
  new StoreError(
    'store-invalid',
    `Cannot load ${file}: ${problem}. Fix the file or move it away to start empty.`,
    {
      cause,
    },
  );

function parseJson(file: string, text: string): RawState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid(file, `it is not valid JSON (${(cause as Error).message})`, cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(file, 'it does not hold a JSON object');
  }
  return parsed as RawState;
}

function versionOf(file: string, raw: RawState): number {
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw invalid(file, `schemaVersion ${JSON.stringify(version)} is not a whole number`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new StoreError(
      'store-too-new',
      `Cannot load ${file}: it was written by a newer version of the bot (schema version ${version}; this one knows up to ${CURRENT_SCHEMA_VERSION}). Upgrade the bot or restore an older copy of the file.`,
    );
  }
  return version;
}

const describePath = (path: readonly PropertyKey[]) =>
  path.length > 0 ? path.map(String).join('.') : '(root)';

/**
 * Parses a data file, migrates it to the current schema version and validates it with the
 * `State` schema. Any problem is a StoreError naming the file and the first problem found.
 */
export function loadState(input: { file: string; text: string; now: Date }): LoadedState {
  const raw = parseJson(input.file, input.text);
  const version = versionOf(input.file, raw);
  const migrated = version < CURRENT_SCHEMA_VERSION ? migrate(raw, version, { now: input.now }) : raw;
  const parsed = State.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue
      ? `${describePath(issue.path)}: ${issue.message}`
      : 'it does not match the state schema';
    throw invalid(input.file, `it is not a valid state file (${problem})`, parsed.error);
  }
  return { state: parsed.data, migratedFrom: version < CURRENT_SCHEMA_VERSION ? version : null };
}
