namespace Upstream.Grpc;

/// <summary>Writes a stream of messages, one write at a time (await each before the next).</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the next writes (e.g. not to compress); null means the call's defaults.</summary>
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? WriteAsync(message).WaitAsync(cancellationToken) : WriteAsync(message);
}

/// <summary>The server's side of a response stream.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;

/// <summary>The client's side of a request stream; <see cref="CompleteAsync"/> says no more requests follow.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    Task CompleteAsync();
}

/// <summary>Flags for how a message is written.</summary>
[Flags]
public enum WriteFlags
{
    None = 0,

    /// <summary>The write may be held back and sent with later ones.</summary>
    BufferHint = 1,

    /// <summary>Send this message uncompressed even if the call compresses.</summary>
    NoCompress = 2,
}

/// <summary>How messages are written.</summary>
public sealed record WriteOptions(WriteFlags Flags = WriteFlags.None)
{
    public static readonly WriteOptions Default = new();
}
