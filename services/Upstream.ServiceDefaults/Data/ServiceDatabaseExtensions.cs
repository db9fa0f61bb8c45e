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
        // connection opening would otherwise flood the trace list with one-span traces. The container makes the data
        // source and disposes it with the service, closing its pool's connections (an instance we had handed to
        // AddSingleton was never disposed: a stopped service's connections stayed open on the server for minutes).
        builder.Services.AddNpgsqlDataSource(connectionString, dataSource =>
        {
            dataSource.Name = name;
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnablePhysicalOpenTracing(false));
        });

        // Given the service's loggers now, Npgsql would log every command at Information as EF Core already does.
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
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
