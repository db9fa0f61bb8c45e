using System.Collections.Generic;

namespace Upstream.Protos.Generator;

/// <summary>What the generator needs from one .proto file: where its C# lands, its messages, its services.</summary>
internal sealed record ProtoFile(
    string Path,
    string Package,
    string CSharpNamespace,
    string ReflectionClass,
    IReadOnlyList<MessageName> Messages,
    IReadOnlyList<ProtoService> Services,
    IReadOnlyList<string> Errors);

/// <summary>A message's full proto name (no leading dot) and its C# type name (global::-qualified).</summary>
internal sealed record MessageName(string ProtoName, string CSharpName);

internal sealed record ProtoService(string Name, string? Comment, int Index, IReadOnlyList<ProtoRpc> Rpcs);

internal sealed record ProtoRpc(string Name, string? Comment, string InputType, bool ClientStreaming, string OutputType, bool ServerStreaming, int Line);
