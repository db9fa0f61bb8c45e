using Upstream.Applications.V1;
using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.Tests;

/// <summary>The Applications contract's own routes, bound as the gateway binds them.</summary>
public sealed class TranscodingTests
{
    private static readonly RouteTable Routes = new(ApplicationsReflection.Descriptor.Services);

    private static RouteMatch Match(string verb, string path) => Routes.Match(verb, path) ?? throw new Xunit.Sdk.XunitException($"{verb} {path} did not match");

    private static T Bind<T>(string verb, string path, string body = "", params (string Key, string Value)[] query) =>
        (T)RequestBinder.Bind(Match(verb, path), query.GroupBy(q => q.Key).Select(g => new KeyValuePair<string, string[]>(g.Key, [.. g.Select(q => q.Value)])), body);

    [Fact]
    public void Every_annotated_unary_method_has_a_route_and_streaming_ones_have_none()
    {
        Assert.Equal(20, Routes.Routes.Count);
        Assert.DoesNotContain(Routes.Routes, r => r.Method.Name.Contains("Import", StringComparison.Ordinal));
    }

    [Fact]
    public void A_verb_route_wins_over_a_plain_variable_route()
    {
        Assert.Equal("PublishCall", Match("POST", "/v1/calls/42:publish").Route.Method.Name);
        Assert.Equal("GetCall", Match("GET", "/v1/calls/42").Route.Method.Name);
        Assert.Equal(["PUT", "GET"], Routes.VerbsFor("/v1/calls/42").Order().Reverse());
    }

    [Fact]
    public void Path_variables_and_a_named_body_field_fill_the_request()
    {
        var request = Bind<ReviseCallRequest>("PUT", "/v1/calls/c-1", """{"title":"Upstream 2025","targetCohortSize":25,"criteria":[{"key":"k","weight":2}]}""");

        Assert.Equal(("c-1", "Upstream 2025", 25, 2), (request.CallId, request.Details.Title, request.Details.TargetCohortSize, request.Details.Criteria[0].Weight));
    }

    [Fact]
    public void A_star_body_fills_the_whole_request_and_the_path_still_wins()
    {
        var request = Bind<StartApplicationRequest>("POST", "/v1/calls/c-1/applications", """{"leadCouncilCode":"ADU","draft":{"initiative":{"title":"T","budgetPence":"2500000","areaCharacters":["AREA_CHARACTER_COASTAL"]}}}""");

        Assert.Equal(("c-1", "ADU", "T", 2_500_000L, AreaCharacter.Coastal), (request.CallId, request.LeadCouncilCode, request.Draft.Initiative.Title, request.Draft.Initiative.BudgetPence, request.Draft.Initiative.AreaCharacters[0]));
    }

    [Fact]
    public void Query_parameters_fill_the_remaining_fields_including_repeated_enums()
    {
        var request = Bind<ListApplicationsRequest>("GET", "/v1/calls/c-1/applications", query: [("states", "APPLICATION_STATE_ELIGIBLE"), ("states", "6")]);

        Assert.Equal([ApplicationState.Eligible, ApplicationState.UnderReview], request.States);
    }

    [Fact]
    public void Every_problem_in_a_request_is_reported_with_its_field()
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            Bind<ListApplicationsRequest>("GET", "/v1/calls/c-1/applications", query: [("states", "APPLICATION_STATE_LOST"), ("call_id", "other"), ("colour", "red")]));

        Assert.Equal(["states", "call_id", "colour"], error.Problems.Select(p => p.Field));
        Assert.StartsWith("'APPLICATION_STATE_LOST' is not one of APPLICATION_STATE_UNSPECIFIED,", error.Problems[0].Description);
        Assert.Equal("ListApplicationsRequest has no field 'colour'.", error.Problems[2].Description);
    }

    [Theory]
    [InlineData("""{"title": "x",""", "Malformed JSON")]
    [InlineData("""{"titel": "x"}""", "titel")]
    [InlineData("""{"targetCohortSize": "many"}""", "many")]
    public void Malformed_unknown_and_mistyped_JSON_is_refused_naming_the_problem(string body, string mentioned)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Bind<ReviseCallRequest>("PUT", "/v1/calls/c-1", body));

        Assert.Equal("details", error.Problems.Single().Field);
        Assert.Contains(mentioned, error.Problems.Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_on_a_route_without_one_is_refused()
    {
        Assert.Equal("body", Assert.Throws<InvalidRequestException>(() => Bind<GetCallRequest>("GET", "/v1/calls/c-1", """{"callId":"x"}""")).Problems.Single().Field);
    }

    [Fact]
    public void Responses_are_proto3_JSON_with_defaults_written()
    {
        var json = ResponseWriter.ToJson(Match("GET", "/v1/calls/c-1").Route, new Call { Id = "c-1", State = CallState.Open });

        Assert.Contains("\"id\": \"c-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"CALL_STATE_OPEN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"targetCohortSize\": 0", json, StringComparison.Ordinal);
    }
}
