// Calls to other ShopEasy services: bounded by a timeout and the request's deadline, one error when they fail.
export {
  DEADLINE_HEADER,
  isUnavailable,
  peerFetch,
  PeerUnavailableError,
  peerTimeoutSetting,
  problemOf,
  statusOf,
} from '../calls.js';
