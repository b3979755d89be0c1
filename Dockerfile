# The SIG Municipal app image: Node 20 on Debian 12 with GDAL for imports, Chromium and poppler for the PDF fichas.
# PostGIS runs in its own service.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends gdal-bin python3-gdal postgresql-client chromium fonts-dejavu-core poppler-utils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/
COPY packages/tiles/package.json packages/tiles/
COPY packages/styles/package.json packages/styles/
COPY packages/ingest/package.json packages/ingest/
RUN npm ci --no-audit --no-fund
COPY . .
# Build the client at image build time so the container starts fast.
RUN node --import tsx -e "const { ensureWebBuild } = await import('./scripts/lib/web-build.ts'); await ensureWebBuild(process.cwd(), console.log)"
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0
EXPOSE 8080
# DATABASE_URL is set by docker-compose.yml: start.ts migrates, loads the demo data when empty, builds the basemap, serves.
CMD ["node", "scripts/bootstrap.mjs", "start"]
