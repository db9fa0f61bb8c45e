namespace Upstream.Grpc.Client.Calls;

/// <summary>The caller's view of a call's response messages.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private TResponse? current;

    public TResponse Current => current ?? throw new InvalidOperationException("MoveNext has not returned true yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        current = await call.ReadAsync(cancellationToken).ConfigureAwait(false);
        return current is not null;
    }
}

/// <summary>The caller's view of a call's request messages.</summary>
internal sealed class RequestStreamWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteAsync(message, WriteOptions);
    }

    public Task CompleteAsync() => call.CompleteAsync();
}
