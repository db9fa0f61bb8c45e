"""The official gRPC client (Debian's python3-grpcio, C-core) talking to a server's standard services, for the
tests: grpc.health.v1.Health and grpc.reflection.v1.ServerReflection. The messages are declared here from
descriptors with the published field numbers (no generated stubs, none of our .proto files), so the server's
wire format is checked against an independent definition. Each command prints JSON lines for the test to read.

    /usr/bin/python3 standard_services.py check PORT SERVICE
    /usr/bin/python3 standard_services.py list PORT
    /usr/bin/python3 standard_services.py watch PORT SERVICE COUNT
    /usr/bin/python3 standard_services.py reflect PORT
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto
_SCALARS = {"string": _F.TYPE_STRING, "int32": _F.TYPE_INT32, "bytes": _F.TYPE_BYTES, "bool": _F.TYPE_BOOL}


def _message(file, name, fields, oneof=None):
    """fields: (name, number, type, repeated); type is a scalar name, a message name or 'enum:Name'."""
    message = file.message_type.add(name=name)
    if oneof:
        message.oneof_decl.add(name=oneof[0])
    for field_name, number, kind, repeated in fields:
        field = message.field.add(name=field_name, number=number,
                                  label=_F.LABEL_REPEATED if repeated else _F.LABEL_OPTIONAL)
        if kind in _SCALARS:
            field.type = _SCALARS[kind]
        elif kind.startswith("enum:"):
            field.type = _F.TYPE_ENUM
            field.type_name = f".{file.package}.{kind[5:]}"
        else:
            field.type = _F.TYPE_MESSAGE
            field.type_name = f".{file.package}.{kind}"
        if oneof and field_name in oneof[1]:
            field.oneof_index = 0
    return message


def _classes(file):
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)

    def message_class(name):
        descriptor = pool.FindMessageTypeByName(f"{file.package}.{name}")
        # protobuf >= 4.22 has GetMessageClass; Debian 12's 4.21 only the factory's GetPrototype.
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return message_class


def _health():
    file = descriptor_pb2.FileDescriptorProto(name="test/health.proto", package="grpc.health.v1", syntax="proto3")
    _message(file, "HealthCheckRequest", [("service", 1, "string", False)])
    response = _message(file, "HealthCheckResponse", [("status", 1, "enum:HealthCheckResponse.ServingStatus", False)])
    status = response.enum_type.add(name="ServingStatus")
    for number, name in enumerate(["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"]):
        status.value.add(name=name, number=number)
    message_class = _classes(file)
    return message_class("HealthCheckRequest"), message_class("HealthCheckResponse")


def _reflection():
    file = descriptor_pb2.FileDescriptorProto(name="test/reflection.proto", package="grpc.reflection.v1", syntax="proto3")
    requests = ["file_by_filename", "file_containing_symbol", "file_containing_extension",
                "all_extension_numbers_of_type", "list_services"]
    _message(file, "ServerReflectionRequest", [
        ("host", 1, "string", False), ("file_by_filename", 3, "string", False),
        ("file_containing_symbol", 4, "string", False), ("file_containing_extension", 5, "ExtensionRequest", False),
        ("all_extension_numbers_of_type", 6, "string", False), ("list_services", 7, "string", False),
    ], oneof=("message_request", requests))
    _message(file, "ExtensionRequest", [("containing_type", 1, "string", False), ("extension_number", 2, "int32", False)])
    responses = ["file_descriptor_response", "all_extension_numbers_response", "list_services_response", "error_response"]
    _message(file, "ServerReflectionResponse", [
        ("valid_host", 1, "string", False), ("original_request", 2, "ServerReflectionRequest", False),
        ("file_descriptor_response", 4, "FileDescriptorResponse", False),
        ("all_extension_numbers_response", 5, "ExtensionNumberResponse", False),
        ("list_services_response", 6, "ListServiceResponse", False), ("error_response", 7, "ErrorResponse", False),
    ], oneof=("message_response", responses))
    _message(file, "FileDescriptorResponse", [("file_descriptor_proto", 1, "bytes", True)])
    _message(file, "ExtensionNumberResponse", [("base_type_name", 1, "string", False), ("extension_number", 2, "int32", True)])
    _message(file, "ListServiceResponse", [("service", 1, "ServiceResponse", True)])
    _message(file, "ServiceResponse", [("name", 1, "string", False)])
    _message(file, "ErrorResponse", [("error_code", 1, "int32", False), ("error_message", 2, "string", False)])
    message_class = _classes(file)
    return message_class("ServerReflectionRequest"), message_class("ServerReflectionResponse")


def _emit(value):
    print(json.dumps(value), flush=True)


def check(channel, service):
    request_type, response_type = _health()
    call = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=request_type.SerializeToString,
                               response_deserializer=response_type.FromString)
    try:
        response = call(request_type(service=service), timeout=10)
        _emit({"status": response_type.ServingStatus.Name(response.status)})
    except grpc.RpcError as error:
        _emit({"error": error.code().name, "message": error.details()})


def watch(channel, service, count):
    """Prints each status the server pushes, then how the stream ended: the test changes the server's health
    (or stops it) and reads the next line. After COUNT statuses the client hangs up."""
    request_type, response_type = _health()
    call = channel.unary_stream("/grpc.health.v1.Health/Watch", request_serializer=request_type.SerializeToString,
                                response_deserializer=response_type.FromString)
    responses = call(request_type(service=service), timeout=60)
    seen = 0
    try:
        for response in responses:
            _emit({"status": response_type.ServingStatus.Name(response.status)})
            seen += 1
            if seen == count:
                responses.cancel()
                _emit({"end": "client hung up"})
                return
        _emit({"end": responses.code().name})
    except grpc.RpcError as error:
        _emit({"end": error.code().name, "message": error.details()})


def _load(pool, protos, name, loading=()):
    """Adds a file after its dependencies: a pool refuses a file whose imports it lacks."""
    if name in loading:
        raise ValueError(f"import cycle at {name}")
    try:
        return pool.FindFileByName(name)
    except KeyError:
        pass
    proto = protos[name]
    for dependency in proto.dependency:
        if dependency not in protos:
            raise KeyError(f"{name} imports {dependency}, which the server did not send")
        _load(pool, protos, dependency, loading + (name,))
    return pool.Add(proto)


def reflect(channel):
    """One reflection stream asking each kind of question; the answers are summarised for the test."""
    request_type, response_type = _reflection()
    call = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                                 request_serializer=request_type.SerializeToString,
                                 response_deserializer=response_type.FromString)

    def ask(**kind):
        responses = call(iter([request_type(**kind)]), timeout=10)
        return list(responses)[0]

    def files(response):
        if response.WhichOneof("message_response") != "file_descriptor_response":
            return {"error": response.error_response.error_code, "message": response.error_response.error_message}
        protos = [descriptor_pb2.FileDescriptorProto.FromString(b)
                  for b in response.file_descriptor_response.file_descriptor_proto]
        return {"files": [p.name for p in protos], "protos": protos}

    listed = ask(list_services="")
    services = sorted(s.name for s in listed.list_services_response.service)
    summary = {"services": services, "methods": {}}

    # Each service's file, resolved with everything it imports, must make a complete descriptor pool.
    pool = descriptor_pool.DescriptorPool()
    for service in services:
        answer = files(ask(file_containing_symbol=service))
        if "error" in answer:
            summary["methods"][service] = answer
            continue
        protos = {p.name: p for p in answer["protos"]}
        _load(pool, protos, answer["files"][0])
        descriptor = pool.FindServiceByName(service)
        summary["methods"][service] = [
            f"{m.name}({m.input_type.full_name}) returns ({m.output_type.full_name})" for m in descriptor.methods]

    def outcome(response):
        kind = response.WhichOneof("message_response")
        if kind == "error_response":
            return {"error": response.error_response.error_code}
        if kind == "file_descriptor_response":
            return {"files": files(response)["files"]}
        return {"unexpected": kind}

    summary["by_filename"] = outcome(ask(file_by_filename="upstream/applications/v1/applications.proto"))
    summary["by_message_symbol"] = outcome(ask(file_containing_symbol="upstream.applications.v1.Call"))
    summary["by_method_symbol"] = outcome(ask(file_containing_symbol="upstream.applications.v1.CallService.GetCall"))
    summary["unknown_file"] = outcome(ask(file_by_filename="no/such/file.proto"))
    summary["unknown_symbol"] = outcome(ask(file_containing_symbol="no.such.Symbol"))

    # Several questions on one stream, answered in order, as grpcurl and Postman ask them.
    answers = list(call(iter([request_type(list_services=""), request_type(file_containing_symbol=services[0])]), timeout=10))
    summary["one_stream"] = [a.WhichOneof("message_response") for a in answers]
    _emit(summary)


def main(argv):
    command, port = argv[1], int(argv[2])
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        if command == "check":
            check(channel, argv[3])
        elif command == "watch":
            watch(channel, argv[3], int(argv[4]))
        elif command == "reflect":
            reflect(channel)
        else:
            raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
