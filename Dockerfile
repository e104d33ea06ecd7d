# newsflow worker/scheduler image: `docker build -t newsflow .` then `docker run newsflow <command>`.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY data ./data
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data ./data
COPY fixtures ./fixtures
# why: a new named volume mounted here takes this directory's owner, so the archive (NEWSFLOW_ARCHIVE_DIR) is writable
RUN mkdir -p /archive && chown node:node /archive
USER node
ENTRYPOINT ["node", "--single-threaded-gc", "--max-semi-space-size=4", "--max-old-space-size=2047", "bin/newsflow.js"]
CMD ["--help"]
