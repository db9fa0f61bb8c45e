using Grpc.Reflection.V1;

namespace Upstream.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1: lets generic tools (grpcurl, Postman, grpcui) discover the services and download their
/// descriptors. One stream carries any number of questions; each gets one answer, in order. A question it
/// cannot answer gets an error_response on the stream, not a failed call, as the protocol asks.
/// </summary>
internal sealed class ServerReflectionService(GrpcServiceRegistry registry) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        // Built per stream from what is mapped now: cheap next to a tool's round trips, and never stale.
        var index = new ReflectionIndex(registry.Services);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            var response = Answer(index, request);
            response.ValidHost = request.Host;
            response.OriginalRequest = request;
            await responseStream.WriteAsync(response);
        }
    }

    private static ServerReflectionResponse Answer(ReflectionIndex index, ServerReflectionRequest request) => request.MessageRequestCase switch
    {
        ServerReflectionRequest.MessageRequestOneofCase.ListServices => ListServices(index),
        ServerReflectionRequest.MessageRequestOneofCase.FileByFilename =>
            Files(index.FileByName(request.FileByFilename), $"file {request.FileByFilename}"),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol =>
            Files(index.FileContainingSymbol(request.FileContainingSymbol), $"symbol {request.FileContainingSymbol}"),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension => Files(
            index.FileContainingExtension(request.FileContainingExtension.ContainingType, request.FileContainingExtension.ExtensionNumber),
            $"extension {request.FileContainingExtension.ExtensionNumber} of {request.FileContainingExtension.ContainingType}"),
        ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType => ExtensionNumbers(index, request.AllExtensionNumbersOfType),
        _ => Error(StatusCode.InvalidArgument, "The request asks nothing this server knows how to answer."),
    };

    private static ServerReflectionResponse ListServices(ReflectionIndex index)
    {
        var list = new ListServiceResponse();
        list.Service.AddRange(index.Services.Select(name => new ServiceResponse { Name = name }));
        return new ServerReflectionResponse { ListServicesResponse = list };
    }

    private static ServerReflectionResponse Files(Google.Protobuf.Reflection.FileDescriptor? file, string what)
    {
        if (file is null)
        {
            return Error(StatusCode.NotFound, $"No {what} is known to this server.");
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(ReflectionIndex.WithDependencies(file));
        return new ServerReflectionResponse { FileDescriptorResponse = files };
    }

    private static ServerReflectionResponse ExtensionNumbers(ReflectionIndex index, string messageType)
    {
        if (index.ExtensionNumbersOf(messageType) is not { } numbers)
        {
            return Error(StatusCode.NotFound, $"No message type {messageType} is known to this server.");
        }

        var response = new ExtensionNumberResponse { BaseTypeName = messageType.TrimStart('.') };
        response.ExtensionNumber.AddRange(numbers);
        return new ServerReflectionResponse { AllExtensionNumbersResponse = response };
    }

    private static ServerReflectionResponse Error(StatusCode code, string message) => new()
    {
        ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message },
    };
}
