using Upstream.Applications.V1;
using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.Tests;

/// <summary>The cohort methods' REST routes, bound from their google.api.http annotations.</summary>
public sealed class CohortRoutesTests
{
    private static readonly RouteTable Routes = new(ApplicationsReflection.Descriptor.Services);

    [Theory]
    [InlineData("POST", "/v1/calls/c-1/cohort-proposals", "ProposeCohort")]
    [InlineData("GET", "/v1/calls/c-1/cohort-proposal", "GetCohortProposal")]
    [InlineData("POST", "/v1/calls/c-1/cohort:confirm", "ConfirmCohort")]
    public void Each_cohort_method_has_its_route(string verb, string path, string method) =>
        Assert.Equal(method, Routes.Match(verb, path)?.Route.Method.Name);

    [Fact]
    public void Pins_and_exclusions_come_from_the_body_and_the_call_from_the_path()
    {
        var request = (ProposeCohortRequest)RequestBinder.Bind(
            Routes.Match("POST", "/v1/calls/c-1/cohort-proposals")!,
            [],
            """{"callId":"ignored","pinnedApplicationIds":["a"],"excludedApplicationIds":["b","c"]}""");

        Assert.Equal("c-1", request.CallId);
        Assert.Equal(["a"], request.PinnedApplicationIds);
        Assert.Equal(["b", "c"], request.ExcludedApplicationIds);
    }
}
