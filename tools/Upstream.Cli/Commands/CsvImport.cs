using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Google.Protobuf;
using Upstream.Applications.V1;

namespace Upstream.Cli.Commands;

/// <summary>
/// A CSV file streamed to TransferService.ImportApplications in chunks. The service imports a file all or nothing, so
/// the file is sent once for the service to check every row (nothing is kept if any row is refused), and then, if
/// some rows were refused, once more without them: the rows that passed go in together, in one transaction, or not
/// at all. Rows are found by the same line numbers the service reports (CsvHelper's raw row, as the service reads).
/// </summary>
public sealed class CsvImport(TransferService.TransferServiceClient transfer, string callId, string path)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Long enough for the largest file the service takes (16 MiB); a stuck import still ends.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>The data rows' line numbers (the service's numbering), in file order.</summary>
    public IReadOnlyList<int> Rows() => Records(path).Skip(1).Select(r => r.Line).ToList();

    /// <summary>Sends the file, or only the rows not in <paramref name="refused"/>, reporting bytes sent.</summary>
    public async Task<ImportReport> SendAsync(IReadOnlySet<int> refused, IProgress<long> progress, CancellationToken cancellationToken)
    {
        using var call = transfer.ImportApplications(deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        var first = true;
        long sent = 0;
        foreach (var chunk in Chunks(refused))
        {
            await call.RequestStream.WriteAsync(new ImportChunk { CallId = first ? callId : "", Csv = ByteString.CopyFrom(chunk) }, cancellationToken);
            first = false;
            sent += chunk.Length;
            progress.Report(sent);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private IEnumerable<byte[]> Chunks(IReadOnlySet<int> refused)
    {
        if (refused.Count == 0)
        {
            // The file as it is, straight from disk.
            using var file = File.OpenRead(path);
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                yield return buffer[..read];
            }

            yield break;
        }

        var pending = new StringBuilder();
        foreach (var (line, raw) in Records(path))
        {
            if (!refused.Contains(line))
            {
                pending.Append(raw);
            }

            if (pending.Length >= ChunkBytes)
            {
                yield return Encoding.UTF8.GetBytes(pending.ToString());
                pending.Clear();
            }
        }

        if (pending.Length > 0)
        {
            yield return Encoding.UTF8.GetBytes(pending.ToString());
        }
    }

    /// <summary>Every record (the header first) with its line as the service numbers it and its exact text.</summary>
    private static IEnumerable<(int Line, string Raw)> Records(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        while (parser.Read())
        {
            yield return (parser.RawRow, parser.RawRecord);
        }
    }
}
