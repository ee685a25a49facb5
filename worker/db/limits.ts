/** D1 refuses strings over 2 MB: bulk JSON parameters are split so that even 3 UTF-8 bytes per character stays below. */
export const MAX_JSON_PARAM_BYTES = 1_800_000;
