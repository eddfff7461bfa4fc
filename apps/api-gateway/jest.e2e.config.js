module.exports = require('../../jest.preset.js').projectConfig(__dirname, 'e2e');
