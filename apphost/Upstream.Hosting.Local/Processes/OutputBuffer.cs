namespace Upstream.Hosting.Processes;

/// <summary>The last lines a process wrote: enough for a crash report, bounded so a chatty process cannot grow memory.</summary>
internal sealed class OutputBuffer(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public event Action<string>? LineWritten;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }

        LineWritten?.Invoke(line);
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }
}
