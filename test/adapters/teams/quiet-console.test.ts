import { afterAll, describe, expect, it, vi } from 'vitest';
import { silenceConnectorConsole } from '../../../src/adapters/teams/quiet-console.js';

// Spy first, so the silencer wraps the spy as it wraps the real console.
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
silenceConnectorConsole();
afterAll(() => consoleError.mockRestore());

describe('silenceConnectorConsole', () => {
  it("keeps everyone else's console output, only botframework-connector's own is dropped", () => {
    console.error('printed by the app');
    expect(consoleError).toHaveBeenCalledWith('printed by the app');
  });

  it('is installed once, however often it is called', () => {
    const wrapped = console.error;
    silenceConnectorConsole();
    expect(console.error).toBe(wrapped);
  });
});
