using System.Text;
using Google.Protobuf;
using Upstream.Applications.Bulk;
using Grpc.Core;
using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Applications.Grpc;

/// <summary>TransferService: a CSV file streamed in as chunks (imported all or nothing), or every application streamed out.</summary>
public sealed class TransferApi(BulkDesk desk) : V1.TransferService.TransferServiceBase
{
    /// <summary>Large enough for thousands of applications; a bigger upload is refused rather than buffered without end.</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    private const int ExportChunkBytes = 32 * 1024;

    public override async Task<V1.ImportReport> ImportApplications(IAsyncStreamReader<V1.ImportChunk> requestStream, ServerCallContext context)
    {
        using var csv = new MemoryStream();
        var callId = "";
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var chunk = requestStream.Current;
            if (callId.Length == 0)
            {
                callId = chunk.CallId;
            }
            else if (chunk.CallId.Length > 0 && chunk.CallId != callId)
            {
                throw new InvalidInputException([new FieldViolation("call_id", "Every chunk of one import must name the same call (or leave it empty after the first).")]);
            }

            if (csv.Length + chunk.Csv.Length > MaxImportBytes)
            {
                throw new InvalidInputException([new FieldViolation("csv", $"The file is larger than {MaxImportBytes / (1024 * 1024)} MiB; split it into several imports.")]);
            }

            chunk.Csv.WriteTo(csv);
        }

        var id = ProtoMapping.Id(callId, "call_id");
        csv.Position = 0;
        using var reader = new StreamReader(csv, Encoding.UTF8);
        return (await desk.ImportAsync(context.Caller(), id, reader, context.CancellationToken)).ToProto();
    }

    public override async Task ExportApplications(V1.ExportApplicationsRequest request, IServerStreamWriter<V1.ExportChunk> responseStream, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.CallId, "call_id");
        await using var csv = new StringWriter();
        await desk.ExportAsync(context.Caller(), id, csv, context.CancellationToken);
        // Chunked as bytes, not characters, so no chunk splits a character in two.
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        for (var start = 0; start < bytes.Length; start += ExportChunkBytes)
        {
            var part = ByteString.CopyFrom(bytes, start, Math.Min(ExportChunkBytes, bytes.Length - start));
            await responseStream.WriteAsync(new V1.ExportChunk { Csv = part });
        }
    }
}
