/**
 * The HTTP edge both fakes share: bounded body reading, depth-limited JSON, short quotes of input in
 * error messages, and the browser-safety guard (Host, Origin and CORS, JSON content type). It imports
 * neither fake; each fake renders an EdgeError in its own error shape.
 */
export { EDGE_ERROR_CODES, EdgeError, type EdgeErrorCode, type EdgeErrorStatus } from "./edge-error.ts";
export { createEdgeGuard, type EdgeCors, type EdgeErrorRenderer, type EdgePolicy } from "./edge-policy.ts";
export { listenHosts } from "./listen-hosts.ts";
export { jsonTextDepth, parseBoundedJson } from "./parse-bounded-json.ts";
export { MAX_ERROR_MESSAGE, QUOTE_LIMIT, quotePrefix, truncateText } from "./quote-prefix.ts";
export { rawHeaderPairs } from "./raw-header-pairs.ts";
export { readBoundedText } from "./read-bounded-text.ts";
