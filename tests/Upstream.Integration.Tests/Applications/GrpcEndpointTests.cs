using System.Net;
using System.Text.Json;
using Grpc.Core;
using Npgsql;
using Upstream.Applications.V1;
using Upstream.Grpc.Tests.StandardServices;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Applications;

/// <summary>
/// What generic gRPC tools see on the Applications service's grpc endpoint, asked by the official grpcio client:
/// every service it serves, through reflection, and its health following its real dependencies.
/// </summary>
public sealed class GrpcEndpointTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Reflection_lists_every_applications_service_and_resolves_each_ones_methods()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, ApplicationsApiTests.Opens);

        var answers = await OfficialPythonClient.RunAsync("reflect", service.GrpcAddress.Port);

        var contract = ApplicationsReflection.Descriptor.Services.Select(s => s.FullName).ToList();
        Assert.Equal(5, contract.Count);
        var listed = answers.GetProperty("services").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(
            contract.Concat(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]).Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
        foreach (var declared in ApplicationsReflection.Descriptor.Services)
        {
            // An array of resolved signatures (an error would be an object): the file came with all its imports.
            var methods = answers.GetProperty("methods").GetProperty(declared.FullName);
            Assert.Equal(JsonValueKind.Array, methods.ValueKind);
            Assert.Equal(declared.Methods.Count, methods.GetArrayLength());
        }
    }

    [Fact]
    public async Task Health_is_not_serving_while_the_database_is_unreachable_and_serving_again_after()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, ApplicationsApiTests.Opens);
        var port = service.GrpcAddress.Port;
        Assert.Equal("SERVING", await StatusAsync(port, ""));
        Assert.Equal("SERVING", await StatusAsync(port, "upstream.applications.v1.ApplicationService"));

        await SetReachableAsync(service.Database, false);
        try
        {
            Assert.Equal("NOT_SERVING", await StatusAsync(port, ""));
            Assert.Equal("NOT_SERVING", await StatusAsync(port, "upstream.applications.v1.CallService"));
        }
        finally
        {
            await SetReachableAsync(service.Database, true);
        }

        Assert.Equal("SERVING", await StatusAsync(port, ""));
    }

    [Fact]
    public async Task The_http_endpoint_serves_the_contracts_rest_routes_by_json_transcoding()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, ApplicationsApiTests.Opens.AddDays(1));
        var call = await service.OpenCallAsync(service.As("staff-1", Roles.Staff));

        var published = JsonDocument.Parse(await service.Http.GetStringAsync($"/v1/calls/{call.Id}")).RootElement;
        using var refused = await service.Http.GetAsync("/v1/calls/not-an-id");
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Upstream Collaborative 2030", published.GetProperty("title").GetString());
        Assert.Equal("CALL_STATE_OPEN", published.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetProperty("code").GetInt32());
        var violation = error.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal("call_id", violation.GetProperty("field").GetString());
    }

    private static async Task<string?> StatusAsync(int port, string service)
    {
        var answer = await OfficialPythonClient.RunAsync("check", port, service);
        return answer.TryGetProperty("status", out var status) ? status.GetString() : answer.ToString();
    }

    /// <summary>Refuses (and cuts) every connection to the service's database, or lets them in again.</summary>
    private static async Task SetReachableAsync(string connectionString, bool reachable)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {(reachable ? "true" : "false")}", connection);
        await alter.ExecuteNonQueryAsync();
        if (!reachable)
        {
            await using var cut = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db", connection);
            cut.Parameters.AddWithValue("db", database);
            await cut.ExecuteNonQueryAsync();
        }
    }
}
