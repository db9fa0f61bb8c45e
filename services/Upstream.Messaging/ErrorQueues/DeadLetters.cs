using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Upstream.Messaging.Setup;

namespace Upstream.Messaging.ErrorQueues;

/// <summary>
/// Staff's view of messages this service's consumers gave up on (MassTransit moves them to "queue_error" with the
/// reason in MT-Fault-* headers), and replay: the message goes back to its own queue once the fault is fixed.
/// Reads with basic.get and no acknowledgement, so listing leaves every message where it was.
/// </summary>
public sealed class DeadLetters(BrokerAddress broker, ConsumerQueues queues)
{
    private const string FaultPrefix = "MT-Fault-";

    /// <summary>Every dead-lettered message of this service's consumers, oldest first per queue.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limitPerQueue = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        foreach (var queue in queues.Names)
        {
            // A channel per queue: closing it hands back (requeues) everything read on it, in order.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            if (!await ExistsAsync(connection, queue + "_error", cancellationToken))
            {
                continue;
            }

            for (var i = 0; i < limitPerQueue && await channel.BasicGetAsync(queue + "_error", autoAck: false, cancellationToken) is { } message; i++)
            {
                letters.Add(Describe(queue, message));
            }
        }

        return letters;
    }

    /// <summary>Sends one dead-lettered message back to its queue; false if it is not (or no longer) there.</summary>
    public async Task<bool> ReplayAsync(string queue, Guid messageId, CancellationToken cancellationToken = default)
    {
        if (!queues.Names.Contains(queue))
        {
            throw new ArgumentException($"'{queue}' is not one of this service's consumer queues.", nameof(queue));
        }

        await using var connection = await ConnectAsync(cancellationToken);
        if (!await ExistsAsync(connection, queue + "_error", cancellationToken))
        {
            return false;
        }

        // Publisher confirms: the message is acknowledged off the error queue only once the broker holds the copy.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        while (await channel.BasicGetAsync(queue + "_error", autoAck: false, cancellationToken) is { } message)
        {
            if (Describe(queue, message).MessageId != messageId)
            {
                continue; // left unacknowledged: requeued in place when the channel closes
            }

            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(h => !h.Key.StartsWith(FaultPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            return true;
        }

        return false;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = "dead-letters",
        }.CreateConnectionAsync(cancellationToken);

    // A passive declare on a throwaway channel: a missing queue closes the channel, not the caller's.
    private static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    // MassTransit's JSON envelope names the message's types as URNs, most specific first.
    private static string? MessageTypeOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DeadLetter Describe(string queue, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

        return new DeadLetter(
            queue,
            Guid.TryParse(message.BasicProperties.MessageId, out var id) ? id : Guid.Empty,
            MessageTypeOf(message.Body),
            Header(FaultPrefix + "Message"),
            Header(FaultPrefix + "ExceptionType"),
            DateTimeOffset.TryParse(Header(FaultPrefix + "Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            int.TryParse(Header(FaultPrefix + "RetryCount"), CultureInfo.InvariantCulture, out var retries) ? retries : null);
    }
}
