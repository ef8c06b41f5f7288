import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The platform's tables, and a module's own beside it (`src/<module>/<module>.tables.ts`): a new module adds its
  // tables in its folder, and `npm run db:generate -w @gongjian/server` writes its migration.
  schema: ['./src/db/schema.ts', './src/*/*.tables.ts'],
  out: './drizzle',
});
