using System.IO.Pipelines;
using System.Net;

namespace Upstream.Gateway.PassThrough;

/// <summary>
/// The client's request body, sent on to the backend as it arrives and flushed after every read, so a
/// bidirectional call stays full duplex (ping-pong: a reply can come back before the next request is sent).
/// </summary>
internal sealed class StreamingRequestContent(PipeReader source) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            source.AdvanceTo(result.Buffer.End);
            await stream.FlushAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
