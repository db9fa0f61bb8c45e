using System.Text.Json;

namespace Upstream.Grpc.Tests.StandardServices;

/// <summary>
/// grpc.reflection.v1 (Grpc.AspNetCore.Server.Reflection, as services wire it), asked by the official grpcio client
/// in one run (python/standard_services.py reflect): it lists the services, fetches each one's file with its imports
/// and builds a descriptor pool from them (which fails on a missing import), then finds files by name and symbol.
/// The package does not answer extension questions (UNIMPLEMENTED); listing and calling need none.
/// </summary>
public sealed class ReflectionTests(ReflectionTests.Answers fixture) : IClassFixture<ReflectionTests.Answers>
{
    private readonly JsonElement answers = fixture.Json;

    [Fact]
    public void Lists_every_mapped_service_and_the_standard_ones()
    {
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "grpc.testing.TestService", "upstream.applications.v1.CallService"],
            Strings(answers.GetProperty("services")));
    }

    [Fact]
    public void Each_service_file_comes_with_its_imports_so_a_client_can_resolve_every_method()
    {
        var methods = answers.GetProperty("methods");

        Assert.Contains("UnaryCall(grpc.testing.SimpleRequest) returns (grpc.testing.SimpleResponse)", Strings(methods.GetProperty("grpc.testing.TestService")));
        Assert.Contains("Watch(grpc.health.v1.HealthCheckRequest) returns (grpc.health.v1.HealthCheckResponse)", Strings(methods.GetProperty("grpc.health.v1.Health")));
        // applications.proto imports google/api/annotations.proto (which imports descriptor.proto) and timestamp.proto.
        Assert.NotEmpty(Strings(methods.GetProperty("upstream.applications.v1.CallService")));
    }

    [Fact]
    public void Finds_files_by_name_and_by_message_and_method_symbols()
    {
        Assert.Equal("upstream/applications/v1/applications.proto", Strings(answers.GetProperty("by_filename").GetProperty("files"))[0]);
        Assert.Equal("upstream/applications/v1/applications.proto", Strings(answers.GetProperty("by_message_symbol").GetProperty("files"))[0]);
        Assert.Equal("upstream/applications/v1/applications.proto", Strings(answers.GetProperty("by_method_symbol").GetProperty("files"))[0]);
    }

    [Theory]
    [InlineData("unknown_file")]
    [InlineData("unknown_symbol")]
    public void A_question_about_something_unknown_gets_a_not_found_error_response_on_the_stream(string question)
    {
        Assert.Equal((int)StatusCode.NotFound, answers.GetProperty(question).GetProperty("error").GetInt32());
    }

    [Fact]
    public void Several_questions_on_one_stream_get_one_answer_each_in_order()
    {
        Assert.Equal(["list_services_response", "file_descriptor_response"], Strings(answers.GetProperty("one_stream")));
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>One server and one run of the client for the whole class: every test reads its answers.</summary>
    public sealed class Answers : IAsyncLifetime
    {
        private StandardServicesHost? host;

        public JsonElement Json { get; private set; }

        public async Task InitializeAsync()
        {
            host = await StandardServicesHost.StartAsync();
            Json = await OfficialPythonClient.RunAsync("reflect", host.Port);
        }

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
