using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Upstream.ServiceDefaults.Batching;

public static class DecisionQueueExtensions
{
    /// <summary>
    /// One <see cref="DecisionQueue{TKey, TRequest, TAnswer}"/> per replica for a kind of decision, each batch decided
    /// by a <typeparamref name="TDecider"/> from its own scope, bounded by <see cref="DecisionQueueLimits.Section"/>.
    /// </summary>
    public static IServiceCollection AddDecisionQueue<TKey, TRequest, TAnswer, TDecider>(this IServiceCollection services)
        where TKey : notnull
        where TDecider : class, IBatchDecider<TKey, TRequest, TAnswer>
    {
        services.AddScoped<TDecider>();
        services.AddSingleton(provider =>
        {
            var scopes = provider.GetRequiredService<IServiceScopeFactory>();
            var limits = provider.GetRequiredService<IConfiguration>().GetSection(DecisionQueueLimits.Section).Get<DecisionQueueLimits>() ?? new DecisionQueueLimits();
            return new DecisionQueue<TKey, TRequest, TAnswer>(
                async (key, batch) =>
                {
                    await using var scope = scopes.CreateAsyncScope();

                    // No caller's token: the batch serves many callers and one leaving must not undo the others'
                    // decisions. Shutdown waits for in-flight calls, and so for the batches they wait on.
                    return await scope.ServiceProvider.GetRequiredService<TDecider>().DecideAsync(key, batch, CancellationToken.None).ConfigureAwait(false);
                },
                limits,
                provider.GetRequiredService<ILogger<DecisionQueue<TKey, TRequest, TAnswer>>>());
        });
        return services;
    }
}
