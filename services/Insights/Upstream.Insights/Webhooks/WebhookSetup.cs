namespace Upstream.Insights.Webhooks;

/// <summary>The sender, its options and its guarded HTTP client (no redirects: a redirect could point inward; no retries of its own).</summary>
public static class WebhookSetup
{
    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<CallbackGuard>();
        var client = builder.Services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = services.GetRequiredService<CallbackGuard>().ConnectAsync,
            });

        // The deliveries table is the retry policy (logged, backed off, durable); a handler retrying underneath would
        // send several copies per attempt and hide them from the log.
#pragma warning disable EXTEXP0001 // marked experimental; the package's own way to opt one client out of the defaults
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<WebhookSender>();
        builder.Services.AddHostedService<WebSub.WebSubSender>();
    }
}
