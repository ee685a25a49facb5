/** What one push chunk may carry. Clients aim for ≤ 1,000 rows and ≤ 1 MB; the server allows JSON overhead on top. */
export const MAX_ROWS_PER_CHUNK = 1_000;
export const MAX_CHUNK_BYTES = 1_572_864;
/** D1 refuses strings over 2 MB: bulk JSON parameters are split so that even 3 UTF-8 bytes per character stays below. */
export const MAX_JSON_PARAM_BYTES = 1_800_000;
export const MAX_CHUNKS_PER_PUSH = 10_000;
