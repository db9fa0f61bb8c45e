using System.Text.Json;
using Upstream.Grpc.Tests.StandardServices;
using Upstream.Integration.Tests.Network.Workgroups;
using Upstream.Network.V1;

namespace Upstream.Integration.Tests.Network;

/// <summary>Tools find the workgroup and visit services on the Network service's grpc endpoint, as the official grpcio client sees it.</summary>
public sealed class WorkgroupAndVisitReflectionTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Reflection_lists_the_workgroup_visit_and_finding_services_and_resolves_their_methods()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);

        var answers = await OfficialPythonClient.RunAsync("reflect", stage.Host.GrpcAddress.Port);

        var listed = answers.GetProperty("services").EnumerateArray().Select(e => e.GetString()!).ToList();
        foreach (var declared in WorkgroupsReflection.Descriptor.Services.Concat(VisitsReflection.Descriptor.Services))
        {
            Assert.Contains(declared.FullName, listed);
            var methods = answers.GetProperty("methods").GetProperty(declared.FullName);
            Assert.Equal(JsonValueKind.Array, methods.ValueKind);
            Assert.Equal(declared.Methods.Count, methods.GetArrayLength());
        }
    }
}
