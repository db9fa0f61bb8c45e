using System.Reflection;
using Grpc.Testing;

namespace Upstream.Grpc.Tests.Generator;

/// <summary>The generator reads real-world .proto syntax and writes stubs that compile and behave.</summary>
public sealed class StubGeneratorTests
{
    // Comments, option blocks with aggregate values, nested and fully qualified names, streams both ways, well-known
    // types, fields named like keywords, and a decoy service inside a block comment.
    private const string ProbeProto = """
        // Comment with braces { } "quotes" and rpc Fake(A) returns (B);
        syntax = "proto3";

        package upstream.probe.v1;

        option csharp_namespace = "Upstream.Probe.V1";
        option java_multiple_files = true;

        import "google/protobuf/empty.proto";
        import "grpc/testing/messages.proto";

        /* service Hidden { rpc Nope(X) returns (Y); } */
        message Envelope {
          message Note { string message = 1; }
          string stream = 2;
          map<string, int32> counts = 3;
          oneof body { string text = 4; Note note = 5; }
        }

        // Checks how the generator reads streams.
        service Probe {
          option deprecated = false;

          // Answers at once.
          rpc Ping(google.protobuf.Empty) returns (.grpc.testing.SimpleResponse) {}
          rpc Upload(stream grpc.testing.StreamingInputCallRequest) returns (grpc.testing.StreamingInputCallResponse);
          rpc Download(grpc.testing.StreamingOutputCallRequest) returns (stream grpc.testing.StreamingOutputCallResponse) {
            option idempotency_level = NO_SIDE_EFFECTS;
          };
          rpc Chat(stream grpc.testing.StreamingOutputCallRequest) returns (stream grpc.testing.StreamingOutputCallResponse) {
            option (google.api.http) = { post: "/v1/chat" body: "*" };
          }
        }
        """;

    // A second file of the same package: relative names resolve across files, and nested types get protoc's names.
    private const string SecondProto = """
        syntax = "proto3";
        package upstream.probe.v1;
        option csharp_namespace = "Upstream.Probe.V1";
        import "probe.proto";

        service Second {
          rpc Noop(google.protobuf.Empty) returns (google.protobuf.Empty);
          rpc Open(Envelope) returns (Envelope.Note);
        }
        """;

    // What protoc would have written for the file (Grpc.Tools compiles messages; this test has no protoc).
    private const string ProtocStandIns = """
        namespace Upstream.Probe.V1
        {
            public static class ProbeReflection
            {
                public static global::Google.Protobuf.Reflection.FileDescriptor Descriptor => global::Grpc.Testing.TestReflection.Descriptor;
            }
        }

        public sealed class PingingProbe : global::Upstream.Probe.V1.Probe.ProbeBase
        {
            public override global::System.Threading.Tasks.Task<global::Grpc.Testing.SimpleResponse> Ping(
                global::Google.Protobuf.WellKnownTypes.Empty request, global::Upstream.Grpc.ServerCallContext context) =>
                global::System.Threading.Tasks.Task.FromResult(new global::Grpc.Testing.SimpleResponse { Username = "pong" });
        }
        """;

    [Fact]
    public void Every_service_gets_methods_with_the_right_kind_and_types()
    {
        var probe = ProbeStubs().GetType("Upstream.Probe.V1.Probe")!;

        Assert.Equal("upstream.probe.v1.Probe", probe.GetField("ServiceName")!.GetValue(null));
        AssertMethod<Google.Protobuf.WellKnownTypes.Empty, SimpleResponse>(probe, "Ping", MethodType.Unary);
        AssertMethod<StreamingInputCallRequest, StreamingInputCallResponse>(probe, "Upload", MethodType.ClientStreaming);
        AssertMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>(probe, "Download", MethodType.ServerStreaming);
        AssertMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>(probe, "Chat", MethodType.DuplexStreaming);
    }

