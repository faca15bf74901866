// How long a connection may take: to send its headers, its whole request, and to stay idle
// between requests. Fastify's server options, plus the Node http options it passes through.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { problemType } from './problems.js';

/**
 * Node checks the headers and request timeouts of open connections only this often (30 s by
 * default), so a slow client would otherwise keep its connection up to that long past its
 * timeout. A check walks the open connections: once a second is cheap.
 */
const connectionsCheckingIntervalMs = 1000;

/** A connection Node refuses before Fastify sees a request: a bare problem+json, then close. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const detail =
    status === 408
      ? 'The request was not received in time.'
      : status === 431
        ? 'The request headers are too large.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify({ type: problemType(title.toLowerCase().replace(/ /g, '-')), title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export function serverTimeouts(config: Pick<Config, 'REQUEST_TIMEOUT_MS' | 'HEADERS_TIMEOUT_MS' | 'KEEP_ALIVE_TIMEOUT_MS'>): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'keepAliveTimeout' | 'clientErrorHandler'
> & {
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    // Node refuses a headers timeout longer than the request timeout.
    http: {
      headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(connectionsCheckingIntervalMs, config.HEADERS_TIMEOUT_MS),
    },
    clientErrorHandler,
  };
}
