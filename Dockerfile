# handoff: one image for every role (npm start -- --role=web|worker|all).
FROM node:20-bookworm-slim
# DejaVu fonts for the weekly report chart.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
# Run as the image's unprivileged `node` user: it owns /app (npm ci and prisma generate write
# there), nothing else.
RUN chown node:node /app
USER node
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
# npm ci installs exactly what package-lock.json pins (and fails if it disagrees with package.json).
RUN npm ci --no-audit --no-fund
COPY --chown=node:node . .
EXPOSE 3000
# Apply pending migrations, then run web + workers + scheduler in one process.
CMD ["sh", "-c", "npm run db:migrate && npm start"]
