# syntax=docker/dockerfile:1
# One image for the API, the worker and the CLI: the command names the program node runs.
#   docker build -t luoshi .
#   docker run luoshi                                          → the API on 3000 (the default command)
#   docker run luoshi dist/apps/worker/src/main.js             → the worker
#   docker run luoshi dist/apps/cli/src/main.js setup          → migrate, load the registry, create admin
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: all dependencies, the Nest apps compiled to dist/ and the web console to dist/web.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only, installed apart so the runtime never sees a dev package.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (graceful shutdown drains requests and jobs) and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# package.json: "type": "module" makes dist/*.js ES modules; nest-cli.json marks the root repoPath() finds.
COPY package.json nest-cli.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs
COPY --from=build /app/dist/web ./dist/web
# The registry (setup, import) and the seed plans (seed, start); the migrations are compiled into dist/libs.
COPY seeds ./seeds
# Trigger and function definitions the migrations apply by name (applySqlFile reads libs/<lib>/sql at run time).
COPY libs/escalation/sql ./libs/escalation/sql
COPY libs/supervision/sql ./libs/supervision/sql
# Everything above is root's and read-only to the process.
USER node
EXPOSE 3000
# The API's /health (PostgreSQL and Redis answer). The worker's service overrides it in docker-compose.yml.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["tini", "--", "node"]
CMD ["--max-semi-space-size=64", "dist/apps/api/src/main.js"]
