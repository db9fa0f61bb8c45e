using Upstream.ServiceDefaults;

namespace Upstream.Gateway.Hosting;

/// <summary>The gateway as Program.cs runs it; host tests build the very same application on a real port.</summary>
public static class GatewayApplication
{
    /// <param name="configure">Lets a host test add configuration or replace a service before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json (its endpoints) beside the assembly, wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Routes, clusters and policies from the assembly (Routing/routes.json); a test's settings still win.
        builder.Configuration.AddJsonStream(typeof(GatewayApplication).Assembly.GetManifestResourceStream("routes.json")!);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.UseGateway();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }
}
