using Npgsql;
using Upstream.Hosting.Processes;

namespace Upstream.Hosting.Infrastructure;

/// <summary>
/// A PostgreSQL server run as a local process on loopback: initdb on first start, password authentication,
/// its own socket folder, so it never touches a system instance.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private LocalPostgres(PostgresOptions options, ChildProcess process)
    {
        Options = options;
        Process = process;
    }

    public PostgresOptions Options { get; }

    public ChildProcess Process { get; }

    public int Port => Options.Port;

    /// <summary>The connection string in the shape Aspire gives a project.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Options.Port};Username={Options.Username};Password={Options.Password};Database={database}";

    public static async Task<LocalPostgres> StartAsync(PostgresOptions options, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(options, cancellationToken).ConfigureAwait(false);
        var server = new LocalPostgres(options, ChildProcess.Start(Command(options)));
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Creates the folders (owned by the account the server runs as) and the cluster on first start.</summary>
    public static async Task InitializeAsync(PostgresOptions options, CancellationToken cancellationToken = default)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var sockets = SocketDirectory(data);
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sockets);
        var runAs = PostgresUser.ForCurrentProcess();
        runAs.Own(data);
        runAs.Own(sockets);

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitDbAsync(options, data, runAs, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The server's command line, run as the postgres account where we are root. Its graceful stop is INT, a
    /// "fast" shutdown: TERM would wait for every client to disconnect.
    /// </summary>
    public static ChildProcessSpec Command(PostgresOptions options)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        List<string> arguments =
        [
            "-D", data, "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={SocketDirectory(data)}",
            "-c", "max_connections=500",
        ];
        if (!options.Durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return PostgresUser.ForCurrentProcess().Wrap(MachineTools.PostgresBin("postgres"), arguments) with
        {
            StopSignal = Signal.Interrupt,
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8" },
        };
    }

    private static string SocketDirectory(string data) => Path.Combine(Path.GetDirectoryName(data)!, "sockets");

    private static async Task InitDbAsync(PostgresOptions options, string data, PostgresUser runAs, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(Path.GetDirectoryName(data)!, $".pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, options.Password, cancellationToken).ConfigureAwait(false);
        runAs.Own(passwordFile);
        try
        {
            List<string> arguments = ["-D", data, "-U", options.Username, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"];
            if (!options.Durable)
            {
                arguments.Add("--no-sync");
            }

            var initdb = ChildProcess.Start(runAs.Wrap(MachineTools.PostgresBin("initdb"), arguments));
            var code = await initdb.Exited.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {code}:\n{string.Join('\n', initdb.RecentOutput.TakeLast(20))}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersAsync(ConnectionString("postgres"), cancellationToken).ConfigureAwait(false))
        {
            if (Process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start on port {Port}:\n{string.Join('\n', Process.RecentOutput.TakeLast(20))}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Readiness at the protocol level: the server completes a startup and authentication exchange.</summary>
    public static async Task<bool> AnswersAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=2");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Creates the database unless it exists (data survives restarts, so this runs every start).</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync(ConnectionString("postgres"), name, cancellationToken);

    /// <summary>Creates a database on the server the connection string (to any existing database) points at, unless it exists.</summary>
    public static async Task CreateDatabaseAsync(string serverConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        // Identifiers cannot be parameters; quote it so any name is safe.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<int> StopAsync() => Process.StopAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await Process.DisposeAsync().ConfigureAwait(false);
}
