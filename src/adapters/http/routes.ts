import { stringify } from 'csv-stringify';
import type { Request, Response, Server } from 'restify';
import { OAUTH_CALLBACK_PATH } from '../../application/connect-link.js';
import type { Refusal } from '../../application/outcomes.js';
import type { AuditEntry } from '../../application/ports/audit-log.js';
import type { Logger } from '../../application/ports/logger.js';
import type { ConnectOutcome } from '../../application/use-cases/complete-integration-connect.js';
import type { ConsentOutcome } from '../../application/use-cases/complete-provider-consent.js';
import type { ExportRead } from '../../application/use-cases/export-history.js';
import { callbackPage } from '../../application/views/admin-outcome-views.js';
import { htmlPage } from './html-page.js';

const sendHtml = (res: Response, status: number, html: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

const COLUMNS = ['when', 'who', 'what', 'integration', 'details'];

/** The HTTP status of a refused download: unknown, gone, or no longer allowed. */
const EXPORT_STATUS: Record<Extract<Refusal['reason'], `link-${string}`>, number> = {
  'link-invalid': 404,
  'link-expired': 410,
  'link-used': 404,
  'link-owner-not-admin': 403,
};

/**
 * The HTTP status of a refused OAuth callback: the browser's request was wrong (4xx), or the
 * provider's token endpoint failed us (502 for a refusal or a bad answer, 504 for no answer).
 */
const CONNECT_STATUS: Record<Exclude<ConnectOutcome, { ok: true }>['reason'], number> = {
  'callback-malformed': 400,
  'link-invalid': 400,
  'link-expired': 410,
  'link-used': 409,
  'provider-refused': 403,
  'integration-gone': 404,
  'link-owner-not-admin': 403,
  'no-connect-step': 404,
  'connect-not-configured': 503,
  'token-exchange-failed': 502,
};

/**
 * Streams the history as CSV. Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
 * first) are neutralised by csv-stringify's `escape_formulas` (docs/product.md#safety-and-data). A read that fails once the
 * headers are out cannot become an error page: it is logged and the download cut short, so the file is
 * visibly incomplete rather than silently truncated, and the process carries on.
 */
async function streamCsv(
  res: Response,
  opened: { filename: string; entries: AsyncIterable<AuditEntry> },
  logger: Logger,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${opened.filename}"`,
    'cache-control': 'no-store',
  });
  const csv = stringify({ header: true, columns: COLUMNS, escape_formulas: true });
  csv.pipe(res);
  try {
    for await (const e of opened.entries) {
      csv.write([e.at, e.actor, e.action, e.integrationId ?? '', e.details]);
    }
    csv.end();
  } catch (error) {
    logger.error('export failed while streaming', {
      file: opened.filename,
      error: error instanceof Error ? error.message : String(error),
    });
    csv.unpipe(res);
    res.destroy();
  }
}

/** The use cases behind the routes, bound to their dependencies by compose. */
export interface HttpUseCases {
  showHealth(): { queued: number; time: string };
  /** Null when the store can serve now, else why not. */
  checkReady(): Promise<string | null>;
  completeProviderConsent(query: unknown): Promise<ConsentOutcome>;
  completeIntegrationConnect(input: { query: unknown }): Promise<ConnectOutcome>;
  openExport(token: string): ExportRead;
  logger: Logger;
}

/** Health, OAuth callbacks and CSV exports: each route parses, calls one use case, answers. */
export function mountHttpRoutes(server: Server, deps: HttpUseCases): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', ...deps.showHealth() });
  });

  // For a load balancer: /healthz says the process serves, /readyz also that its database answers.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const problem = await deps.checkReady();
    if (problem === null) res.json(200, { status: 'ready' });
    else res.json(503, { status: 'unavailable', problem });
  });

  server.get('/auth/office365/callback', async (req: Request, res: Response) => {
    const outcome = await deps.completeProviderConsent(req.query ?? {});
    sendHtml(res, outcome.ok ? 200 : 400, htmlPage(callbackPage(outcome, 'consent')));
  });

  server.get(OAUTH_CALLBACK_PATH, async (req: Request, res: Response) => {
    const outcome = await deps.completeIntegrationConnect({ query: req.query ?? {} });
    const status = outcome.ok
      ? 200
      : outcome.reason === 'token-exchange-failed' && outcome.problem === 'unreachable'
        ? 504
        : CONNECT_STATUS[outcome.reason];
    sendHtml(res, status, htmlPage(callbackPage(outcome, 'connect')));
  });

  server.get('/exports/:token', async (req: Request, res: Response) => {
    const opened = deps.openExport(String(req.params.token ?? ''));
    if (!opened.ok) {
      sendHtml(res, EXPORT_STATUS[opened.reason] ?? 404, htmlPage(callbackPage(opened, 'export')));
      return;
    }
    await streamCsv(res, opened, deps.logger);
  });
}
