/** Nest injection tokens of the ingest module. */
export const INGEST_LOGGER = Symbol('INGEST_LOGGER');
export const INGEST_RUNTIME = Symbol('INGEST_RUNTIME');
