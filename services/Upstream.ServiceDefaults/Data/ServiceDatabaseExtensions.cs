using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Upstream.ServiceDefaults.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database from ConnectionStrings__{name}: an EF Core context, the migrations
    /// embedded in the context's assembly (and in any <see cref="MigrationSource"/> a shared library registers)
    /// applied at start-up, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set: the app host (or your environment) must provide the '{name}' database.");

        // Spans only for work that is part of a trace (a request, a relayed message): background polling and
        // connection opening would otherwise flood the trace list with one-span traces. Made by the container so it is
        // disposed with it: its pool's connections close when the service stops (an instance handed to AddSingleton is
        // never disposed, and its connections stayed open on the server for minutes after the service had gone).
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = name }
            .ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnablePhysicalOpenTracing(false))
            .Build());
        builder.Services.AddDbContext<TContext>((services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(sp => new SchemaMigrator(
            sp.GetRequiredService<NpgsqlDataSource>(),
            Migration.FromAssemblies([typeof(TContext).Assembly, .. sp.GetServices<MigrationSource>().Select(s => s.Assembly)]),
            sp.GetRequiredService<ILogger<SchemaMigrator>>()));
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>($"database:{name}");
        return builder;
    }

}
