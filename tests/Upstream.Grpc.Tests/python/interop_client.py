"""Drives a grpc.testing.TestService server with the official gRPC C-core client (Debian's python3-grpcio).

Message classes are built at run time from a FileDescriptorSet of OUR protos (written by the C# tests), so no
generated code is needed. Each case follows doc/interop-test-descriptions.md and adds our own assertions where
the official client is lenient (e.g. it does not count server_streaming responses).

Usage: /usr/bin/python3 interop_client.py --port N --descriptors FILE --case NAME
Prints "PASS NAME" and exits 0, or prints what went wrong and exits 1.
"""
import argparse
import queue
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool

try:
    from google.protobuf.message_factory import GetMessageClass
except ImportError:  # protobuf < 4.22 (Debian 12 ships 4.21)
    GetMessageClass = None
    from google.protobuf import message_factory


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


class Messages:
    """grpc.testing message classes from the descriptor set."""

    def __init__(self, path):
        with open(path, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        self.pool = descriptor_pool.DescriptorPool()
        for file in files.file:
            self.pool.Add(file)
        self.factory = None if GetMessageClass else message_factory.MessageFactory(self.pool)

    def __getattr__(self, name):
        descriptor = self.pool.FindMessageTypeByName("grpc.testing." + name)
        return GetMessageClass(descriptor) if GetMessageClass else self.factory.GetPrototype(descriptor)


class Pipe:
    """A request iterator the test feeds one message at a time (so the client sends as the case proceeds)."""

    _END = object()

    def __init__(self):
        self._items = queue.Queue()

    def add(self, item):
        self._items.put(item)

    def close(self):
        self._items.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._items.get()
        if item is self._END:
            raise StopIteration
        return item


class Client:
    def __init__(self, channel, messages):
        self.m = messages
        self.channel = channel

    def _path(self, method, service="grpc.testing.TestService"):
        return "/%s/%s" % (service, method)

    def unary(self, method, response_type, service="grpc.testing.TestService"):
        return self.channel.unary_unary(
            self._path(method, service),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=response_type.FromString)

    def stream_unary(self, method, response_type):
        return self.channel.stream_unary(
            self._path(method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=response_type.FromString)

    def unary_stream(self, method, response_type):
        return self.channel.unary_stream(
            self._path(method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=response_type.FromString)

    def stream_stream(self, method, response_type):
        return self.channel.stream_stream(
            self._path(method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=response_type.FromString)

    def payload(self, size):
        return self.m.Payload(body=b"\x00" * size)

    def streaming_request(self, request_size, response_size):
        request = self.m.StreamingOutputCallRequest(payload=self.payload(request_size))
        request.response_parameters.add(size=response_size)
        return request


REQUEST_SIZES = (27182, 8, 1828, 45904)
RESPONSE_SIZES = (31415, 9, 2653, 58979)


def empty_unary(c):
    response = c.unary("EmptyCall", c.m.Empty)(c.m.Empty(), timeout=30)
    check(response.ByteSize() == 0, "EmptyCall returned a non-empty message")


def large_unary(c):
    request = c.m.SimpleRequest(response_size=314159, payload=c.payload(271828))
    response = c.unary("UnaryCall", c.m.SimpleResponse)(request, timeout=30)
    check(len(response.payload.body) == 314159, "response payload is %d bytes, not 314159" % len(response.payload.body))
    check(response.payload.body == b"\x00" * 314159, "response payload is not all zero bytes")


def client_streaming(c):
    requests = [c.m.StreamingInputCallRequest(payload=c.payload(size)) for size in REQUEST_SIZES]
    response = c.stream_unary("StreamingInputCall", c.m.StreamingInputCallResponse)(iter(requests), timeout=30)
    check(response.aggregated_payload_size == 74922, "aggregated size %d, not 74922" % response.aggregated_payload_size)


def server_streaming(c):
    request = c.m.StreamingOutputCallRequest()
    for size in RESPONSE_SIZES:
        request.response_parameters.add(size=size)
    responses = list(c.unary_stream("StreamingOutputCall", c.m.StreamingOutputCallResponse)(request, timeout=30))
    sizes = tuple(len(r.payload.body) for r in responses)
    check(sizes == RESPONSE_SIZES, "response sizes %s, not %s" % (sizes, RESPONSE_SIZES))


def ping_pong(c):
    pipe = Pipe()
    responses = c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(pipe, timeout=30)
    try:
        for request_size, response_size in zip(REQUEST_SIZES, RESPONSE_SIZES):
            pipe.add(c.streaming_request(request_size, response_size))
            response = next(responses)
            check(len(response.payload.body) == response_size,
                  "response of %d bytes, not %d" % (len(response.payload.body), response_size))
    finally:
        pipe.close()
    check(next(responses, None) is None, "a response came after the last ping")
    check(responses.code() == grpc.StatusCode.OK, "status %s, not OK" % responses.code())


def empty_stream(c):
    responses = list(c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(iter([]), timeout=30))
    check(responses == [], "%d responses to an empty stream" % len(responses))


def _expect_status(call_and_error, code, message):
    error = call_and_error
    check(error.code() == code, "status %s, not %s" % (error.code(), code))
    check(error.details() == message, "message %r, not %r" % (error.details(), message))


def _status_case(c, message):
    request = c.m.SimpleRequest(response_status=c.m.EchoStatus(code=2, message=message))
    try:
        c.unary("UnaryCall", c.m.SimpleResponse)(request, timeout=30)
        raise CaseFailed("UnaryCall succeeded; it should fail with UNKNOWN")
    except grpc.RpcError as error:
        _expect_status(error, grpc.StatusCode.UNKNOWN, message)
    return request


def status_code_and_message(c):
    message = "test status message"
    _status_case(c, message)
    request = c.m.StreamingOutputCallRequest(response_status=c.m.EchoStatus(code=2, message=message))
    responses = c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(iter([request]), timeout=30)
    try:
        list(responses)
        raise CaseFailed("FullDuplexCall succeeded; it should fail with UNKNOWN")
    except grpc.RpcError as error:
        _expect_status(error, grpc.StatusCode.UNKNOWN, message)


def special_status_message(c):
    _status_case(c, "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n")


def custom_metadata(c):
    initial = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
    trailing = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
    metadata = (initial, trailing)

    def check_metadata(call):
        check(initial in tuple(call.initial_metadata()), "initial metadata %s lacks %s" % (call.initial_metadata(), initial))
        check(trailing in tuple(call.trailing_metadata()), "trailing metadata %s lacks %s" % (call.trailing_metadata(), trailing))

    request = c.m.SimpleRequest(response_size=314159, payload=c.payload(271828))
    response, call = c.unary("UnaryCall", c.m.SimpleResponse).with_call(request, metadata=metadata, timeout=30)
    check(len(response.payload.body) == 314159, "unary response of %d bytes" % len(response.payload.body))
    check_metadata(call)

    responses = c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(
        iter([c.streaming_request(271828, 314159)]), metadata=metadata, timeout=30)
    received = list(responses)
    check(len(received) == 1 and len(received[0].payload.body) == 314159, "duplex responses were not one of 314159 bytes")
    check_metadata(responses)


def timeout_on_sleeping_server(c):
    pipe = Pipe()
    responses = c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(pipe, timeout=0.001)
    pipe.add(c.m.StreamingOutputCallRequest(payload=c.payload(27182)))
    try:
        next(responses)
        raise CaseFailed("a response arrived despite a 1 ms deadline")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "status %s, not DEADLINE_EXCEEDED" % error.code())
    finally:
        pipe.close()


def cancel_after_begin(c):
    pipe = Pipe()
    future = c.stream_unary("StreamingInputCall", c.m.StreamingInputCallResponse).future(pipe, timeout=30)
    future.cancel()
    pipe.close()
    check(future.cancelled(), "the call was not cancelled")
    check(future.code() == grpc.StatusCode.CANCELLED, "status %s, not CANCELLED" % future.code())


def cancel_after_first_response(c):
    pipe = Pipe()
    responses = c.stream_stream("FullDuplexCall", c.m.StreamingOutputCallResponse)(pipe, timeout=30)
    pipe.add(c.streaming_request(27182, 31415))
    response = next(responses)
    check(len(response.payload.body) == 31415, "first response of %d bytes" % len(response.payload.body))
    responses.cancel()
    try:
        next(responses)
        raise CaseFailed("a response arrived after cancelling")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.CANCELLED, "status %s, not CANCELLED" % error.code())
    finally:
        pipe.close()


def _expect_unimplemented(call):
    try:
        call()
        raise CaseFailed("the call succeeded; it should fail with UNIMPLEMENTED")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.UNIMPLEMENTED, "status %s, not UNIMPLEMENTED" % error.code())


def unimplemented_method(c):
    _expect_unimplemented(lambda: c.unary("UnimplementedCall", c.m.Empty)(c.m.Empty(), timeout=30))


def unimplemented_service(c):
    _expect_unimplemented(
        lambda: c.unary("UnimplementedCall", c.m.Empty, service="grpc.testing.UnimplementedService")(c.m.Empty(), timeout=30))


CASES = {f.__name__: f for f in (
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    status_code_and_message, special_status_message, custom_metadata, timeout_on_sleeping_server,
    cancel_after_begin, cancel_after_first_response, unimplemented_method, unimplemented_service)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    args = parser.parse_args()
    messages = Messages(args.descriptors)
    with grpc.insecure_channel("%s:%d" % (args.host, args.port)) as channel:
        try:
            CASES[args.case](Client(channel, messages))
        except CaseFailed as failure:
            print("FAIL %s: %s" % (args.case, failure))
            return 1
        except grpc.RpcError as error:
            print("FAIL %s: unexpected status %s: %s" % (args.case, error.code(), error.details()))
            return 1
    print("PASS " + args.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
