using System.Reflection;

namespace Upstream.ServiceDefaults.Data;

/// <summary>
/// Another assembly whose embedded migrations belong in the service's database: a shared library with tables of
/// its own (messaging's outbox and inbox) registers one, and the service's migrator applies them with its own.
/// </summary>
public sealed record MigrationSource(Assembly Assembly);
