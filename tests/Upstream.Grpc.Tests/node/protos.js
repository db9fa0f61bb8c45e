'use strict';
// Loads grpc.testing from the repository's own protos/ folder, so the Node side speaks exactly the
// contract our C# code is generated from.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoRoot = path.resolve(__dirname, '..', '..', '..', 'protos');

function loadTesting() {
  const definition = protoLoader.loadSync('grpc/testing/test.proto', {
    includeDirs: [protoRoot],
    // Keep snake_case names and real Buffers so the cases read like the published descriptions.
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).grpc.testing;
}

function parsePort(argv) {
  const at = argv.indexOf('--port');
  const port = at >= 0 ? Number(argv[at + 1]) : NaN;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error('a --port N argument (1-65535) is required');
  }
  return port;
}

function argument(argv, name, fallback) {
  const at = argv.indexOf(name);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1] : fallback;
}

module.exports = { grpc, loadTesting, parsePort, argument };
