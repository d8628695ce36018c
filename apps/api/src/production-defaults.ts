// Imported first by main.ts, before anything loads graphql or express: NODE_ENV defaults to "production" for the
// server process. graphql-js otherwise runs a development-only check on every `instanceof` it makes (measured: a
// tenth of the CPU of a history query under load), and express picks its production settings. Set NODE_ENV to
// "development" explicitly to get graphql's multiple-realm diagnostics back.
process.env['NODE_ENV'] ??= 'production';
