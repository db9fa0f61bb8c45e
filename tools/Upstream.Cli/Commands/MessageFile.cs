using Google.Protobuf;
using Upstream.Cli.Output;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Upstream.Cli.Commands;

/// <summary>A request message from a YAML or JSON file, in the protos' JSON mapping (snake_case or camelCase names).</summary>
public static class MessageFile
{
    public static T Read<T>(string path)
        where T : IMessage<T>, new()
    {
        try
        {
            var text = File.ReadAllText(path);
            var json = Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml"
                ? new SerializerBuilder().JsonCompatible().Build().Serialize(new DeserializerBuilder().Build().Deserialize<object>(text) ?? new object())
                : text;
            return JsonParser.Default.Parse<T>(json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException or InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: {e.Message}");
        }
    }
}
