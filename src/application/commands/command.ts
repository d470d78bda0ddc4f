/** A person named in a command: a mention resolved by the channel, or a platform id typed out. */
export type PersonRef = { kind: 'id'; id: string } | { kind: 'unresolved'; text: string };

/** `approve` scopes: the requesters' groups (default), every group, or named groups. */
export type ScopeWords = { kind: 'requesters' } | { kind: 'all' } | { kind: 'groups'; groups: string[] };

/** Every command of docs/commands.md, parsed; names match the use cases they call. */
export type Command =
  | { name: 'help' }
  | { name: 'provider' }
  | { name: 'setProvider'; provider: string; onPremises: boolean }
  | { name: 'directory' }
  | { name: 'addCustom'; integration: string; host: string | null }
  | { name: 'permissions'; integration: string }
  | { name: 'request'; integration: string; reason: string | null }
  | { name: 'myRequests' }
  | { name: 'requests' }
  | { name: 'approve'; integration: string; scope: ScopeWords }
  | { name: 'deny'; integration: string; reason: string }
  | { name: 'enable'; integration: string; scope: ScopeWords }
  | { name: 'disable'; integration: string }
  | { name: 'remove'; integration: string; group: string | null }
  | { name: 'report' }
  | { name: 'export'; integration: string | null }
  | { name: 'deadlines' }
  | { name: 'keep'; integration: string }
  | { name: 'notices' }
  | { name: 'notifyHere' }
  | { name: 'admins' }
  | { name: 'adminAdd'; person: PersonRef }
  | { name: 'adminRemove'; person: PersonRef }
  | { name: 'groups' }
  | { name: 'groupCreate'; group: string }
  | { name: 'groupMember'; group: string; person: PersonRef; change: 'add' | 'remove' }
  | { name: 'groupAdmin'; group: string; person: PersonRef };

export type CommandName = Command['name'];

export type ParseResult =
  | { ok: true; command: Command; correctedFrom?: string }
  | { ok: false; message: string; suggestions: string[] };

/** Usage lines shown by `help` and in suggestions; `admin` marks commands for system admins. */
export const USAGE: readonly { usage: string; description: string; admin: boolean }[] = [
  { usage: 'help', description: 'List the commands', admin: false },
  { usage: 'provider', description: "Show the account's chat provider", admin: false },
  { usage: 'set provider skype|hangouts|none', description: 'Choose the chat provider', admin: true },
  { usage: 'integrations', description: 'Browse the integration directory', admin: false },
  {
    usage: 'integration add <name> [link <host>]',
    description: 'Add a custom integration to the directory',
    admin: true,
  },
  { usage: 'permissions <name>', description: 'What an integration may access', admin: false },
  {
    usage: 'request <name> [because <reason>]',
    description: 'Ask admins to add an integration',
    admin: false,
  },
  { usage: 'my requests', description: 'Your requests and their state', admin: false },
  { usage: 'requests', description: 'Pending requests', admin: true },
  {
    usage: 'approve <name> [for all | for <group>, <group>…]',
    description: 'Approve a request',
    admin: true,
  },
  { usage: 'deny <name> because <reason>', description: 'Deny a request', admin: true },
  { usage: 'enable <name> for all | for <group>…', description: 'Turn an integration on', admin: true },
  { usage: 'disable <name>', description: 'Turn an integration off, keeping its settings', admin: true },
  {
    usage: 'remove <name> [from <group>]',
    description: 'Remove an integration, or from one group',
    admin: false,
  },
  { usage: 'report', description: 'Permissions and data of every integration', admin: true },
  { usage: 'export [<name>]', description: 'Download the history as CSV', admin: true },
  { usage: 'deadlines', description: 'Integrations facing a review deadline', admin: true },
  { usage: 'keep <name>', description: 'Keep a failed-review integration until its deadline', admin: true },
  { usage: 'notices', description: 'Notices waiting to be delivered', admin: true },
  { usage: 'notify here', description: 'Send admin notices to this conversation', admin: true },
  { usage: 'admins', description: 'List the system admins', admin: false },
  { usage: 'admin add|remove <person>', description: 'Manage system admins', admin: true },
  { usage: 'groups', description: 'List the groups', admin: false },
  { usage: 'group create <name>', description: 'Create a group', admin: true },
  { usage: 'group <name> add|remove <person>', description: 'Manage group members', admin: true },
  { usage: 'group <name> admin <person>', description: 'Make someone a group admin', admin: true },
];
