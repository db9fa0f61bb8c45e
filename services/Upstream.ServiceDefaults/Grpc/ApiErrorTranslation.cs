using Grpc.Core;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>A service's mapping from its own refusals to gRPC statuses (see <see cref="GrpcApiExtensions.AddGrpcApi"/>).</summary>
public sealed class ApiErrorTranslation(Func<Exception, RpcException?> translate)
{
    public RpcException? Translate(Exception exception) => translate(exception);
}
