/**
 * Node's fetch for the CLI's client, sending a byte body (a push chunk, ledger/api/push-engine.ts) without copying
 * it: given a Uint8Array, Node's fetch copies it into a buffer of its own that lives until the request is done and
 * then waits for V8's next full collection — while a big ledger's chunks were sent, those copies piled up to the
 * external-memory trigger (~64 MB) on top of the heap. The same bytes go as a one-piece stream instead, with their
 * Content-Length (so the request is not chunked); the engine keeps them for retries and frees them once the chunk
 * has landed. Every other body goes as it is.
 */
import type { Fetch } from "../../ledger/api/client.ts";

export const uncopiedFetch: Fetch = (input, init) => {
  const body = init?.body;
  if (!(body instanceof Uint8Array)) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set("Content-Length", String(body.byteLength));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
  // `duplex: "half"` is how Node's fetch takes a stream body; DOM's RequestInit does not know the field yet.
  return fetch(input, { ...init, headers, body: stream, duplex: "half" } as RequestInit);
};
