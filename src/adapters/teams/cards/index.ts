export { type CardJson, submitData } from './card-actions.js';
export { inputValuesOf } from './input-ids.js';
export {
  CARD_VERSION,
  MAX_REFRESH_USERS,
  type RenderOptions,
  renderAdaptiveCard,
  renderUnfurlCard,
  UNFURL_CARD_VERSION,
} from './render-adaptive-card.js';
