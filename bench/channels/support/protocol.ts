/** Messages between a benchmark and its load driver (a child process holding the client and the fakes). */

/** One inbound request to send: a Slack app_mention, a Slack slash command or a Teams message. */
export interface Op {
  /** Base URL of the server under test. */
  base: string;
  channel: 'slack-mention' | 'slack-dm' | 'slack-command' | 'teams-message';
  /** A Slack user id (`U…`) or, for Teams, a short name the driver turns into a Teams user. */
  user: string;
  text: string;
}

/** What one request cost, seen from the client. */
export interface OpResult {
  ok: boolean;
  status: number;
  /** Until the HTTP response (Slack's acknowledgement; Teams answers after its reply). */
  responseMs: number;
  /**
   * Until the first reply reached the fake platform (chat.postMessage, response_url, connector),
   * or until the HTTP response when that response carries the answer (a slash command's ack body).
   */
  answerMs: number;
}

export type DriverCommand =
  | { id: number; type: 'sequential'; ops: Op[] }
  | { id: number; type: 'open-loop'; ops: Op[]; ratePerSecond: number }
  | { id: number; type: 'concurrent'; ops: Op[]; concurrency: number }
  | { id: number; type: 'stop' };

export type DriverMessage =
  | { type: 'ready'; slackApiUrl: string; serviceUrl: string }
  | {
      type: 'done';
      id: number;
      results: OpResult[];
      sendLagMs: number[];
      /** The driver's own CPU time over the run's wall time (1 = one core busy). */
      driverBusy: number;
    }
  | { type: 'failed'; id: number; error: string };

/** Secrets the driver signs with and the servers check; local values only. */
export const SLACK_SECRET = 'bench-slack-signing-secret';
export const SLACK_TOKEN = 'xoxb-bench-token';
/** Milliseconds a request may take before it counts as failed. */
export const ANSWER_TIMEOUT_MS = 5_000;
