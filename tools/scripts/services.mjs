// The services `npm start` runs and docker-compose.yml declares, one per app. Keep both in step:
// tools/scripts/compose.int-spec.ts checks docker-compose.yml against this list.
export const SERVICES = [
  { name: 'api-gateway', main: 'dist/apps/api-gateway/src/main.js' },
];
