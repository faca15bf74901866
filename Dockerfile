# syntax=docker/dockerfile:1
# Multi-stage: the build stage has the toolchain better-sqlite3 needs to compile on Node 20
# (python3, make, g++) and TypeScript; the runtime stage has only production dependencies and
# the compiled JavaScript, and runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# jemalloc in place of glibc's malloc: the response caches keep bodies in buffers of their own
# while other buffers come and go around them, and glibc's malloc keeps the freed chunks between
# them resident (40-60 MiB at a million articles); jemalloc gives such pages back. Measured in
# README "Scale", memory. The link gives it one path on amd64 and arm64. Two arenas instead of
# jemalloc's default four per CPU: nearly every allocation comes from Node's main thread, and each
# arena keeps pages of its own (at 10k articles 120-126 MiB resident at start instead of 142,
# README "Scale", memory).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2" /usr/local/lib/libjemalloc.so.2
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/content.db \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    MALLOC_CONF=narenas:2
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/migrations ./migrations
COPY --chown=node:node package.json ./
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Run the compiled service directly (not through npm) so SIGTERM reaches Node and closes it gracefully.
# Semi-spaces of 4 MiB (Node 20: 16) keep the young generation's share of resident memory small.
# An old generation of at most 1 GiB makes V8 collect it once it reaches 1.6 times what survived
# the last full collection, not up to 4 times as with the default limit of a machine with several
# GiB (V8 scales that factor with the limit); the live heap is some 50-70 MiB at a million
# articles (README "Scale", memory). bench/servers.ts starts the service the same way.
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=1024", "dist/src/server.js"]
