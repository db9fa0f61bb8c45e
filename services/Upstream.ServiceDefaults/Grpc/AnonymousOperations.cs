using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>
/// Marks the plain HTTP endpoints anyone may call (declared with <c>AllowAnonymous()</c>, as a feed is) so the
/// gateway's merged document says they need no token, as it does for the contracts' anonymous methods.
/// </summary>
internal sealed class AnonymousOperations : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Extensions[GrpcApiExtensions.AnonymousExtension] = new OpenApiBoolean(true);
        }
    }
}
