# Daogou: the HTTP API and the background worker from one image (choose with DAOGOU_ROLE or --role).
# Build: docker build -t daogou .    Run with PostgreSQL and a separate worker: docker compose up (compose.yaml).
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Native SQLite driver: built from source against this Node.js (no prebuilt download needed).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY packages/sdk/package.json packages/sdk/package.json
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DAOGOU_HOST=0.0.0.0 DAOGOU_DATA_DIR=/data
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||7070)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/daogou.js"]
CMD ["serve"]
