// The whole stack as separate processes, built once into dist/ before the first test file runs.
const path = require('node:path');
const { projectConfig } = require('../../jest.preset.js');
module.exports = { ...projectConfig(__dirname, 'e2e'), globalSetup: path.join(__dirname, 'src/support/build-once.js'), testTimeout: 180000 };
