using Grpc.Testing;

namespace Upstream.Grpc.Tests.Generator;

/// <summary>The stubs the build generated into Upstream.Protos for our own protos.</summary>
public sealed class CompiledStubTests
{
    [Fact]
    public void The_interop_service_has_all_its_methods_with_their_kinds()
    {
        var binder = new RecordingBinder<TestService.TestServiceBase>();

        TestService.BindService(binder);

        Assert.Equal(
            ["EmptyCall:Unary", "UnaryCall:Unary", "CacheableUnaryCall:Unary", "StreamingOutputCall:ServerStreaming",
             "StreamingInputCall:ClientStreaming", "FullDuplexCall:DuplexStreaming", "HalfDuplexCall:DuplexStreaming", "UnimplementedCall:Unary"],
            binder.Bound);
        Assert.Equal("grpc.testing.TestService", binder.Descriptor!.FullName);
        Assert.Equal("/grpc.testing.TestService/FullDuplexCall", TestService.FullDuplexCallMethod.FullName);
    }

    [Fact]
    public void Every_service_descriptor_matches_its_name()
    {
        Assert.Equal(TestService.ServiceName, TestService.Descriptor.FullName);
        Assert.Equal(UnimplementedService.ServiceName, UnimplementedService.Descriptor.FullName);
        Assert.Equal(global::Grpc.Health.V1.Health.ServiceName, global::Grpc.Health.V1.Health.Descriptor.FullName);
        Assert.Equal(global::Grpc.Reflection.V1.ServerReflection.ServiceName, global::Grpc.Reflection.V1.ServerReflection.Descriptor.FullName);
        Assert.Equal(Applications.V1.TransferService.ServiceName, Applications.V1.TransferService.Descriptor.FullName);
    }

    [Fact]
    public void The_applications_contract_has_working_stubs()
    {
        Assert.Equal("/upstream.applications.v1.CallService/DraftCall", Applications.V1.CallService.DraftCallMethod.FullName);
        Assert.Equal(MethodType.ClientStreaming, Applications.V1.TransferService.ImportApplicationsMethod.Type);
        Assert.Equal(MethodType.ServerStreaming, Applications.V1.TransferService.ExportApplicationsMethod.Type);
    }
}
