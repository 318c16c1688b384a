import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Components are shared by pages; a component that runs a server action takes it as a prop or lives beside its page.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(@/|(\\.\\./)+)app(/|$)', message: 'components/ never imports from app/: take the action as a prop, or move the component next to its page.' }] },
      ],
    },
  },
  {
    ignores: ['.next/**', 'release/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
];

export default config;
