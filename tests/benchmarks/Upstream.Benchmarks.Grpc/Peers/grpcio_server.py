"""The official gRPC (C-core, Debian's python3-grpcio) serving grpc.testing.TestService/UnaryCall the way the
interop server does: parse the request, answer with response_size zero bytes. A generic handler with the
messages built from descriptors stands in for generated stubs.

    /usr/bin/python3 grpcio_server.py PORT

The classic thread-pool server: pinned to one core it served ~1.8x the calls of grpc.aio's on this machine,
so it is the stronger peer.
"""
import sys
from concurrent import futures

import grpc

from messages import SimpleRequest, SimpleResponse


def unary_call(request, context):
    response = SimpleResponse()
    response.payload.body = bytes(request.response_size)
    return response


def serve(port):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    handler = grpc.method_handlers_generic_handler("grpc.testing.TestService", {
        "UnaryCall": grpc.unary_unary_rpc_method_handler(
            unary_call,
            request_deserializer=SimpleRequest.FromString,
            response_serializer=SimpleResponse.SerializeToString),
    })
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print(f"listening on {port}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
