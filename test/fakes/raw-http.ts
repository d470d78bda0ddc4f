import { request } from 'node:http';

/** A request body: one buffer (sent with its Content-Length) or chunks (sent chunked, no length declared). */
export type RawBody = { buffer: Buffer } | { chunks: Buffer[] };

/**
 * Sends one request with node:http, where fetch cannot: a GET with a body, a declared length, a chunked
 * upload. Resolves with the status as soon as the answer arrives; a server that closes the connection
 * while the body is still being written has answered, so later write errors are ignored.
 */
export function rawRequest(input: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: RawBody;
}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      input.url,
      { method: input.method ?? 'POST', headers: { connection: 'close', ...input.headers } },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const body = input.body;
    if (body && 'buffer' in body) {
      req.setHeader('content-length', String(body.buffer.length));
      req.end(body.buffer);
    } else if (body) {
      for (const chunk of body.chunks) req.write(chunk);
      req.end();
    } else req.end();
  });
}

/** A multipart/form-data body with one file part of `size` bytes, as a browser form upload sends it. */
export function multipartBody(size: number): { contentType: string; buffer: Buffer } {
  const boundary = '----form-boundary-7MA4YWxkTrZu0gW';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    buffer: Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x61), Buffer.from(tail)]),
  };
}
