namespace Upstream.Demo;

/// <summary>
/// Progress told in the order it happens, on the reporting thread (Progress&lt;T&gt; posts each report to the thread
/// pool, so lines could come out of order).
/// </summary>
public sealed class JourneyProgress(Action<string> write) : IProgress<string>
{
    public void Report(string value) => write(value);
}
