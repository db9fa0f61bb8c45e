"""grpc.testing's SimpleRequest/SimpleResponse built at run time from descriptors, so the peer server and the
check need no generated stubs. Only the fields the benchmark's unary call uses are declared; field numbers are
the published ones (grpc/testing/messages.proto)."""
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto


def _build():
    file = descriptor_pb2.FileDescriptorProto(
        name="upstream_bench/messages.proto", package="grpc.testing", syntax="proto3")
    payload = file.message_type.add(name="Payload")
    payload.field.add(name="body", number=2, type=_F.TYPE_BYTES, label=_F.LABEL_OPTIONAL)
    request = file.message_type.add(name="SimpleRequest")
    request.field.add(name="response_size", number=2, type=_F.TYPE_INT32, label=_F.LABEL_OPTIONAL)
    request.field.add(name="payload", number=3, type=_F.TYPE_MESSAGE, label=_F.LABEL_OPTIONAL,
                      type_name=".grpc.testing.Payload")
    response = file.message_type.add(name="SimpleResponse")
    response.field.add(name="payload", number=1, type=_F.TYPE_MESSAGE, label=_F.LABEL_OPTIONAL,
                       type_name=".grpc.testing.Payload")
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)

    def message_class(name):
        descriptor = pool.FindMessageTypeByName("grpc.testing." + name)
        # protobuf >= 4.22 has GetMessageClass; Debian 12's 4.21 only the factory's GetPrototype.
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return message_class("SimpleRequest"), message_class("SimpleResponse")


SimpleRequest, SimpleResponse = _build()
