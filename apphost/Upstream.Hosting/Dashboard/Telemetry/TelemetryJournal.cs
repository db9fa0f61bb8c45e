using Google.Protobuf;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// An append-only file of length-delimited OTLP messages, so telemetry survives an app host restart. Appends are
/// cheap; when the file holds well over what memory keeps (old records already dropped, or a resource cleared),
/// it is rewritten from what is kept. A torn last record (the app host killed mid-write) ends the replay there.
/// </summary>
internal sealed class TelemetryJournal<TMessage>(string path, MessageParser<TMessage> parser) : IDisposable
    where TMessage : IMessage<TMessage>
{
    private FileStream? _file;

    /// <summary>Records in the file, including ones memory has since dropped.</summary>
    public int Count { get; private set; }

    public IEnumerable<TMessage> Replay()
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var stream = File.OpenRead(path);
        while (stream.Position < stream.Length)
        {
            TMessage message;
            try
            {
                message = parser.ParseDelimitedFrom(stream);
            }
            catch (InvalidProtocolBufferException)
            {
                yield break;
            }

            Count++;
            yield return message;
        }
    }

    public void Append(IEnumerable<IMessage> messages)
    {
        var file = Open(FileMode.Append);
        foreach (var message in messages)
        {
            message.WriteDelimitedTo(file);
            Count++;
        }

        file.Flush();
    }

    /// <summary>Replaces the file with exactly these records (written aside, then moved, so a crash keeps the old one).</summary>
    public void Rewrite(IEnumerable<IMessage> messages)
    {
        _file?.Dispose();
        _file = null;
        var temporary = path + ".compacting";
        var count = 0;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            OwnerOnly(temporary);
            foreach (var message in messages)
            {
                message.WriteDelimitedTo(file);
                count++;
            }
        }

        File.Move(temporary, path, overwrite: true);
        Count = count;
    }

    private FileStream Open(FileMode mode)
    {
        if (_file is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
            OwnerOnly(path);
        }

        return _file;
    }

    /// <summary>Telemetry can hold whatever logs said: readable by the app host's user only, like the secrets.</summary>
    private static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose() => _file?.Dispose();
}
