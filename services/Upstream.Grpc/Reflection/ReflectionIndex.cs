using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Upstream.Grpc.Reflection;

/// <summary>
/// Everything server reflection can answer, built once from the served services' descriptors: their files and
/// every file those import, each symbol's file, and the extensions declared anywhere in them.
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _extensions = [];
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        Services = [.. services.Select(s => s.FullName).Distinct().Order(StringComparer.Ordinal)];
        foreach (var service in services)
        {
            Add(service.File);
        }
    }

    /// <summary>Fully-qualified names of the services this server serves, e.g. <c>grpc.health.v1.Health</c>.</summary>
    public IReadOnlyList<string> Services { get; }

    public FileDescriptor? FileByName(string name) => _files.GetValueOrDefault(name);

    /// <summary>The file declaring a service, method, message, enum, field or extension, by its full name.</summary>
    public FileDescriptor? FileContainingSymbol(string symbol) => _symbols.GetValueOrDefault(symbol.TrimStart('.'));

    public FileDescriptor? FileContainingExtension(string extendee, int number) =>
        _extensions.GetValueOrDefault((extendee.TrimStart('.'), number));

    /// <summary>The numbers of every extension of a message type; null when the type is unknown here.</summary>
    public IReadOnlyList<int>? ExtensionNumbersOf(string messageType)
    {
        var name = messageType.TrimStart('.');
        if (!_messageTypes.Contains(name))
        {
            return null;
        }

        return [.. _extensions.Keys.Where(k => k.Extendee == name).Select(k => k.Number).Order()];
    }

    /// <summary>
    /// The file as serialized FileDescriptorProtos: the file itself first, then every file it imports, directly
    /// or not, so a client can build a complete descriptor pool from one answer.
    /// </summary>
    public static IReadOnlyList<ByteString> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ByteString>();
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (seen.Add(next.Name))
            {
                result.Add(next.SerializedData);
                foreach (var dependency in next.Dependencies)
                {
                    pending.Enqueue(dependency);
                }
            }
        }

        return result;
    }

    private void Add(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            Add(dependency);
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        AddExtensions(file.Extensions.UnorderedExtensions, file);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _symbols.TryAdd(message.FullName, file);
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        AddExtensions(message.Extensions.UnorderedExtensions, file);
    }

    private void AddExtensions(IEnumerable<FieldDescriptor> extensions, FileDescriptor file)
    {
        foreach (var extension in extensions)
        {
            _symbols.TryAdd(extension.FullName, file);
            _extensions.TryAdd((extension.ExtendeeType.FullName, extension.FieldNumber), file);
        }
    }
}
