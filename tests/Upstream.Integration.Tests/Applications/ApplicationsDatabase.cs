using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Messaging;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.Applications.Handling;
using Upstream.Domain.Registry;

namespace Upstream.Integration.Tests.Applications;

/// <summary>A fresh Applications database on the shared server, migrated exactly as the service migrates it at start-up.</summary>
internal sealed record ApplicationsDatabase(string ConnectionString)
{
    /// <summary>The service's own migrations and the messaging library's outbox and inbox tables, as at start-up.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Migration.FromAssemblies([typeof(ApplicationsDb).Assembly, typeof(MessagingModel).Assembly]);

    public static async Task<ApplicationsDatabase> CreateAsync(InfrastructureFixture infrastructure)
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("applications");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(source, Migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        return new ApplicationsDatabase(connectionString);
    }

    public ApplicationsDb Context() => new(new DbContextOptionsBuilder<ApplicationsDb>().UseNpgsql(ConnectionString).Options);
}

/// <summary>The use cases over a context made by a test, each with an outbox on that same context, as the service wires them.</summary>
internal static class Desks
{
    public static ApplicationDesk Application(ApplicationsDb db, TimeProvider clock) =>
        new(db, LocalAuthorityRegistry.Shipped, clock, EventOutboxFactory.For(db, clock));

    public static CohortDesk Cohort(ApplicationsDb db, TimeProvider clock) => new(db, clock, EventOutboxFactory.For(db, clock));
}