    [Fact]
    public void Nested_and_package_relative_types_resolve_to_protoc_names()
    {
        var (sources, diagnostics) = GeneratorHarness.Run(
            GeneratorHarness.RepositoryProto("grpc/testing/messages.proto"), ("probe.proto", ProbeProto), ("second.proto", SecondProto));
        var probe = Assert.Single(sources, source => source.Contains("class Probe", StringComparison.Ordinal));
        var second = Assert.Single(sources, source => source.Contains("class Second", StringComparison.Ordinal));

        Assert.Empty(diagnostics);
        Assert.Contains("Method<global::Upstream.Probe.V1.Envelope, global::Upstream.Probe.V1.Envelope.Types.Note> OpenMethod", second, StringComparison.Ordinal);
        Assert.Contains("Method<global::Google.Protobuf.WellKnownTypes.Empty, global::Google.Protobuf.WellKnownTypes.Empty> NoopMethod", second, StringComparison.Ordinal);
        Assert.Contains("global::Upstream.Probe.V1.SecondReflection.Descriptor.Services[0]", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", probe, StringComparison.Ordinal);
        Assert.DoesNotContain("Fake", probe, StringComparison.Ordinal);
        Assert.Contains("/// Answers at once.", probe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_class_answers_unimplemented_until_overridden()
    {
        var stubs = ProbeStubs();
        var implementation = Activator.CreateInstance(stubs.GetType("PingingProbe")!)!;
        var context = new TestServerCallContext();

        var ping = (Task<SimpleResponse>)Invoke(implementation, "Ping", new Google.Protobuf.WellKnownTypes.Empty(), context);

        Assert.Equal("pong", (await ping).Username);
        var failure = await Assert.ThrowsAsync<RpcException>(() => (Task<StreamingInputCallResponse>)Invoke(implementation, "Upload", null, context));
        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
    }

    [Fact]
    public void The_client_passes_method_and_options_to_its_call_invoker()
    {
        var probe = ProbeStubs().GetType("Upstream.Probe.V1.Probe")!;
        var invoker = new RecordingCallInvoker();
        var client = Activator.CreateInstance(probe.GetNestedType("ProbeClient")!, invoker)!;
        var deadline = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var headers = new Metadata { { "x-trace", "1" } };

        Invoke(client, "PingAsync", new Google.Protobuf.WellKnownTypes.Empty(), headers, deadline, CancellationToken.None);
        Invoke(client, "Chat", new CallOptions(Deadline: deadline));

        Assert.Equal(["/upstream.probe.v1.Probe/Ping", "/upstream.probe.v1.Probe/Chat"], invoker.Calls.Select(call => call.Method.FullName));
        Assert.Same(headers, invoker.Calls[0].Options.Headers);
        Assert.All(invoker.Calls, call => Assert.Equal(deadline, call.Options.Deadline));
    }

    [Fact]
    public void Binding_lists_every_method_and_the_descriptor()
    {
        var probe = ProbeStubs().GetType("Upstream.Probe.V1.Probe")!;
        var implementation = ProbeStubs().GetType("PingingProbe")!;
        var binder = (IRecordingBinder)Activator.CreateInstance(typeof(RecordingBinder<>).MakeGenericType(implementation))!;

        probe.GetMethod("BindService")!.MakeGenericMethod(implementation).Invoke(null, [binder]);

        Assert.Equal(["Ping:Unary", "Upload:ClientStreaming", "Download:ServerStreaming", "Chat:DuplexStreaming"], binder.Bound);
        Assert.NotNull(binder.Descriptor);
    }

    [Fact]
    public void An_unknown_message_type_is_a_build_error_naming_it()
    {
        var (_, diagnostics) = GeneratorHarness.Run(("broken.proto", """
            syntax = "proto3";
            package broken;
            service Broken { rpc Get(NoSuchRequest) returns (NoSuchResponse); }
            """));

        var error = Assert.Single(diagnostics);
        Assert.Equal("UPG001", error.Id);
        Assert.Contains("NoSuchRequest", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static Assembly ProbeStubs()
    {
        var (sources, diagnostics) = GeneratorHarness.Run(GeneratorHarness.RepositoryProto("grpc/testing/messages.proto"), ("probe.proto", ProbeProto));
        Assert.Empty(diagnostics);
        return stubs ??= GeneratorHarness.Compile([.. sources, ProtocStandIns]);
    }

    private static Assembly? stubs;

    private static void AssertMethod<TRequest, TResponse>(Type service, string name, MethodType type)
    {
        var method = Assert.IsType<Method<TRequest, TResponse>>(service.GetField(name + "Method")!.GetValue(null));
        Assert.Equal(type, method.Type);
        Assert.Equal($"/upstream.probe.v1.Probe/{name}", method.FullName);
    }

    private static object Invoke(object target, string name, params object?[] arguments)
    {
        var method = target.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Single(candidate => candidate.Name == name && candidate.GetParameters().Length == arguments.Length);
        return method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
    }
}
