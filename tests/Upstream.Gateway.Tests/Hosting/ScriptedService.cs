using System.Collections.Concurrent;
using Upstream.Gateway.Backends;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// The backend as the REST side sees it: records every call the gateway makes and answers as the test says.
/// </summary>
public sealed class ScriptedService : IUnaryCaller
{
    private readonly ConcurrentQueue<UnaryCall> _calls = new();

    public Func<UnaryCall, UnaryOutcome> Answer { get; set; } = call => UnaryOutcome.Ok(call.Method.OutputType.Parser.ParseFrom([]));

    public IReadOnlyCollection<UnaryCall> Calls => _calls;

    public UnaryCall Last => _calls.Last();

    public Task<UnaryOutcome> CallAsync(UnaryCall call, CancellationToken cancellationToken)
    {
        _calls.Enqueue(call);
        return Task.FromResult(Answer(call));
    }
}
