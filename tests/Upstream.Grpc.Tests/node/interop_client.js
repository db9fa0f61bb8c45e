'use strict';
// The official grpc-js as an interop client, running one case of the public interop test descriptions
// against a grpc.testing.TestService server.
//   node interop_client.js --port N --case NAME [--host 127.0.0.1]
// Exit code 0 when the case passes; otherwise 1 with the reason on stderr.
const assert = require('assert');
const { grpc, loadTesting, parsePort, argument } = require('./protos');

const testing = loadTesting();
const { status: Status } = grpc;

// The sizes the published cases use.
const REQUEST_SIZE = 271828;
const RESPONSE_SIZE = 314159;
const INPUT_SIZES = [27182, 8, 1828, 45904];
const OUTPUT_SIZES = [31415, 9, 2653, 58979];

function zeros(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

function bodyLength(message) {
  return message && message.payload ? message.payload.body.length : 0;
}

function assertZeros(message, size, what) {
  assert.strictEqual(bodyLength(message), size, `${what}: payload of ${bodyLength(message)} bytes, expected ${size}`);
  assert.ok(message.payload.body.every((b) => b === 0), `${what}: payload bytes are not all zero`);
}

function unary(client, method, request, metadata = new grpc.Metadata(), options = {}) {
  // grpc-js calls back before it emits 'status', so wait for both before reading the trailers.
  let headers = null;
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  const call = client[method](request, metadata, options, (error, response) => answer({ error, response }));
  call.on('metadata', (m) => { headers = m; });
  const ended = new Promise((done) => call.on('status', (s) => done(s.metadata)));
  return answered.then(async ({ error, response }) => ({ error, response, headers, trailers: await ended }));
}

// Collects a whole streaming call: responses, headers and the final status.
function collect(call) {
  return new Promise((resolve) => {
    const responses = [];
    let headers = null;
    call.on('metadata', (m) => { headers = m; });
    call.on('data', (r) => responses.push(r));
    call.on('error', () => {});
    call.on('status', (status) => resolve({ responses, headers, status }));
  });
}

// Reads the next message of a duplex call, or fails if the call ends first.
function nextMessage(call) {
  return new Promise((resolve, reject) => {
    const onData = (r) => { cleanup(); resolve(r); };
    const onEnd = () => { cleanup(); reject(new Error('the stream ended before a response arrived')); };
    const onError = (e) => { cleanup(); reject(e); };
    const cleanup = () => {
      call.off('data', onData);
      call.off('end', onEnd);
      call.off('error', onError);
    };
    call.on('data', onData);
    call.on('end', onEnd);
    call.on('error', onError);
  });
}

function finalStatus(call) {
  return new Promise((resolve) => {
    call.on('error', () => {});
    call.on('status', resolve);
  });
}

function assertStatus(actual, code, what) {
  const name = (c) => Object.keys(Status).find((k) => Status[k] === c) || String(c);
  assert.strictEqual(actual.code, code,
    `${what}: status ${name(actual.code)} (${actual.details}), expected ${name(code)}`);
}

function assertOk(error, what) {
  if (error) throw new Error(`${what}: failed with ${error.code} ${error.details}`);
}

const cases = {
  async empty_unary(client) {
    const { error, response } = await unary(client, 'EmptyCall', {});
    assertOk(error, 'EmptyCall');
    assert.deepStrictEqual(Object.keys(response), [], 'EmptyCall: the response is not empty');
  },

  async large_unary(client) {
    const { error, response } = await unary(client, 'UnaryCall', {
      response_type: 'COMPRESSABLE', response_size: RESPONSE_SIZE, payload: zeros(REQUEST_SIZE),
    });
    assertOk(error, 'UnaryCall');
    assertZeros(response, RESPONSE_SIZE, 'UnaryCall');
  },

  async client_streaming(client) {
    const result = await new Promise((resolve) => {
      const call = client.StreamingInputCall((error, response) => resolve({ error, response }));
      for (const size of INPUT_SIZES) call.write({ payload: zeros(size) });
      call.end();
    });
    assertOk(result.error, 'StreamingInputCall');
    assert.strictEqual(result.response.aggregated_payload_size, 74922,
      `StreamingInputCall: aggregated size ${result.response.aggregated_payload_size}, expected 74922`);
  },

  async server_streaming(client) {
    const call = client.StreamingOutputCall({
      response_type: 'COMPRESSABLE', response_parameters: OUTPUT_SIZES.map((size) => ({ size })),
    });
    const { responses, status } = await collect(call);
    assertStatus(status, Status.OK, 'StreamingOutputCall');
    assert.strictEqual(responses.length, OUTPUT_SIZES.length,
      `StreamingOutputCall: ${responses.length} responses, expected ${OUTPUT_SIZES.length}`);
    responses.forEach((r, i) => assertZeros(r, OUTPUT_SIZES[i], `StreamingOutputCall response ${i}`));
  },

  async ping_pong(client) {
    const call = client.FullDuplexCall();
    const ended = finalStatus(call);
    // Each request is sent only after the previous response arrived: proves the call is full duplex.
    for (let i = 0; i < OUTPUT_SIZES.length; i++) {
      const reply = nextMessage(call);
      call.write({
        response_type: 'COMPRESSABLE', response_parameters: [{ size: OUTPUT_SIZES[i] }], payload: zeros(INPUT_SIZES[i]),
      });
      assertZeros(await reply, OUTPUT_SIZES[i], `FullDuplexCall response ${i}`);
    }
    call.end();
    assertStatus(await ended, Status.OK, 'FullDuplexCall');
  },

  async empty_stream(client) {
    const call = client.FullDuplexCall();
    const result = collect(call);
    call.end();
    const { responses, status } = await result;
    assertStatus(status, Status.OK, 'FullDuplexCall');
    assert.strictEqual(responses.length, 0, `FullDuplexCall: ${responses.length} responses, expected none`);
  },

  async status_code_and_message(client) {
    const message = 'test status message';
    const echo = { code: 2, message };
    const { error } = await unary(client, 'UnaryCall', { response_status: echo });
    assert.ok(error, 'UnaryCall: succeeded, expected UNKNOWN');
    assertStatus(error, Status.UNKNOWN, 'UnaryCall');
    assert.strictEqual(error.details, message, `UnaryCall: message "${error.details}"`);

    const call = client.FullDuplexCall();
    const result = collect(call);
    call.write({ response_status: echo });
    call.end();
    const { status } = await result;
    assertStatus(status, Status.UNKNOWN, 'FullDuplexCall');
    assert.strictEqual(status.details, message, `FullDuplexCall: message "${status.details}"`);
  },

  async special_status_message(client) {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n';
    const { error } = await unary(client, 'UnaryCall', { response_status: { code: 2, message } });
    assert.ok(error, 'UnaryCall: succeeded, expected UNKNOWN');
    assertStatus(error, Status.UNKNOWN, 'UnaryCall');
    assert.strictEqual(error.details, message, `UnaryCall: message ${JSON.stringify(error.details)}`);
  },

  async custom_metadata(client) {
    const initial = 'test_initial_metadata_value';
    const trailing = Buffer.from([0xab, 0xab, 0xab]);
    const metadata = () => {
      const m = new grpc.Metadata();
      m.set('x-grpc-test-echo-initial', initial);
      m.set('x-grpc-test-echo-trailing-bin', trailing);
      return m;
    };
    const check = (headers, trailers, what) => {
      assert.deepStrictEqual(headers ? headers.get('x-grpc-test-echo-initial') : [], [initial],
        `${what}: x-grpc-test-echo-initial not echoed in the response headers`);
      const echoed = trailers ? trailers.get('x-grpc-test-echo-trailing-bin') : [];
      assert.ok(echoed.length === 1 && Buffer.compare(echoed[0], trailing) === 0,
        `${what}: x-grpc-test-echo-trailing-bin not echoed in the trailers (got ${JSON.stringify(echoed)})`);
    };

    const unaryResult = await unary(client, 'UnaryCall', {
      response_type: 'COMPRESSABLE', response_size: RESPONSE_SIZE, payload: zeros(REQUEST_SIZE),
    }, metadata());
    assertOk(unaryResult.error, 'UnaryCall');
    assertZeros(unaryResult.response, RESPONSE_SIZE, 'UnaryCall');
    check(unaryResult.headers, unaryResult.trailers, 'UnaryCall');

    const call = client.FullDuplexCall(metadata());
    const result = collect(call);
    call.write({
      response_type: 'COMPRESSABLE', response_parameters: [{ size: RESPONSE_SIZE }], payload: zeros(REQUEST_SIZE),
    });
    call.end();
    const { responses, headers, status } = await result;
    assertStatus(status, Status.OK, 'FullDuplexCall');
    assert.strictEqual(responses.length, 1, `FullDuplexCall: ${responses.length} responses, expected 1`);
    assertZeros(responses[0], RESPONSE_SIZE, 'FullDuplexCall');
    check(headers, status.metadata, 'FullDuplexCall');
  },

  async timeout_on_sleeping_server(client) {
    const call = client.FullDuplexCall({ deadline: Date.now() + 1 });
    const result = collect(call);
    // The write may fail once the deadline has passed; only the final status matters.
    try {
      call.write({ response_type: 'COMPRESSABLE', response_parameters: [{ size: 31415 }], payload: zeros(27182) });
    } catch { /* ignored on purpose */ }
    const { status } = await result;
    assertStatus(status, Status.DEADLINE_EXCEEDED, 'FullDuplexCall');
  },

  async cancel_after_begin(client) {
    const outcome = new Promise((resolve) => {
      const call = client.StreamingInputCall((error) => resolve(error));
      call.cancel();
    });
    const error = await outcome;
    assert.ok(error, 'StreamingInputCall: succeeded after cancel, expected CANCELLED');
    assertStatus(error, Status.CANCELLED, 'StreamingInputCall');
  },

  async cancel_after_first_response(client) {
    const call = client.FullDuplexCall();
    const ended = finalStatus(call);
    const reply = nextMessage(call);
    call.write({ response_type: 'COMPRESSABLE', response_parameters: [{ size: 31415 }], payload: zeros(27182) });
    assertZeros(await reply, 31415, 'FullDuplexCall');
    call.cancel();
    assertStatus(await ended, Status.CANCELLED, 'FullDuplexCall');
  },

  async unimplemented_method(client) {
    const { error } = await unary(client, 'UnimplementedCall', {});
    // Stricter than grpc-js's own interop client: an OK reply is a failure here.
    assert.ok(error, 'UnimplementedCall: succeeded, expected UNIMPLEMENTED');
    assertStatus(error, Status.UNIMPLEMENTED, 'TestService/UnimplementedCall');
  },

  async unimplemented_service(_client, address) {
    const other = new testing.UnimplementedService(address, grpc.credentials.createInsecure());
    try {
      const { error } = await unary(other, 'UnimplementedCall', {});
      assert.ok(error, 'UnimplementedService/UnimplementedCall: succeeded, expected UNIMPLEMENTED');
      assertStatus(error, Status.UNIMPLEMENTED, 'UnimplementedService/UnimplementedCall');
    } finally {
      other.close();
    }
  },
};

async function main() {
  let name = '(none)';
  try {
    const port = parsePort(process.argv);
    name = argument(process.argv, '--case', '');
    const host = argument(process.argv, '--host', '127.0.0.1');
    const run = cases[name];
    if (!run) throw new Error(`unknown --case "${name}"; known: ${Object.keys(cases).join(', ')}`);
    const address = `${host}:${port}`;
    const client = new testing.TestService(address, grpc.credentials.createInsecure());
    try {
      await run(client, address);
    } finally {
      client.close();
    }
    console.log(`PASS ${name}`);
    process.exit(0);
  } catch (error) {
    console.error(`FAIL ${name}: ${error.message}`);
    process.exit(1);
  }
}

main();
