using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Yarp.ReverseProxy.Transforms;

namespace Upstream.Gateway.Edge;

/// <summary>
/// Service errors in the front ends' contract. JSON transcoding answers a failed call with the mapped HTTP status
/// and a google.rpc.Status body ({code, message, details}); front ends get RFC 9457 problem details instead, with
/// the gRPC status name, the BadRequest field violations and the trace id. Error replies with no body (the
/// service's own 404, 405, 415) become problem details too. Internals never leave: for failures that are ours,
/// not the caller's, the service's text is replaced.
/// </summary>
public static class ServiceErrors
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default
        .WithIgnoreUnknownFields(true)
        .WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor, PreconditionFailure.Descriptor, ErrorInfo.Descriptor)));

    private static readonly EnumDescriptor Codes = CodeReflection.Descriptor.EnumTypes[0];

    public static async ValueTask RewriteAsync(ResponseTransformContext transform)
    {
        var response = transform.HttpContext.Response;
        if (transform.ProxyResponse is not { } reply || response.StatusCode < 400 || GrpcStatusReply.IsGrpc(reply.Content.Headers.ContentType?.MediaType))
        {
            return;
        }

        var body = await reply.Content.ReadAsStringAsync(transform.CancellationToken);
        transform.SuppressResponseBody = true;
        response.Headers.ContentLength = null;
        var status = Parse(body);
        if (status is null)
        {
            await ProblemReply.WriteAsync(transform.HttpContext, response.StatusCode, Said(response.StatusCode));
            return;
        }

        var errors = status.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
            .Select(v => new FieldProblem(v.Field, v.Description)).ToList();
        await ProblemReply.WriteAsync(transform.HttpContext, response.StatusCode, Shown(status), Codes.FindValueByNumber(status.Code)?.Name, errors);
    }

    private static Status? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : Parser.Parse<Status>(body);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        catch (InvalidJsonException)
        {
            return null;
        }
    }

    /// <summary>The service's words, except where they could only describe its internals.</summary>
    private static string Shown(Status status) => (Code)status.Code switch
    {
        Code.Internal or Code.Unknown or Code.DataLoss => "The service failed to complete the request.",
        Code.Unavailable => "The service is unavailable; try again shortly.",
        Code.DeadlineExceeded => "The service did not answer in time.",
        _ => status.Message,
    };

    private static string Said(int status) => status switch
    {
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method; see Allow.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        >= 500 => "The service failed to complete the request.",
        _ => "The service refused the request.",
    };
}
