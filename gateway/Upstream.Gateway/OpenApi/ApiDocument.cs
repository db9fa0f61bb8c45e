namespace Upstream.Gateway.OpenApi;

/// <summary>The OpenAPI 3.1 document, generated once from the same route table the gateway serves.</summary>
public sealed class ApiDocument(Transcoding.RouteTable routes)
{
    public string Json { get; } = OpenApiWriter.Write(routes);
}
