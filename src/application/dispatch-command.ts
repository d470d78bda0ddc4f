import { isSystemAdmin } from '../domain/people.js';
import { openRequestFor } from '../domain/request.js';
import { deadlineActionView } from './affected-deadlines.js';
import type { Command } from './commands/command.js';
import { parseCommand } from './commands/parse-command.js';
import { noOpenRequest } from './decisions.js';
import type { Deps } from './deps.js';
import { digestSchedule } from './digest.js';
import type { Reply, TextInput } from './engine.js';
import { noteActor } from './note-actor.js';
import { resolveIntegration } from './resolve.js';
import { addCustomIntegration } from './use-cases/add-custom-integration.js';
import { blockIntegration } from './use-cases/block-integration.js';
import { decideMany } from './use-cases/decide-many.js';
import { denyIntegrationRequest } from './use-cases/deny-integration-request.js';
import { disableIntegration } from './use-cases/disable-integration.js';
import { disconnectIntegration } from './use-cases/disconnect-integration.js';
import { enableIntegration } from './use-cases/enable-integration.js';
import { createExportLink } from './use-cases/export-history.js';
import { extendTimeBox } from './use-cases/extend-time-box.js';
import { keepIntegration } from './use-cases/keep-integration.js';
import { listBlocked } from './use-cases/list-blocked.js';
import { listDeadlines } from './use-cases/list-deadlines.js';
import { listNotices } from './use-cases/list-notices.js';
import { listPermissionChanges } from './use-cases/list-permission-changes.js';
import { listMyRequests, listRequests } from './use-cases/list-requests.js';
import { changeAdmin, listAdmins } from './use-cases/manage-admins.js';
import { changeGroupMember, createGroup, listGroups } from './use-cases/manage-groups.js';
import { notifyHere } from './use-cases/notify-here.js';
import { prepareApproval } from './use-cases/prepare-approval.js';
import { removeIntegration } from './use-cases/remove-integration.js';
import { requestIntegration } from './use-cases/request-integration.js';
import { setProvider, showProvider } from './use-cases/set-provider.js';
import { showDigest } from './use-cases/show-digest.js';
import { showDirectory } from './use-cases/show-directory.js';
import { showPermissions } from './use-cases/show-permissions.js';
import { showReport } from './use-cases/show-report.js';
import { startConnect } from './use-cases/start-connect.js';
import { unblockIntegration } from './use-cases/unblock-integration.js';
import {
  addCustomViews,
  adminListView,
  blockViews,
  changeAdminViews,
  createGroupViews,
  disableViews,
  enableViews,
  exportLinkViews,
  groupListView,
  groupMemberViews,
  notifyHereViews,
  removeViews,
  setProviderViews,
  unblockViews,
} from './views/admin-outcome-views.js';
import { disconnectViews, startConnectViews } from './views/connect-views.js';
import { digestViews } from './views/digest-views.js';
import { buildHelp } from './views/help-view.js';
import { correctionView, parseRefusalView } from './views/parse-words.js';
import { permissionChangeListView } from './views/permission-change-views.js';
import { buildProviderView } from './views/provider-view.js';
import {
  blockedListView,
  deadlineListViews,
  directoryViewOf,
  noticeListViews,
  permissionsViews,
  reportViews,
  requestListView,
} from './views/query-views.js';
import { refusalView, worded } from './views/refusal-words.js';
import {
  bulkDecisionViews,
  decisionViews,
  prepareApprovalViews,
  requestViews,
} from './views/request-outcome-views.js';
import { timeBoxActionViews } from './views/time-box-views.js';
import type { View } from './views/view.js';

