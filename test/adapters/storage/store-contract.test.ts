import { afterEach, describe } from 'vitest';
import { createFileStore, createMemoryStore } from '../../../src/adapters/storage/index.js';
import type { Store } from '../../../src/application/ports/store.js';
import { storeContract } from './store-contract.js';
import { useTempDirs } from './temp-dir.js';

// The PostgreSQL store runs the same cases in postgres/postgres-store.test.ts.
const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close().catch(() => {})));
});

describe('the Store contract: memory store', () => {
  storeContract(async () => {
    const store = createMemoryStore();
    open.push(store);
    return store;
  });
});

describe('the Store contract: file store', () => {
  const tempDir = useTempDirs();
  storeContract(async () => {
    const store = await createFileStore({ dataDir: await tempDir() });
    open.push(store);
    return store;
  });
});
