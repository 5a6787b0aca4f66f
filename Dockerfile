# syntax=docker/dockerfile:1
# The OnCue reference server with the demo pages and the SDK bundles (docs/deploy.md).
#   docker build -t oncue .
#   docker run -p 8787:8787 -v oncue-data:/data -e ONCUE_HOST_TOKEN=… oncue
# The SQLite file lives on the /data volume; with ONCUE_REDIS_URL set, state lives in Redis instead (compose.yaml).

FROM node:20-bookworm-slim AS build
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/protocol/package.json packages/protocol/
COPY packages/core/package.json packages/core/
COPY packages/telemetry/package.json packages/telemetry/
COPY packages/widgets/package.json packages/widgets/
COPY packages/server/package.json packages/server/
COPY packages/react/package.json packages/react/
COPY examples/react/package.json examples/react/
COPY examples/vue/package.json examples/vue/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    ONCUE_DATA_FILE=/data/oncue.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/examples/stream-page ./examples/stream-page
COPY --from=build /app/examples/host-console ./examples/host-console
COPY --from=build /app/examples/dashboard ./examples/dashboard
COPY --from=build /app/examples/gallery/index.html ./examples/gallery/index.html
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "packages/server/dist/cli.js"]
