"""Proves a server answers the benchmark's call correctly before it is measured, using the official client:
the request bytes go out as they are, and the reply must be exactly the expected bytes with status OK.
Any further arguments are headers the call carries, as h2load sends them ("authorization: Bearer ...").

    /usr/bin/python3 grpcio_check.py PORT REQUEST_HEX EXPECTED_RESPONSE_HEX ["NAME: VALUE" ...]
"""
import sys

import grpc


def main(port, request_hex, expected_hex, headers):
    metadata = [tuple(part.strip() for part in header.split(":", 1)) for header in headers]
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        # No serializers: bytes in, bytes out, so the check sees exactly what the server sent.
        call = channel.unary_unary("/grpc.testing.TestService/UnaryCall")
        response, outcome = call.with_call(bytes.fromhex(request_hex), timeout=10, metadata=metadata)
    if outcome.code() != grpc.StatusCode.OK:
        print(f"status {outcome.code()}", file=sys.stderr)
        return 1
    if response.hex() != expected_hex:
        print(f"response differs: {len(response)} bytes, expected {len(expected_hex) // 2}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]))
