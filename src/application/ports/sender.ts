import type { SendOutcome } from '../../domain/notice.js';
import type { View } from '../views/view.js';

/**
 * Delivers outbox notices for one platform. The outbox picks the sender by the target's
 * prefix (`slack:`, `teams:`, `console:`). Senders report; the delivery worker decides.
 */
export interface Sender {
  /** Posts a card to a conversation, or to a person as a direct message. */
  post(input: { target: string; view: View }): Promise<SendOutcome>;
  /** Replaces a card posted earlier. */
  update(input: { target: string; messageId: string; view: View }): Promise<SendOutcome>;
  /**
   * Resolves once the sender can send without first waiting on its own start (a platform client
   * still loading); the outbox waits for it before taking a conversation's slot or a request slot.
   */
  ready?(): Promise<unknown>;
  /** Rate limits for one conversation on this platform (docs/product.md#admin-channels-and-notices). */
  readonly limits: readonly { count: number; perMs: number }[];
}
