import type { View } from '../../application/views/view.js';

const MAX = 250;

function headline(view: View): string {
  switch (view.kind) {
    case 'message':
    case 'requestReceipt':
    case 'decisionResult':
    case 'provider':
      return view.text;
    case 'requestNotice':
      return view.decisionLine
        ? `${view.integration.name}: ${view.decisionLine}`
        : `Integration request: ${view.integration.name}`;
    case 'permissions':
      return `Permissions for ${view.integration.name}`;
    case 'list':
    case 'link':
    case 'deadlineNotice':
    case 'timeBoxNotice':
    case 'requestList':
      return view.title;
    case 'help':
      return 'Commands';
    case 'directory':
      return 'Integrations';
    case 'report':
      return 'Permissions and data';
  }
}

/**
 * The one line Teams shows for a card in notifications and the chat list (the activity's `summary`),
 * which would otherwise read "sent a card".
 */
export function summaryOf(view: View): string {
  const line = headline(view).replace(/\s+/g, ' ').trim();
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}
