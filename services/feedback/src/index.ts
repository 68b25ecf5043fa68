// The package's entry: the app, its wiring and configuration, and the review.accepted event id.
export { buildApp, type FeedbackAppDeps } from './app.js';
export { loadFeedbackConfig, type FeedbackConfig } from './config.js';
export { reviewAcceptedEventId } from './data-access/review-events.js';
export { wireFeedback, type FeedbackOverrides, type FeedbackWiring } from './wiring.js';
