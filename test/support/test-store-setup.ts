/** Setup file of the `postgres` project: closes `aCore`'s stores after each test, drops the file's databases after it. */
import { afterAll, afterEach } from 'vitest';
import { closeTestStores, dropTestDatabases } from './test-store.js';

afterEach(closeTestStores);
afterAll(dropTestDatabases);
