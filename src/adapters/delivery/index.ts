export type { DeliveryLine } from './apply-attempts.js';
export { applyAttempts, compactedOutbox, MAX_GIVEN_UP } from './apply-attempts.js';
export type { DeliveryReport, DeliveryWorker, DeliveryWorkerOptions } from './create-delivery-worker.js';
export { createDeliveryWorker } from './create-delivery-worker.js';
export { laterSender } from './later-sender.js';
export { createMemorySendPacing } from './memory-pacing.js';
export type { RateLimit, RateLimiter } from './rate-limiter.js';
export { createRateLimiter } from './rate-limiter.js';
