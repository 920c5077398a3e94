# The kiln GitHub App (docs/app.md). Build context: the repository, with dist/ built (`npm run build`;
# dist/ is committed). Run: docker run -p 3000:3000 -e APP_ID=… -e PRIVATE_KEY=… -e WEBHOOK_SECRET=… kiln-app
FROM node:20-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json

WORKDIR /app
# dist/app.js keeps its packages external: install the runtime dependencies only.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY dist/ ./dist/

# The image's unprivileged user (uid 1000); the app needs no write access to /app.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/app.js"]
