import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'packages/web/src/api/schema.d.ts', '**/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // "Today" is China's date (chinaToday in the shared package), not the server's UTC one nor PostgreSQL's.
    files: ['packages/server/src/**/*.ts', 'packages/shared/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='toISOString'][callee.object.type='NewExpression'][callee.object.arguments.length=0]",
          message:
            "Today's date is chinaToday() from @gongjian/shared: the server's clock is UTC, 8 hours behind Beijing.",
        },
        {
          selector: 'TemplateElement[value.raw=/current_date|now\\(\\)::date/i]',
          message: "Pass chinaToday() as a parameter: current_date is the database session's date, not China's.",
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
