"""The official gRPC client (grpcio) calling a service through the gateway. Prints one line per case:
"<case> ok" or "<case> FAIL <why>", so the host test can name the case that broke.
"""
import queue
import sys

import grpc

SERVICE = "/grpc.testing.TestService/"


def check(name, condition, why=""):
    print(f"{name} {'ok' if condition else 'FAIL ' + why}", flush=True)


def main(target, token):
    channel = grpc.insecure_channel(target)
    unary = channel.unary_unary(SERVICE + "UnaryCall")

    large = bytes(range(256)) * 1062  # 271872 bytes
    reply = unary(large, timeout=10)
    check("large_unary", reply == b"echo:" + large, f"{len(reply)} bytes back")

    reply, call = unary.with_call(b"hi", timeout=10, metadata=[("x-echo-initial", "first"), ("x-echo-trailing-bin", b"\x00\x01\xfe")])
    initial, trailing = dict(call.initial_metadata()), dict(call.trailing_metadata())
    check("custom_metadata", initial.get("x-echo-initial") == "first" and trailing.get("x-echo-trailing-bin") == b"\x00\x01\xfe", f"{initial} {trailing}")

    reply = unary(b"whoami", timeout=10, metadata=[("authorization", "Bearer " + token)])
    check("token_forwarded", reply.decode() == "Bearer " + token, reply.decode())

    try:
        unary("fail:closed \u263a".encode(), timeout=10)
        check("status_and_message", False, "no error")
    except grpc.RpcError as e:
        check("status_and_message", e.code() == grpc.StatusCode.FAILED_PRECONDITION and e.details() == "closed \u263a", f"{e.code()} {e.details()!r}")

    try:
        unary(b"sleep:3", timeout=0.5)
        check("deadline", False, "no error")
    except grpc.RpcError as e:
        check("deadline", e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, str(e.code()))

    sizes = [31415, 9, 2653, 58979]
    replies = list(channel.unary_stream(SERVICE + "StreamingOutputCall")(",".join(map(str, sizes)).encode(), timeout=10))
    check("server_streaming", [len(r) for r in replies] == sizes, str([len(r) for r in replies]))

    chunks = [b"i" * n for n in (27182, 8, 1828, 45904)]
    total = channel.stream_unary(SERVICE + "StreamingInputCall")(iter(chunks), timeout=10)
    check("client_streaming", total == b"74922", total.decode())

    # ping-pong: each request is sent only after the previous reply arrived, so this hangs unless full duplex.
    outgoing = queue.Queue()
    requests = iter(outgoing.get, None)
    responses = channel.stream_stream(SERVICE + "FullDuplexCall")(requests, timeout=10)
    answers = []
    for word in (b"ping", b"pong", b"upstream"):
        outgoing.put(word)
        answers.append(next(responses))
    outgoing.put(None)
    rest = list(responses)
    check("ping_pong", answers == [b"gnip", b"gnop", b"maertspu"] and rest == [], str(answers))

    try:
        channel.unary_unary("/upstream.nowhere.v1.Nothing/Call")(b"", timeout=10)
        check("unknown_service", False, "no error")
    except grpc.RpcError as e:
        check("unknown_service", e.code() == grpc.StatusCode.UNIMPLEMENTED, str(e.code()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
