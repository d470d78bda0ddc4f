import { describe, expect, it } from 'vitest';
import { disableNow } from '../../../src/application/use-cases/disable-now.js';
import { keepIntegration } from '../../../src/application/use-cases/keep-integration.js';
import { aDeadlineCore, ada } from './deadline-core.js';

const surveyMonkey = { id: 'surveymonkey', name: 'SurveyMonkey' };

describe('keepIntegration and disableNow outcomes', () => {
  it('keeps an integration until its final deadline once, and not after it', async () => {
    const core = await aDeadlineCore();
    await core.approve('SurveyMonkey');
    const keep = () => keepIntegration(core.deps, { actor: core.admin, integration: 'surveymonkey' });
    const kept = await keep();
    expect(kept).toMatchObject({ ok: true, result: 'kept', integration: surveyMonkey });
    const deadline = kept.ok && kept.result === 'kept' ? kept.deadline : '';
    expect(await keep()).toMatchObject({ ok: false, reason: 'already-kept', deadline });
    core.clock.set(new Date(Date.parse(deadline) + 1000));
    expect(await keep()).toMatchObject({ ok: false, reason: 'deadline-passed', deadline });
  });

  it('refuses members and integrations that are not on', async () => {
    const core = await aDeadlineCore();
    expect(
      await keepIntegration(core.deps, { actor: core.admin, integration: 'surveymonkey' }),
    ).toMatchObject({
      ok: false,
      reason: 'review-not-relevant',
    });
    expect(await disableNow(core.deps, { actor: core.admin, integration: 'surveymonkey' })).toMatchObject({
      ok: false,
      reason: 'not-installed',
    });
    await core.approve('SurveyMonkey');
    expect(await disableNow(core.deps, { actor: ada, integration: 'surveymonkey' })).toMatchObject({
      ok: false,
      reason: 'not-admin',
      task: 'disable-integrations',
    });
    expect(await disableNow(core.deps, { actor: core.admin, integration: 'surveymonkey' })).toMatchObject({
      ok: true,
      result: 'disabled',
    });
    expect(await disableNow(core.deps, { actor: core.admin, integration: 'surveymonkey' })).toMatchObject({
      ok: false,
      reason: 'already-disabled',
    });
  });
});
