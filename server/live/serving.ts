// Swapping the served index without a restart and without dropping a request.
//
// Each index is served by its own Fastify app (a "generation": every route, cache and derived table
// built for that knowledge base). One front HTTP server owns the port and hands each request to the
// generation current at the moment it arrives. A swap makes the new generation current (one
// assignment: atomic for every later request); requests already inside the old one finish there,
// and the old app and knowledge base are closed once its last request has been answered. The
// search-result cache lives in the generation, so it goes with it.

import http from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { KnowledgeBase } from '../kb/types.ts';
import { clientErrorHandler } from '../errors.ts';

export interface Generation {
  /** A ready (app.ready() resolved), not listening Fastify app. */
  app: FastifyInstance;
  /** The knowledge base it serves; null for the "no index yet" app. */
  kb: KnowledgeBase | null;
  /** Build id of the index, or a name for an app without one. */
  label: string;
}

interface Slot {
  gen: Generation;
  inflight: number;
  retired: boolean;
  disposed: boolean;
}

/** Longest a retired generation waits for its last request before it is closed anyway. */
const RETIRE_TIMEOUT_MS = 60_000;

export class ServingSwitch {
  private slot: Slot;
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    first: Generation,
    private readonly log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
  ) {
    this.slot = { gen: first, inflight: 0, retired: false, disposed: false };
  }

  get current(): Generation {
    return this.slot.gen;
  }

  /** Requests being answered by the current generation. */
  get inflight(): number {
    return this.slot.inflight;
  }

  /** The front server's request handler. */
  handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const slot = this.slot;
    slot.inflight++;
    let done = false;
    res.once('close', () => {
      if (done) return;
      done = true;
      slot.inflight--;
      if (slot.retired && slot.inflight === 0) void this.dispose(slot);
    });
    slot.gen.app.routing(req, res);
  };

  /** Makes `next` current; the previous generation is closed after its last request. */
  swap(next: Generation): Generation {
    const old = this.slot;
    this.slot = { gen: next, inflight: 0, retired: false, disposed: false };
    old.retired = true;
    this.log.info({ from: old.gen.label, to: next.label, inflight: old.inflight }, 'index swapped');
    if (old.inflight === 0) void this.dispose(old);
    else {
      const timer = setTimeout(() => void this.dispose(old), RETIRE_TIMEOUT_MS);
      timer.unref();
    }
    return old.gen;
  }

  private dispose(slot: Slot): Promise<void> {
    if (slot.disposed) return Promise.resolve();
    slot.disposed = true;
    const p = (async () => {
      try {
        await slot.gen.app.close();
        slot.gen.kb?.close();
        this.log.info({ index: slot.gen.label }, 'index closed');
      } catch (err) {
        this.log.error({ err, index: slot.gen.label }, 'closing the previous index failed');
      }
    })();
    this.retiring.add(p);
    void p.finally(() => this.retiring.delete(p));
    return p;
  }

  /** Closes the current generation and waits for retiring ones (server shutdown, after the front closed). */
  async close(): Promise<void> {
    this.slot.retired = true;
    await this.dispose(this.slot);
    await Promise.all([...this.retiring]);
  }
}

/** Time limits of the front HTTP server (Node's http.Server options). */
export interface FrontTimeouts {
  /** The request line and all headers must have arrived this long after the request began (slow clients → 408). */
  headersTimeoutMs: number;
  /** The whole request, body included, within this (an upload of POLICYKB_UPLOAD_MAX on a slow link). */
  requestTimeoutMs: number;
  /** How often Node looks for connections past those limits: the 408 comes up to this much late. */
  checkIntervalMs: number;
}

export const FRONT_TIMEOUTS: FrontTimeouts = { headersTimeoutMs: 30_000, requestTimeoutMs: 300_000, checkIntervalMs: 2_000 };

/**
 * The front: a Fastify instance whose HTTP server hands every request to the switch. It has no
 * routes of its own; it owns listen/close (draining connections), the time limits of a request, and
 * answers what never reaches a generation (clientErrorHandler): requests the HTTP parser refuses
 * (400), a request line and headers over Node's size limit (431), a request too slow to arrive (408).
 */
export function buildFront(sw: ServingSwitch, timeouts: Partial<FrontTimeouts> = {}): FastifyInstance {
  const t = { ...FRONT_TIMEOUTS, ...timeouts };
  return Fastify({
    logger: false,
    clientErrorHandler,
    serverFactory: () => {
      const server = http.createServer(
        {
          headersTimeout: t.headersTimeoutMs,
          requestTimeout: t.requestTimeoutMs,
          connectionsCheckingInterval: t.checkIntervalMs,
        },
        sw.handle,
      );
      // fastify's default for the servers it creates itself (it leaves a factory's server alone).
      server.keepAliveTimeout = 72_000;
      return server;
    },
  });
}
