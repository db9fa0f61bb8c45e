using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Upstream.Applications.V1;
using Upstream.Gateway.Backends;
using Upstream.Gateway.Edge;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>REST requests through real HTTP into the gateway, as a front end makes them.</summary>
public sealed class RestRouteTests : IAsyncLifetime
{
    private readonly ScriptedService _service = new();
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["services:applications:http:0"] = "http://127.0.0.1:9",
        ["Gateway:ProbePath"] = "",
        ["Gateway:MaxRequestBodyBytes"] = "4096",
        ["Gateway:RestTimeout"] = "00:00:07",
        ["Gateway:CorsOrigins:0"] = "https://portal.example",
    }, _service);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private string Applicant(string council = "ADU") => _gateway.Tokens.Issue("user-1", [Roles.Applicant], council);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await _gateway.Rest.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task A_public_route_binds_the_path_variable_and_answers_in_proto3_json()
    {
        _service.Answer = _ => UnaryOutcome.Ok(new Call { Id = "c-9", Title = "Upstream 2025", TargetCohortSize = 20, Opens = new Deadline { At = Timestamp.FromDateTime(new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc)) } });

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls/c-9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("c-9", "Upstream 2025", 20, "2025-05-01T09:00:00Z"), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString(), body.GetProperty("targetCohortSize").GetInt32(), body.GetProperty("opens").GetProperty("at").GetString()));
        var call = _service.Last;
        Assert.Equal(("upstream.applications.v1.CallService", "GetCall", "applications", "c-9"), (call.Method.Service.FullName, call.Method.Name, call.Backend.Name, ((GetCallRequest)call.Request).CallId));
    }

    [Fact]
    public async Task A_named_body_field_and_the_path_fill_the_request_and_the_token_travels_with_it()
    {
        var staff = _gateway.Tokens.Issue("staff-1", [Roles.Staff]);

        var (response, _) = await SendAsync(_gateway.Request(HttpMethod.Put, "/v1/calls/c-1", staff, """{"title":"Renamed","targetCohortSize":25}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = (ReviseCallRequest)_service.Last.Request;
        Assert.Equal(("c-1", "Renamed", 25), (request.CallId, request.Details.Title, request.Details.TargetCohortSize));
        Assert.Contains(new KeyValuePair<string, string>("authorization", "Bearer " + staff), _service.Last.Metadata);
    }

    [Fact]
    public async Task Query_parameters_fill_repeated_enum_fields()
    {
        var (response, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls/c-1/applications?states=APPLICATION_STATE_ELIGIBLE&states=APPLICATION_STATE_SUBMITTED", Applicant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([ApplicationState.Eligible, ApplicationState.Submitted], ((ListApplicationsRequest)_service.Last.Request).States);
    }

    [Fact]
    public async Task The_rest_timeout_becomes_the_calls_deadline_and_a_missed_deadline_is_504()
    {
        _service.Answer = _ => UnaryOutcome.Failed(4, "Deadline exceeded.");
        var before = DateTime.UtcNow;

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls/c-1"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("DEADLINE_EXCEEDED", body.GetProperty("code").GetString());
        Assert.InRange(_service.Last.DeadlineUtc - before, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData(5, HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData(7, HttpStatusCode.Forbidden, "PERMISSION_DENIED")]
    [InlineData(6, HttpStatusCode.Conflict, "ALREADY_EXISTS")]
    [InlineData(9, HttpStatusCode.BadRequest, "FAILED_PRECONDITION")]
    [InlineData(16, HttpStatusCode.Unauthorized, "UNAUTHENTICATED")]
    public async Task A_grpc_status_becomes_its_http_status_with_the_services_message(int grpcStatus, HttpStatusCode expected, string code)
    {
        _service.Answer = _ => UnaryOutcome.Failed(grpcStatus, "Said the service.");

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/applications/a-1", Applicant()));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(Problem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((code, "Said the service.", (int)expected), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString(), body.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Field_violations_from_the_service_are_listed()
    {
        _service.Answer = _ => UnaryOutcome.Failed(3, "The application is incomplete.", [new FieldProblem("draft.initiative.title", "Give the initiative a title.")]);

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Post, "/v1/calls/c-1/applications", Applicant(), """{"leadCouncilCode":"ADU"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("draft.initiative.title", "Give the initiative a title."), (error.GetProperty("field").GetString(), error.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task An_internal_failure_is_reported_without_its_internals()
    {
        _service.Answer = call => UnaryOutcome.Failed(call.Method.Name == "GetCall" ? 13 : 14, "NullReferenceException at Upstream.Applications.CallDesk (10.0.0.7:5001)");

        var (failed, failure) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls/c-1"));
        var (unavailable, outage) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls"));

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable), (failed.StatusCode, unavailable.StatusCode));
        Assert.Equal("The service failed to complete the request.", failure.GetProperty("detail").GetString());
        Assert.Equal("The service is unavailable; try again shortly.", outage.GetProperty("detail").GetString());
        Assert.Equal(32, failure.GetProperty("traceId").GetString()!.Length);
    }

    [Theory]
    [InlineData("""{"title": "x",""", "Malformed JSON")]
    [InlineData("""{"title":"x","colour":"red"}""", "colour")]
    [InlineData("""{"targetCohortSize":"many"}""", "many")]
    public async Task A_body_that_does_not_fit_the_message_is_a_400_saying_what_is_wrong(string json, string mentioned)
    {
        var staff = _gateway.Tokens.Issue("staff-1", [Roles.Staff]);

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Post, "/v1/calls", staff, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("details", error.GetProperty("field").GetString());
        Assert.Contains(mentioned, error.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Empty(_service.Calls);
    }

    [Fact]
    public async Task Wrong_types_in_the_query_string_name_the_parameter()
    {
        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls/c-1/applications?states=LOST", Applicant()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("states", body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_before_the_service_is_called()
    {
        var staff = _gateway.Tokens.Issue("staff-1", [Roles.Staff]);
        var big = $$"""{"title":"{{new string('x', 5000)}}"}""";

        var (response, body) = await SendAsync(_gateway.Request(HttpMethod.Post, "/v1/calls", staff, big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_service.Calls);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var request = _gateway.Request(HttpMethod.Post, "/v1/calls", _gateway.Tokens.Issue("staff-1", [Roles.Staff]));
        request.Content = new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var (response, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_is_404_and_a_known_path_with_the_wrong_verb_is_405_with_allow()
    {
        var (missing, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/nothing-here"));
        var (wrongVerb, _) = await SendAsync(_gateway.Request(HttpMethod.Delete, "/v1/calls/c-1", Applicant()));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongVerb.StatusCode);
        Assert.Equal(["GET", "PUT"], wrongVerb.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Anonymous_callers_reach_only_routes_the_contract_marks_public()
    {
        var (publicRoute, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls"));
        var (privateRoute, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/applications/a-1"));

        Assert.Equal(HttpStatusCode.OK, publicRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, privateRoute.StatusCode);
        Assert.Equal("Bearer", privateRoute.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("code").GetString());
        Assert.Equal(["ListCalls"], _service.Calls.Select(c => c.Method.Name));
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_refused_even_on_a_public_route()
    {
        var forged = new TokenIssuer(new TokenSettings("upstream-dev", "upstream", new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32])), TimeProvider.System).Issue("user-1", [Roles.Staff]);
        var expired = new TokenIssuer(Settings(), new YesterdayClock()).Issue("user-1", [Roles.Staff], lifetime: TimeSpan.FromHours(1));

        var (forgedResponse, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls", forged));
        var (expiredResponse, body) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls", expired));

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredResponse.StatusCode);
        Assert.Contains("expired", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_service.Calls);
    }

    [Fact]
    public async Task A_token_without_any_of_our_roles_is_forbidden()
    {
        var (response, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/applications/a-1", _gateway.Tokens.Issue("user-1", ["visitor"])));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("applicant")]
    [InlineData("member")]
    [InlineData("staff")]
    [InlineData("partner")]
    [InlineData("operator")]
    public async Task Each_role_reaches_protected_routes_and_the_service_gets_its_token(string role)
    {
        var token = _gateway.Tokens.Issue("user-" + role, [role], "ADU");

        var (response, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/applications/a-1", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer " + token, _service.Last.Metadata.Single(m => m.Key == "authorization").Value);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var (response, _) = await SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls"));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Browsers_on_a_configured_origin_may_call_and_others_may_not()
    {
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v1/calls");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return await _gateway.Rest.SendAsync(request);
        }

        var allowed = await PreflightAsync("https://portal.example");
        var other = await PreflightAsync("https://evil.example");

        Assert.Equal("https://portal.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private sealed class YesterdayClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddDays(-1);
    }

    private static TokenSettings Settings() => new("upstream-dev", "upstream", new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(GatewayHost.SigningKey)));
}
