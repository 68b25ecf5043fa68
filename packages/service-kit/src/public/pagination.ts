// Opaque list cursors and pages.
export { decodeCursor, encodeCursor, page } from '../pagination.js';
