import { stringify } from 'csv-stringify';
import type { Request, Response, Server } from 'restify';
import type { Deps } from '../../application/deps.js';
import type { AuditEntry } from '../../application/ports/audit-log.js';
import type { Logger } from '../../application/ports/logger.js';
import { completeProviderConsent } from '../../application/use-cases/complete-provider-consent.js';
import { completeIntegrationConnect } from '../../application/use-cases/connect-integration.js';
import { openExport } from '../../application/use-cases/export-history.js';
import { htmlPage } from './html-page.js';

const sendHtml = (res: Response, status: number, html: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

const COLUMNS = ['when', 'who', 'what', 'integration', 'details'];

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

/** Health, OAuth callbacks and CSV exports: each route parses, calls one use case, answers. */
export function mountHttpRoutes(server: Server, deps: Deps): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    const state = deps.store.read();
    res.json(200, {
      status: 'ok',
      queued: state.outbox.filter((n) => n.state === 'queued').length,
      time: deps.clock.now().toISOString(),
    });
  });

  server.get('/auth/office365/callback', async (req: Request, res: Response) => {
    const outcome = await completeProviderConsent(deps, req.query ?? {});
    sendHtml(res, outcome.ok ? 200 : 400, htmlPage(outcome));
  });

  server.get('/auth/integrations/:id/callback', async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const outcome = await completeIntegrationConnect(deps, {
      integrationId: String(req.params.id ?? ''),
      state: query.state,
      error: query.error,
    });
    sendHtml(res, outcome.ok ? 200 : 400, htmlPage(outcome));
  });

  server.get('/exports/:token', async (req: Request, res: Response) => {
    const opened = openExport(deps, String(req.params.token ?? ''));
    if (!opened.ok) {
      sendHtml(
        res,
        opened.status,
        htmlPage({ ok: false, title: 'Download unavailable', text: opened.message }),
      );
      return;
    }
    await streamCsv(res, opened, deps.logger);
  });
}
