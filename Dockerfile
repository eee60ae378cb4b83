# syntax=docker/dockerfile:1
# gw502: the Slack app (`gw502 serve`). Multi-stage: build with dev dependencies, run with production ones.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

# helm for `helm-rollback` actions (GW502_HELM overrides the path); the image's only extra binary.
FROM alpine/helm:3.17.3 AS helm

FROM node:24-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --from=helm /usr/bin/helm /usr/local/bin/helm
# The image's unprivileged user; the process needs no root (it only talks HTTP to Slack, Redis and the API server).
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/gw502.js"]
CMD ["serve"]
