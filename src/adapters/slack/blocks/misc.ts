import type {
  HelpView,
  LinkView,
  MessageView,
  ProviderView,
  TimeBoxNoticeView,
} from '../../../application/views/view.js';
import type { KnownBlock } from './kit.js';
import { actions, bullets, clip, context, escapeText, fitItems, header, LIMITS, section } from './kit.js';

type Ids = (verb: string) => string;

const TONE_ICON = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
} as const;

export function messageBlocks(view: MessageView, nextId: Ids): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`${TONE_ICON[view.tone]} ${escapeText(view.text)}`, { raw: true })];
  if (view.lines?.length) blocks.push(bullets(view.lines));
  return [...blocks, ...actions(view.actions, nextId)];
}

export function helpBlocks(view: HelpView, budget: number): KnownBlock[] {
  const head = [header(view.forAdmin ? 'Commands (admin)' : 'Commands')];
  const perSection = 20;
  const chunks: (typeof view.commands)[] = [];
  for (let i = 0; i < view.commands.length; i += perSection)
    chunks.push(view.commands.slice(i, i + perSection));
  const body = fitItems({
    items: chunks,
    budget: budget - head.length - 1,
    render: (chunk) => [
      bullets(
        chunk.map((c) => `\`${escapeText(c.usage)}\` — ${escapeText(c.description)}`),
        { raw: true },
      ),
    ],
  });
  return [
    ...head,
    ...body,
    context(['Use /integrations <command>, mention the bot, or write to it directly.']),
  ];
}

export function providerBlocks(view: ProviderView): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`Chat provider: ${view.currentName}`), section(view.text)];
  if (view.consent) {
    blocks.push(
      section(
        `Consent for *${escapeText(view.consent.forProvider)}* is waiting for an Office 365 Global Administrator. Forward this link to one: <${clip(view.consent.url, LIMITS.text - 200)}|Grant consent>`,
        { raw: true },
      ),
      context([`The link expires ${view.consent.expiresAt}.`]),
    );
  }
  return blocks;
}

export function linkBlocks(view: LinkView): KnownBlock[] {
  return [
    section(`*${escapeText(view.title)}*\n${escapeText(view.text)}`, { raw: true }),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'openLink:0',
          text: { type: 'plain_text', text: clip(view.label, LIMITS.buttonText) },
          url: view.url.slice(0, 3000),
        },
      ],
    },
  ];
}

/** A time box's card: what ends when, what an admin chose, and the duration beside Extend. */
export function timeBoxBlocks(view: TimeBoxNoticeView, nextId: Ids): KnownBlock[] {
  const icon = view.state === 'ended' ? ':no_entry:' : view.state === 'ending' ? ':hourglass:' : ':calendar:';
  return [
    section(`${icon} *${escapeText(view.title)}*\n${escapeText(view.text)}`, { raw: true }),
    ...(view.statusLine ? [context([view.statusLine])] : []),
    ...actions(view.actions, nextId),
  ];
}
