import type { Logger } from '../../src/application/ports/logger.js';

/** A logger that drops every line. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
