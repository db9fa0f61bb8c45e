namespace Upstream.Insights.Webhooks;

/// <summary>
/// A background worker of a table of due work (webhook deliveries, the WebSub hub's tasks): polls in real time (the
/// programme clock, a test's, may stand still), works until nothing is due, and survives a failed poll.
/// </summary>
public abstract partial class TablePoller(TimeSpan interval, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                while (await WorkDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may not be migrated yet, or be briefly away: the next poll tries again.
                LogPollFailed(logger, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many items it worked: it is called again at once until none are due.</returns>
    protected abstract Task<int> WorkDueAsync(CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} could not look for due work")]
    private static partial void LogPollFailed(ILogger logger, string worker, Exception exception);
}
