using Xunit;

namespace Upstream.Testing.Infrastructure;

/// <summary>Class fixture giving tests the run's shared servers (IClassFixture&lt;InfrastructureFixture&gt;).</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private SharedInfrastructure? _shared;

    public SharedInfrastructure Shared => _shared ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _shared = await SharedInfrastructure.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
