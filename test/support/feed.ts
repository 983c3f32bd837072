/** One Server-Sent Events message as a client reads it. */
export interface FeedMessage {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads a feed over HTTP as an app would (fetch, streamed): messages are handed to `onMessage`
 * until it returns false, the server ends the stream, or `signal` aborts.
 */
export async function readFeed(
  url: string,
  headers: Record<string, string>,
  onMessage: (m: FeedMessage) => boolean,
): Promise<{ status: number; ended: boolean; body?: string }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (res.status !== 200) return { status: res.status, ended: true, body: await res.text() };
  const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { status: 200, ended: true };
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const m: FeedMessage = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':') || line === '') continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') m.id = value;
          else if (field === 'event') m.event = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length === 0 && m.id === undefined && m.event === undefined) continue;
        m.data = data.join('\n');
        if (!onMessage(m)) {
          abort.abort();
          return { status: 200, ended: false };
        }
      }
    }
  } catch (err) {
    if (abort.signal.aborted) return { status: 200, ended: false };
    throw err;
  }
}
