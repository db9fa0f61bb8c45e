using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Upstream.Gateway.Edge;

/// <summary>
/// REST bodies are capped (413 before anything is forwarded when Content-Length says so, or as soon as a chunked
/// body passes the cap); gRPC calls may stream for as long as they need, so their cap is lifted.
/// </summary>
public static class BodyLimits
{
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app, long maxRestBody) => app.Use((context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var grpc = GrpcStatusReply.IsGrpc(context.Request);
        if (!grpc && context.Request.ContentLength > maxRestBody)
        {
            return ProblemReply.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {maxRestBody} bytes."));
        }

        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = grpc ? null : maxRestBody;
        }

        return next(context);
    });
}
