# handoff: one image for every role (npm start -- --role=web|worker|all).
FROM node:20-bookworm-slim
# DejaVu fonts for the weekly report chart.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000
# Apply pending migrations, then run web + workers + scheduler in one process.
CMD ["sh", "-c", "npm run db:migrate && npm start"]
