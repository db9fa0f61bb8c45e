using System.Text.Json.Nodes;
using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.OpenApi;

public static class OpenApiWriter
{
    public static string Write(RouteTable routes) => new JsonObject { ["openapi"] = "3.1.0", ["count"] = routes.Routes.Count }.ToJsonString();
}
