"""A backend served by the official gRPC implementation (grpcio, C-core), for pass-through tests.

It speaks grpc.testing.TestService's method names with raw bytes (no generated code needed), enough to
exercise each kind of call through the gateway: unary, server, client and bidirectional streaming,
metadata both ways, error statuses and deadlines. Prints "listening <port>" once ready.
"""
import time
from concurrent import futures

import grpc

SERVICE = "grpc.testing.TestService"


def unary(request, context):
    metadata = dict(context.invocation_metadata())
    if "x-echo-initial" in metadata:
        context.send_initial_metadata([("x-echo-initial", metadata["x-echo-initial"])])
    if "x-echo-trailing-bin" in metadata:
        context.set_trailing_metadata([("x-echo-trailing-bin", metadata["x-echo-trailing-bin"])])
    if request.startswith(b"fail:"):
        context.abort(grpc.StatusCode.FAILED_PRECONDITION, request[5:].decode("utf-8"))
    if request.startswith(b"sleep:"):
        time.sleep(float(request[6:]))
    if request == b"whoami":
        return metadata.get("authorization", "").encode("utf-8")
    return b"echo:" + request


def streaming_output(request, context):
    for size in request.decode().split(","):
        yield b"o" * int(size)


def streaming_input(requests, context):
    return str(sum(len(r) for r in requests)).encode()


def full_duplex(requests, context):
    for request in requests:
        yield request[::-1]


def main():
    handlers = {
        "UnaryCall": grpc.unary_unary_rpc_method_handler(unary),
        "StreamingOutputCall": grpc.unary_stream_rpc_method_handler(streaming_output),
        "StreamingInputCall": grpc.stream_unary_rpc_method_handler(streaming_input),
        "FullDuplexCall": grpc.stream_stream_rpc_method_handler(full_duplex),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening {port}", flush=True)
    server.wait_for_termination()  # until the test sends SIGTERM


if __name__ == "__main__":
    main()
