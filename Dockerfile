# One image for every process of the product; docker-compose.yml picks the command per service
# (API by default, `node dist/apps/worker/main.js`, `node dist/libs/persistence/migrate.main.js`).

# --- build: dev dependencies, the TypeScript build and the prebuilt workflow bundle ------------
FROM node:20-bookworm AS build
# No install-time analytics from dependencies (@scarf/scarf), as package.json's allowScripts intends.
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
RUN npm run build
# Bundle the workflow code once here, so a worker never runs webpack at start.
RUN node --input-type=module -e "const { writeWorkflowBundle } = await import('./dist/apps/worker/bundle-workflows.js'); await writeWorkflowBundle('dist/workflow-bundle.js');"
# Production dependencies only, for the runtime stage (same Debian release, so native modules fit).
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: slim, no compilers, not root ----------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]
