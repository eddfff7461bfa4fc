// Tests of the repository's own tooling: npm start's behaviour and docker-compose.yml.
const { projectConfig } = require('../jest.preset.js');
module.exports = { ...projectConfig(__dirname, 'int'), testTimeout: 120000 };
