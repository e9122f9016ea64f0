// Request limits of the HTTP server, in a module of their own so the CLI can name them in its
// help without loading the server.

/** Default largest request body: an article of a few hundred pages, far below what would hurt. */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
