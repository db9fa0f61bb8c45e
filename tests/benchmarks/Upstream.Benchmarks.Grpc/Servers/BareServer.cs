using Upstream.Benchmarks.Grpc.Workload;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>
/// The ceiling: a Kestrel handler with no gRPC library at all. It drains the request and writes the response
/// bytes a correct server would, with grpc-status 0 in the trailers; no routing, no parsing, no allocation
/// beyond Kestrel's own. Whatever our server does on top of this costs throughput.
/// </summary>
internal static class BareServer
{
    public static async Task RunAsync(int port, UnaryWorkload workload)
    {
        var app = BenchmarkHost.CreateBuilder(port).Build();
        var response = workload.FramedResponse;
        app.Run(async context =>
        {
            if (context.Request.Path.Value != UnaryWorkload.Path)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var body = context.Request.BodyReader;
            while (true)
            {
                var read = await body.ReadAsync(context.RequestAborted);
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(response, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.RunAsync();
    }
}
