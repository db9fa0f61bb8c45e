'use strict';
// grpc.testing.TestService served by the official grpc-js, written from the public interop test
// descriptions: the reference server our C# client is checked against.
//   node interop_server.js --port N
// Prints "listening on N" once ready and stops on SIGTERM/SIGINT. (grpc-js servers read compressed requests
// but never compress responses.)
const { grpc, loadTesting, parsePort } = require('./protos');

const testing = loadTesting();
const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

function payloadOf(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

// The interop server echoes two metadata entries: one in the response headers, one in the trailers.
function echoedHeaders(call) {
  const headers = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_INITIAL)) headers.add(ECHO_INITIAL, value);
  return headers;
}

function echoedTrailers(call) {
  const trailers = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_TRAILING)) trailers.add(ECHO_TRAILING, value);
  return trailers;
}

function requestedStatus(request, call) {
  const status = request.response_status;
  if (status && status.code !== 0) {
    return { code: status.code, details: status.message, metadata: echoedTrailers(call) };
  }
  return null;
}

function sleep(microseconds) {
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(microseconds / 1000)));
}

// Writes one response per ResponseParameters entry, honouring each interval; stops if the call ended.
async function streamResponses(call, request) {
  for (const parameters of request.response_parameters) {
    if (parameters.interval_us > 0) await sleep(parameters.interval_us);
    if (call.cancelled) return;
    call.write({ payload: payloadOf(parameters.size) });
  }
}

const service = {
  EmptyCall(call, callback) {
    call.sendMetadata(echoedHeaders(call));
    callback(null, {}, echoedTrailers(call));
  },

  UnaryCall(call, callback) {
    call.sendMetadata(echoedHeaders(call));
    const failure = requestedStatus(call.request, call);
    if (failure) return callback(failure);
    callback(null, { payload: payloadOf(call.request.response_size) }, echoedTrailers(call));
  },

  CacheableUnaryCall(call, callback) {
    service.UnaryCall(call, callback);
  },

  async StreamingOutputCall(call) {
    call.sendMetadata(echoedHeaders(call));
    await streamResponses(call, call.request);
    const failure = requestedStatus(call.request, call);
    if (failure) return call.emit('error', failure);
    call.end(echoedTrailers(call));
  },

  StreamingInputCall(call, callback) {
    call.sendMetadata(echoedHeaders(call));
    let total = 0;
    call.on('data', (request) => { total += request.payload ? request.payload.body.length : 0; });
    call.on('error', () => {});
    call.on('end', () => callback(null, { aggregated_payload_size: total }, echoedTrailers(call)));
  },

  FullDuplexCall(call) {
    call.sendMetadata(echoedHeaders(call));
    // Requests are answered strictly in order, each as soon as it arrives (true full duplex).
    let chain = Promise.resolve();
    let failed = false;
    call.on('data', (request) => {
      chain = chain.then(async () => {
        if (failed || call.cancelled) return;
        const failure = requestedStatus(request, call);
        if (failure) {
          failed = true;
          call.emit('error', failure);
          return;
        }
        await streamResponses(call, request);
      });
    });
    call.on('error', () => {});
    call.on('end', () => {
      chain.then(() => { if (!failed && !call.cancelled) call.end(echoedTrailers(call)); });
    });
  },

  HalfDuplexCall(call) {
    call.sendMetadata(echoedHeaders(call));
    const requests = [];
    call.on('data', (request) => requests.push(request));
    call.on('error', () => {});
    call.on('end', async () => {
      for (const request of requests) await streamResponses(call, request);
      if (!call.cancelled) call.end(echoedTrailers(call));
    });
  },
  // UnimplementedCall is deliberately absent: grpc-js answers it with UNIMPLEMENTED.
};

function main() {
  const port = parsePort(process.argv);
  const server = new grpc.Server();
  server.addService(testing.TestService.service, service);
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
    if (error) {
      console.error(`interop_server: cannot listen on ${port}: ${error.message}`);
      process.exit(1);
    }
    console.log(`listening on ${bound}`);
  });
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