/** Runs one parsed command through its use case; every branch re-reads roles from the store. */
async function run(deps: Deps, input: TextInput, command: Command): Promise<View[]> {
  const { actor, origin } = input;
  const mentions = input.mentions ?? [];
  const wording = { timeZone: deps.settings.timeZone };
  switch (command.name) {
    case 'help':
      return [buildHelp(isSystemAdmin(deps.store.read(), actor.id))];
    case 'provider':
      return [buildProviderView(showProvider(deps), wording)];
    case 'setProvider':
      return setProviderViews(
        await setProvider(deps, {
          actor,
          origin,
          provider: command.provider,
          onPremises: command.onPremises,
        }),
        wording,
      );
    case 'directory':
      return [directoryViewOf(showDirectory(deps, { actor }), { ...wording, state: deps.store.read() })];
    case 'addCustom':
      return addCustomViews(
        await addCustomIntegration(deps, { actor, name: command.integration, host: command.host }),
        wording,
      );
    case 'permissions':
      return permissionsViews(showPermissions(deps, { integration: command.integration }), wording);
    case 'request':
      return requestViews(
        await requestIntegration(deps, {
          actor,
          integration: command.integration,
          reason: command.reason,
          anyway: command.anyway,
        }),
        wording,
      );
    case 'myRequests':
      return [requestListView(listMyRequests(deps, { actor }), { ...wording, state: deps.store.read() })];
    case 'requests':
      return [requestListView(listRequests(deps, { actor }), { ...wording, state: deps.store.read() })];
    case 'approve':
      return prepareApprovalViews(
        prepareApproval(deps, {
          actor,
          integration: command.integration,
          scope: command.scope,
          ends: command.ends,
        }),
        wording,
      );
    case 'deny': {
      const state = deps.store.read();
      const found = resolveIntegration(deps, state, command.integration);
      if (!found.ok) return [refusalView(found, wording.timeZone)];
      const open = openRequestFor(state, found.entry.id);
      if (!open)
        return [refusalView(noOpenRequest(state, { entry: found.entry, wanted: 'deny' }), wording.timeZone)];
      return decisionViews(
        await denyIntegrationRequest(deps, { actor, requestId: open.id, reason: command.reason }),
        wording,
      );
    }
    case 'approveMany':
    case 'denyMany': {
      const approving = command.name === 'approveMany';
      return bulkDecisionViews(
        await decideMany(deps, {
          actor,
          outcome: approving ? 'approved' : 'denied',
          targets: { kind: 'names', names: command.integrations },
          scope: approving ? command.scope : { kind: 'requesters' },
          ends: approving ? command.ends : null,
          reason: approving ? null : command.reason,
        }),
        wording,
      );
    }
    case 'enable':
      return enableViews(
        await enableIntegration(deps, {
          actor,
          integration: command.integration,
          scope: command.scope,
          ends: command.ends,
        }),
        wording,
      );
    case 'extend':
      return timeBoxActionViews(
        await extendTimeBox(deps, { actor, integration: command.integration, by: command.by }),
        wording,
      );
    case 'disable':
      return disableViews(
        await disableIntegration(deps, { actor, integration: command.integration }),
        wording,
      );
    case 'remove':
      return removeViews(
        await removeIntegration(deps, {
          actor,
          integration: command.integration,
          group: command.group,
          confirmed: false,
        }),
        wording,
      );
    case 'report':
      return reportViews(showReport(deps, { actor }), wording);
    case 'export':
      return exportLinkViews(createExportLink(deps, { actor, integration: command.integration }), wording);
    case 'deadlines':
      return deadlineListViews(listDeadlines(deps, { actor }), wording);
    case 'digest':
      return digestViews(showDigest(deps, { actor }), {
        ...wording,
        state: deps.store.read(),
        now: deps.clock.now(),
        schedule: digestSchedule(deps).kind,
      });
    case 'keep':
      return [
        deadlineActionView(deps, await keepIntegration(deps, { actor, integration: command.integration })),
      ];
    case 'block':
      return blockViews(
        await blockIntegration(deps, { actor, integration: command.integration, reason: command.reason }),
        wording,
      );
    case 'unblock':
      return unblockViews(
        await unblockIntegration(deps, { actor, integration: command.integration }),
        wording,
      );
    case 'blocked':
      return [blockedListView(listBlocked(deps), wording)];
    case 'connect':
      return startConnectViews(
        await startConnect(deps, { actor, integration: command.integration }),
        wording,
      );
    case 'disconnect':
      return disconnectViews(
        await disconnectIntegration(deps, { actor, integration: command.integration }),
        wording,
      );
    case 'notices':
      return noticeListViews(listNotices(deps, { actor }), wording);
    case 'permissionChanges':
      return worded(listPermissionChanges(deps, { actor }), wording, (done) => [
        permissionChangeListView(done),
      ]);
    case 'notifyHere':
      return notifyHereViews(await notifyHere(deps, { actor, origin }), wording);
    case 'admins':
      return [adminListView(listAdmins(deps))];
    case 'adminAdd':
    case 'adminRemove':
      return changeAdminViews(
        await changeAdmin(deps, {
          actor,
          person: command.person,
          mentions,
          change: command.name === 'adminAdd' ? 'add' : 'remove',
        }),
        wording,
      );
    case 'groups':
      return [groupListView(listGroups(deps))];
    case 'groupCreate':
      return createGroupViews(await createGroup(deps, { actor, name: command.group }), wording);
    case 'groupMember':
    case 'groupAdmin':
      return groupMemberViews(
        await changeGroupMember(deps, {
          actor,
          group: command.group,
          person: command.person,
          mentions,
          change: command.name === 'groupAdmin' ? 'admin' : command.change,
        }),
        wording,
      );
  }
}

/** Parses a message and answers it; a refused parse is worded by parse-words (an unknown command gets the nearest commands). */
export async function dispatchCommand(deps: Deps, input: TextInput): Promise<Reply> {
  const parsed = parseCommand(input.text);
  if (!parsed.ok) return { views: [parseRefusalView(parsed)] };
  await noteActor(deps, input.actor);
  const views = await run(deps, input, parsed.command);
  if (parsed.corrected) views.unshift(correctionView(parsed.corrected));
  return { views };
}
