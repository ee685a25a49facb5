// Where `npm start` serves the task pane over HTTPS, and what to say when manifest.xml points elsewhere.
import { DEFAULT_ADDIN_URL } from "../manifest.ts";

export function httpsPaneUrl(port: number): string {
  return `https://localhost:${port}`;
}

/** A line for the developer when HTTPS_PORT moved the pane away from the URL manifest.xml was generated for; else null. */
export function manifestNote(paneUrl: string, manifestUrl: string = DEFAULT_ADDIN_URL): string | null {
  if (new URL(paneUrl).origin === new URL(manifestUrl).origin) return null;
  return `manifest.xml 指向 ${manifestUrl}，与此地址不同 manifest.xml points at ${manifestUrl}, not here; for this port run:\n  TIAOJIE_ADDIN_URL=${paneUrl} npm run manifest`;
}
