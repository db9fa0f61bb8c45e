namespace Upstream.Gateway.Edge;

/// <summary>
/// Headers that keep browsers from misusing API responses: no sniffing, no framing, no referrer, no caching
/// of personal data. gRPC responses are left alone (no browser reads them). The API reference page is the one
/// page meant for a browser: it may run its own (same-origin) script and styles, nothing from elsewhere.
/// </summary>
public static class SecurityHeaders
{
    public const string ReferencePath = "/scalar";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (GrpcStatusReply.IsGrpc(context.Request))
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ReferencePath) ? ReferencePolicy : ApiPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        return next(context);
    });
}
