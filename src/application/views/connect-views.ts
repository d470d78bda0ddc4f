import { CONNECT_TTL_MS } from '../connect-link.js';
import type {
  ConnectFacts,
  ConnectStep,
  DisconnectDone,
  IntegrationFacts,
  StartConnectDone,
} from '../outcomes.js';
import { formatDateTime, message } from './format.js';
import { type AnyOutcome, type Wording, worded } from './refusal-words.js';
import type { LinkView, RequestNoticeView, View } from './view.js';

/** What admins read of OAuth connections: connect links, connection lines, disconnects (English today). */

const LINK_MINUTES = Math.round(CONNECT_TTL_MS / 60_000);

/** One line on where a connection stands, or null for an integration without a connect step. */
export function connectionLine(
  facts: ConnectFacts,
  input: { name: string; timeZone: string },
): NonNullable<RequestNoticeView['connection']> | null {
  switch (facts.status) {
    case 'none':
      return null;
    case 'connected':
      return {
        state: 'connected',
        line: `Connected by ${facts.by} — ${formatDateTime(facts.at, input.timeZone)}`,
      };
    case 'not-connected':
      return {
        state: 'not-connected',
        line: `Not connected yet: an admin connects ${input.name} with Connect.`,
      };
    case 'not-configured':
      return {
        state: 'not-configured',
        line: `Connect step not configured: set ${facts.missing.join(' and ')} and restart the bot.`,
      };
  }
}

/** The authorise link as a card only its admin sees. */
function linkView(integration: IntegrationFacts, url: string): LinkView {
  return {
    kind: 'link',
    title: `Connect ${integration.name}`,
    text: `Sign in at ${integration.vendor} and allow access to finish. The link is for you only, works once and expires in ${LINK_MINUTES} minutes.`,
    url,
    label: `Connect ${integration.name}`,
  };
}

/** What an admin who just turned an integration on reads of its connect step (nothing without one). */
export function connectStepViews(step: ConnectStep, integration: IntegrationFacts, w: Wording): View[] {
  if (step.authorizeUrl) return [linkView(integration, step.authorizeUrl)];
  const line = connectionLine(step, { name: integration.name, timeZone: w.timeZone });
  if (!line || step.status === 'not-connected') return [];
  return [message(step.status === 'connected' ? 'info' : 'warning', line.line)];
}

/** The text added to an approval's answer about connecting. */
export function connectStepSentence(step: ConnectStep, integration: IntegrationFacts): string {
  if (step.authorizeUrl) return ` Connect ${integration.name} to finish.`;
  if (step.status === 'not-configured')
    return ` Its connect step is not configured: set ${step.missing.join(' and ')} and restart the bot.`;
  return '';
}

export function startConnectViews(o: AnyOutcome<StartConnectDone>, w: Wording): View[] {
  return worded(o, w, (d) => [linkView(d.integration, d.url)]);
}

export function disconnectViews(o: AnyOutcome<DisconnectDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    const name = d.integration.name;
    if (d.revoke.result === 'revoked')
      return [
        message(
          'success',
          `${name} is disconnected: ${d.integration.vendor} revoked its token, and the bot deleted it.`,
        ),
      ];
    if (d.revoke.result === 'no-endpoint')
      return [
        message(
          'success',
          `${name} is disconnected: the bot deleted its token. ${d.integration.vendor} offers no revocation endpoint; remove the app's access in your ${d.integration.vendor} account settings too.`,
        ),
      ];
    return [
      message(
        'warning',
        `${name} is disconnected here, but ${d.integration.vendor} did not revoke its token (${d.revoke.detail.slice(0, 120)}). The bot deleted its copy; remove the app's access in your ${d.integration.vendor} account settings.`,
      ),
    ];
  });
}
