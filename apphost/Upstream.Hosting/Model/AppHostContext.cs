namespace Upstream.Hosting.Model;

/// <summary>Where the app host keeps its state, and what it tells projects about telemetry.</summary>
public sealed class AppHostContext(AppHostOptions options, SecretStore secrets)
{
    public AppHostOptions Options { get; } = options;

    public SecretStore Secrets { get; } = secrets;
}
