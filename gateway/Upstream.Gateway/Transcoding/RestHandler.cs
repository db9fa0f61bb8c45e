using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Upstream.Gateway.Backends;
using Upstream.Gateway.Contracts;
using Upstream.Gateway.Edge;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Transcoding;

/// <summary>
/// Serves every REST route the contracts declare: match, check access, bind the request message, call the
/// owning service, answer with proto3 JSON or an RFC 9457 problem. One handler for all routes.
/// </summary>
public sealed class RestHandler(RouteTable routes, BackendDirectory directory, IUnaryCaller caller, IOptions<GatewayOptions> options)
{
    // The token travels on, for the service to check again; trace context is added by the gRPC client itself.
    private static readonly string[] ForwardedHeaders = ["authorization"];

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawPath = RawPath(context);
        if (routes.Match(request.Method, rawPath) is not { } match)
        {
            await NoRouteAsync(context, rawPath);
            return;
        }

        if (await RefuseAccessAsync(context, match.Route))
        {
            return;
        }

        IMessage message;
        try
        {
            message = RequestBinder.Bind(match, request.Query.Select(q => new KeyValuePair<string, string[]>(q.Key, [.. q.Value.OfType<string>()])), await ReadBodyAsync(context, match.Route));
        }
        catch (InvalidRequestException e)
        {
            await ProblemReply.WriteAsync(context, StatusCodes.Status400BadRequest, "The request does not fit the API: see errors.", "INVALID_ARGUMENT",
                [.. e.Problems.Select(p => new FieldProblem(p.Field, p.Description))]);
            return;
        }
        catch (RequestRefusedException e)
        {
            await ProblemReply.WriteAsync(context, e.Status, e.Message);
            return;
        }

        var backend = directory.For(match.Route.Method.Service.FullName)!;
        var metadata = ForwardedHeaders.Where(h => request.Headers.ContainsKey(h)).Select(h => new KeyValuePair<string, string>(h, request.Headers[h].ToString())).ToList();
        var outcome = await caller.CallAsync(new UnaryCall(backend, match.Route.Method, message, metadata, DateTime.UtcNow + options.Value.RestTimeout), context.RequestAborted);
        if (outcome.Status != 0 || outcome.Response is null)
        {
            await ProblemReply.WriteAsync(context, StatusMapping.ToHttp(outcome.Status), PublicMessage(outcome), StatusMapping.Name(outcome.Status), outcome.Violations);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(ResponseWriter.ToJson(match.Route, outcome.Response), context.RequestAborted);
    }

    /// <summary>
    /// A service's own words for a refusal (not found, not yours, invalid) are meant for the caller; for failures
    /// (internal, unknown, unavailable, deadline) they may name hosts or exceptions, so the front end gets ours.
    /// </summary>
    private static string PublicMessage(UnaryOutcome outcome) => outcome.Status switch
    {
        2 or 13 or 15 => "The service failed to complete the request.",
        14 => "The service is unavailable; try again shortly.",
        4 => "The service did not answer in time.",
        _ => outcome.Message is { Length: > 0 } message ? message : "The service refused the request.",
    };

    // Path variables bind to percent-encoded segments, so "%2F" inside an id is not mistaken for a separator.
    private static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?');
        return query >= 0 ? raw[..query] : raw;
    }

    private Task NoRouteAsync(HttpContext context, string rawPath)
    {
        var verbs = routes.VerbsFor(rawPath);
        if (verbs.Count == 0)
        {
            return ProblemReply.WriteAsync(context, StatusCodes.Status404NotFound, $"No API route is {context.Request.Path}.", "NOT_FOUND");
        }

        context.Response.Headers.Allow = string.Join(", ", verbs);
        return ProblemReply.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"{context.Request.Path} answers {string.Join(", ", verbs)}, not {context.Request.Method}.");
    }

    /// <summary>A presented token must be valid even on a public route; other routes need one.</summary>
    private static async Task<bool> RefuseAccessAsync(HttpContext context, HttpRoute route)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            var result = await context.AuthenticateAsync();
            if (!result.Succeeded)
            {
                var why = result.Failure is SecurityTokenExpiredException ? "has expired" : "is not valid here (signature, issuer or audience)";
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await ProblemReply.WriteAsync(context, StatusCodes.Status401Unauthorized, $"The bearer token {why}.", "UNAUTHENTICATED");
                return true;
            }

            if (!Roles.All.Any(context.User.IsInRole))
            {
                await ProblemReply.WriteAsync(context, StatusCodes.Status403Forbidden, $"The token carries none of the roles {string.Join(", ", Roles.All)}.", "PERMISSION_DENIED");
                return true;
            }

            return false;
        }

        if (MethodAccess.IsAnonymous(route.Method))
        {
            return false;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemReply.WriteAsync(context, StatusCodes.Status401Unauthorized, "This route needs a bearer token.", "UNAUTHENTICATED");
        return true;
    }

    private async Task<string> ReadBodyAsync(HttpContext context, HttpRoute route)
    {
        var request = context.Request;
        var limit = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw new RequestRefusedException(StatusCodes.Status413PayloadTooLarge, $"The body is {request.ContentLength} bytes; at most {limit} are accepted.");
        }

        if (route.Body.Length == 0 && request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return "";
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRefusedException(StatusCodes.Status415UnsupportedMediaType, $"Bodies are application/json, not {type}.");
        }

        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRefusedException(StatusCodes.Status413PayloadTooLarge, $"The body is larger than the {limit} bytes accepted.");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestRefusedException(StatusCodes.Status400BadRequest, "The body is not valid UTF-8.");
        }
    }
}

/// <summary>The request is refused before binding: wrong media type, too large, not text.</summary>
public sealed class RequestRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
