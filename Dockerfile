# The service image: built in one stage, run from a small one.
#   docker build -t coop-action-month .
#   docker run -p 3000:3000 -e JWT_SECRET=... -v events:/data coop-action-month
# test/image.test.ts assembles the runtime stage's files as listed here and starts the service
# from them with production dependencies only, so that what this file copies is checked where no
# Docker engine runs.
ARG NODE_VERSION=24.22.3

# Build: the toolchain for better-sqlite3, every dependency, the TypeScript compiler.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# No install scripts but the SQLite driver's: the build runs once the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY domain ./domain
COPY projections ./projections
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime: Node, production dependencies, the built service and the built page; no toolchain.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY web/dist ./web/dist
COPY maps ./maps
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 3000
USER node
# Ready: caught up with the log, store answering, not shedding load (docs/operations.md#health).
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
