using System.Globalization;
using System.Net.Sockets;
using Upstream.Hosting.Processes;

namespace Upstream.Hosting.Infrastructure;

/// <summary>
/// A RabbitMQ node run as a local process: its own node name, ports (AMQP, distribution and a private epmd)
/// and folders, no plugins, generated credentials. Nothing is shared with a system instance.
/// </summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    private readonly ChildProcessSpec _command;

    private LocalRabbitMq(RabbitMqOptions options, ChildProcessSpec command, ChildProcess server)
    {
        Options = options;
        _command = command;
        Process = server;
    }

    public RabbitMqOptions Options { get; }

    public ChildProcess Process { get; }

    public int Port => Options.AmqpPort;

    /// <summary>The connection string in the shape Aspire gives a project: amqp://user:pw@host:port.</summary>
    public string ConnectionString(string? virtualHost = null) =>
        $"amqp://{Uri.EscapeDataString(Options.Username)}:{Uri.EscapeDataString(Options.Password)}@127.0.0.1:{Options.AmqpPort}"
        + (virtualHost is null ? "" : "/" + Uri.EscapeDataString(virtualHost));

    public static async Task<LocalRabbitMq> StartAsync(RabbitMqOptions options, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(options, cancellationToken).ConfigureAwait(false);
        var command = Command(options);
        var broker = new LocalRabbitMq(options, command, ChildProcess.Start(command));
        try
        {
            await broker.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return broker;
    }

    /// <summary>Writes the node's configuration (listener, credentials, no plugins) into its folder.</summary>
    public static async Task InitializeAsync(RabbitMqOptions options, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(Path.Combine(root, "mnesia"));
        Directory.CreateDirectory(Path.Combine(root, "log"));
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "rabbitmq-env.conf"), "", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{options.AmqpPort}
            default_user = {options.Username}
            default_pass = {options.Password}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            disk_free_limit.absolute = 50MB
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The server's command line and environment. The node starts its own epmd on a private port (so it never
    /// meets a system node); epmd outlives the node by design, so it is stopped once the node has gone.
    /// </summary>
    public static ChildProcessSpec Command(RabbitMqOptions options)
    {
        var root = Path.GetFullPath(options.DataDirectory);
        var epmdPort = options.EpmdPort.ToString(CultureInfo.InvariantCulture);
        return new ChildProcessSpec(MachineTools.RabbitMqBin("rabbitmq-server"), [])
        {
            Environment = new Dictionary<string, string?>
            {
                ["HOME"] = root, // the Erlang cookie lives here, shared by the server and rabbitmqctl
                ["RABBITMQ_NODENAME"] = options.NodeName,
                ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODE_PORT"] = options.AmqpPort.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_DIST_PORT"] = options.DistributionPort.ToString(CultureInfo.InvariantCulture),
                ["ERL_EPMD_PORT"] = epmdPort,
                ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
                ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq"),
                ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(root, "advanced.config"),
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
                ["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid"),
            },
            AfterExit = $"ERL_EPMD_PORT={epmdPort} {MachineTools.Epmd()} -kill",
        };
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ exited with code {await Process.Exited.ConfigureAwait(false)} while starting:\n{string.Join('\n', Process.RecentOutput.TakeLast(30))}");
            }

            if (await AmqpProbe.AnswersAsync(Options.AmqpPort, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"RabbitMQ did not accept AMQP connections on port {Options.AmqpPort} within 90 s:\n{string.Join('\n', Process.RecentOutput.TakeLast(30))}");
    }

    /// <summary>Runs rabbitmqctl against this node (for virtual hosts and diagnostics).</summary>
    public async Task<string> ControlAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var ctl = ChildProcess.Start(new ChildProcessSpec(MachineTools.RabbitMqBin("rabbitmqctl"), ["-n", Options.NodeName, .. arguments]) { Environment = _command.Environment });
        var code = await ctl.Exited.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var output = string.Join('\n', ctl.RecentOutput);
        return code == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({code}): {output}");
    }

    /// <summary>A fresh virtual host the configured user may use fully: isolates one test's queues from another's.</summary>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        await ControlAsync(cancellationToken, "add_vhost", name).ConfigureAwait(false);
        await ControlAsync(cancellationToken, "set_permissions", "-p", name, Options.Username, ".*", ".*", ".*").ConfigureAwait(false);
        return ConnectionString(name);
    }

    public Task<int> StopAsync() => Process.StopAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Readiness at the protocol level: the broker answers the AMQP 0-9-1 header with a Connection.Start frame.</summary>
public static class AmqpProbe
{
    public static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var frameType = new byte[1];
            var read = await stream.ReadAsync(frameType, timeout.Token).ConfigureAwait(false);
            return read == 1 && frameType[0] == 1; // 1 = method frame (Connection.Start)
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
