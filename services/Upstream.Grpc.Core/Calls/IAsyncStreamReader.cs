namespace Upstream.Grpc;

/// <summary>Reads a stream of messages: <c>while (await reader.MoveNext(token)) use(reader.Current);</c></summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message the last successful <see cref="MoveNext"/> read.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false when the peer has finished sending.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

/// <summary>Reads a stream as an <see cref="IAsyncEnumerable{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken))
        {
            yield return reader.Current;
        }
    }
}
