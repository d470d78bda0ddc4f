import type { Activity, TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Engine } from '../../application/engine.js';
import type { Logger } from '../../application/ports/logger.js';
import { type InboundActivity, parseInboundActivity } from './activity.js';
import type { TeamsCloudAdapter } from './adapter.js';
import { type AdmissionConfig, admissionRefusal, refuseActivity } from './admission.js';
import { dispatch } from './handlers/index.js';
import { localModeRefusal } from './local-mode.js';
import { silenceConnectorConsole } from './quiet-console.js';
import { createRefusalLog } from './refusal-log.js';

export const MESSAGES_PATH = '/api/messages';

/** Largest activity accepted; Bot Framework activities are far smaller (Teams caps a message near 28 KB). */
export const MESSAGES_BODY_LIMIT = 1_000_000;

export interface MountOptions {
  server: restify.Server;
  adapter: TeamsCloudAdapter;
  engine: Engine;
  logger: Logger;
  config: AdmissionConfig;
}

type Next = (stop?: false) => void;
type Req = restify.Request;
type Res = restify.Response;

const refuse = (res: Res, next: Next, status: number, message: string) => {
  res.send(status, { error: { code: status === 403 ? 'Forbidden' : 'BadRequest', message } });
  next(false);
};

/**
 * docs/security.md (bodies): JSON only, and no larger than the limit, checked before anything is read (restify's general
 * body parser would have streamed a multipart body to temporary files; only its JSON parser is used).
 */
function checkBody(req: Req, res: Res, next: Next): void {
  if (req.getContentType() !== 'application/json')
    refuse(res, next, 415, 'Activities are JSON: send Content-Type application/json.');
  else if (Number(req.headers['content-length'] ?? 0) > MESSAGES_BODY_LIMIT)
    refuse(res, next, 413, `An activity is at most ${MESSAGES_BODY_LIMIT} bytes.`);
  else next();
}

/** Local mode (no app id): only this machine may post, before its body is even read (docs/security.md). */
function checkLocalPeer(req: Req, res: Res, next: Next): void {
  const refusal = localModeRefusal({ remoteAddress: req.socket.remoteAddress });
  if (refusal) refuse(res, next, 403, refusal);
  else next();
}

const authStatus = (error: unknown): number | null => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
};

/** The turn of an authenticated activity: refused when it comes from another channel or tenant. */
function turnOf(options: MountOptions, activity: InboundActivity) {
  const { engine, logger, config } = options;
  return async (context: TurnContext): Promise<void> => {
    const refusal = admissionRefusal(activity, config);
    if (!refusal) return dispatch({ engine, logger, context, activity });
    logger.warn('teams activity refused', { channelId: activity.channelId, reason: refusal });
    await refuseActivity(context, activity, refusal);
  };
}

/** Parses, checks the serviceUrl in local mode, then authenticates and runs one activity. */
function handlerOf(options: MountOptions) {
  const { adapter, logger, config } = options;
  const noteRefused = createRefusalLog({ logger });
  return async (req: Req, res: Res): Promise<void> => {
    const parsed = parseInboundActivity(req.body);
    if (!parsed.ok) {
      logger.warn('teams activity refused', { error: parsed.error });
      res.send(400, { error: { code: 'BadRequest', message: parsed.error } });
      return;
    }
    const { serviceUrl } = parsed.activity;
    const refusal = config.appId
      ? null
      : localModeRefusal({ remoteAddress: req.socket.remoteAddress, serviceUrl });
    if (refusal) {
      logger.warn('teams activity refused', { reason: refusal });
      res.send(403, { error: { code: 'Forbidden', message: refusal } });
      return;
    }
    try {
      const authorization = String(req.headers.authorization ?? '');
      const turn = turnOf(options, parsed.activity);
      const invoke = await adapter.run(authorization, req.body as Activity, turn);
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      if (authStatus(error) === null) throw error;
      noteRefused(error instanceof Error ? error.message : String(error));
      res.send(401, { error: { code: 'Unauthorized', message: 'Bot Framework authentication failed.' } });
    }
  };
}

/**
 * `POST /api/messages`: the JSON body is parsed on this route only (Slack's route needs the raw body),
 * checked with zod (malformed → 400), then authenticated and run by the CloudAdapter; an authenticated
 * activity from another channel or tenant acts on nothing and gets a refusal.
 */
export function mountMessages(options: MountOptions): void {
  silenceConnectorConsole();
  // The JSON parser's body reader counts streamed bytes against maxBodySize (its typings omit the option).
  const parserOptions: restify.plugins.BodyParserOptions = {
    maxBodySize: MESSAGES_BODY_LIMIT,
    mapParams: false,
  };
  const parseJson = restify.plugins.jsonBodyParser(parserOptions);
  const guards = options.config.appId ? [checkBody] : [checkLocalPeer, checkBody];
  options.server.post(MESSAGES_PATH, ...guards, parseJson, handlerOf(options));
}
