using System.Net;
using System.Text.Json;
using Upstream.Gateway.Edge;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// REST requests through real HTTP into the gateway, as a front end makes them, forwarded by YARP to a service
/// that transcodes them to its gRPC methods; what the front end gets back.
/// </summary>
public sealed class RestRouteTests(RestRouteTests.Edge edge) : IClassFixture<RestRouteTests.Edge>
{
    public sealed class Edge : EdgeFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:MaxRequestBodyBytes", "4096"),
            new("Gateway:CorsOrigins:0", "https://portal.example"),
            new("ReverseProxy:Clusters:applications-rest:HttpRequest:ActivityTimeout", "00:00:01"),
        ];
    }

    private GatewayHost Gateway => edge.Gateway;

    private string Applicant(string council = "ADU") => Gateway.Tokens.Issue("user-1", [Roles.Applicant], council);

    private string Staff() => Gateway.Tokens.Issue("staff-1", [Roles.Staff]);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Gateway.Rest.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = null, string? json = null) =>
        SendAsync(Gateway.Request(method, path, token, json));

    [Fact]
    public async Task A_public_route_binds_the_path_variable_and_answers_in_proto3_json()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("c-1", "Upstream Collaborative 2025", 20, "2025-05-01T09:00:00Z"), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString(), body.GetProperty("targetCohortSize").GetInt32(), body.GetProperty("opens").GetProperty("at").GetString()));
    }

    [Fact]
    public async Task A_named_body_field_and_the_path_fill_the_request_and_the_token_travels_with_it()
    {
        var staff = Staff();

        var (response, body) = await SendAsync(HttpMethod.Put, "/v1/calls/c-7", staff, """{"title":"Renamed","targetCohortSize":25}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("c-7", "Renamed", 25, "Bearer " + staff), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString(), body.GetProperty("targetCohortSize").GetInt32(), body.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Query_parameters_fill_repeated_enum_fields()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1/applications?states=APPLICATION_STATE_ELIGIBLE&states=APPLICATION_STATE_SUBMITTED", Applicant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["APPLICATION_STATE_ELIGIBLE", "APPLICATION_STATE_SUBMITTED"], body.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData(5, HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData(7, HttpStatusCode.Forbidden, "PERMISSION_DENIED")]
    [InlineData(6, HttpStatusCode.Conflict, "ALREADY_EXISTS")]
    [InlineData(9, HttpStatusCode.BadRequest, "FAILED_PRECONDITION")]
    [InlineData(16, HttpStatusCode.Unauthorized, "UNAUTHENTICATED")]
    public async Task A_grpc_status_becomes_its_http_status_as_a_problem_in_the_services_words(int grpcStatus, HttpStatusCode expected, string code)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/v1/calls/status-{grpcStatus}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(Problem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((code, ApplicationsBackend.Said, (int)expected), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString(), body.GetProperty("status").GetInt32()));
        Assert.Equal(32, body.GetProperty("traceId").GetString()!.Length);
    }

    [Fact]
    public async Task Field_violations_the_service_reports_are_listed_in_the_problem()
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/v1/calls", Staff(), """{"description":"No title yet"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("INVALID_ARGUMENT", "The call is incomplete."), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString()));
        var violation = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("details.title", "Give the call a title."), (violation.GetProperty("field").GetString(), violation.GetProperty("description").GetString()));
    }

    [Theory]
    [InlineData(13, HttpStatusCode.InternalServerError, "The service failed to complete the request.")]
    [InlineData(2, HttpStatusCode.InternalServerError, "The service failed to complete the request.")]
    [InlineData(14, HttpStatusCode.ServiceUnavailable, "The service is unavailable; try again shortly.")]
    public async Task An_internal_failure_is_reported_without_its_internals(int grpcStatus, HttpStatusCode expected, string detail)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/v1/calls/status-{grpcStatus}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
        Assert.DoesNotContain("10.0.0.7", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504_problem()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/v1/calls/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(Problem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The service did not answer in time.", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"title": "x",""")]
    [InlineData("""{"targetCohortSize":"many"}""")]
    public async Task A_body_that_does_not_fit_the_message_is_a_400_problem(string json)
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/v1/calls", Staff(), json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("INVALID_ARGUMENT", 400), (body.GetProperty("code").GetString(), body.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Wrong_types_in_the_query_string_are_a_400_problem()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1/applications?states=LOST", Applicant());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_caller_without_the_role_is_refused_before_its_body_is_read()
    {
        var (malformed, refusal) = await SendAsync(HttpMethod.Post, "/v1/calls", Applicant(), """{"title": """);
        var (wellFormed, _) = await SendAsync(HttpMethod.Post, "/v1/calls", Applicant(), """{"title":"Mine"}""");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (malformed.StatusCode, wellFormed.StatusCode));
        Assert.Equal("PERMISSION_DENIED", refusal.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_before_the_service_is_called()
    {
        var big = $$"""{"title":"{{new string('x', 5000)}}"}""";

        var (response, body) = await SendAsync(HttpMethod.Put, "/v1/calls/c-1", Staff(), big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_404_and_a_known_path_with_the_wrong_verb_is_405_with_allow()
    {
        var (missing, missingBody) = await SendAsync(HttpMethod.Get, "/v1/nothing-here.json");
        var (missingBelowAService, _) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1/nothing-here", Applicant());
        var (wrongVerb, wrongVerbBody) = await SendAsync(HttpMethod.Delete, "/v1/calls/c-1", Applicant());

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, missingBelowAService.StatusCode));
        Assert.Equal(404, missingBody.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongVerb.StatusCode);
        Assert.Equal(405, wrongVerbBody.GetProperty("status").GetInt32());
        // Transcoding routes /v1/calls/{call_id}:publish on the same ASP.NET route, so POST is listed too.
        Assert.Contains("GET", wrongVerb.Content.Headers.Allow);
        Assert.Contains("PUT", wrongVerb.Content.Headers.Allow);
        Assert.DoesNotContain("DELETE", wrongVerb.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_refused_even_on_a_public_route()
    {
        var forged = new TokenIssuer(new TokenSettings("upstream-dev", "upstream", new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32])), TimeProvider.System).Issue("user-1", [Roles.Staff]);
        var expired = new TokenIssuer(Settings(), new YesterdayClock()).Issue("user-1", [Roles.Staff], lifetime: TimeSpan.FromHours(1));

        var (forgedResponse, _) = await SendAsync(HttpMethod.Get, "/v1/calls", forged);
        var (expiredResponse, body) = await SendAsync(HttpMethod.Get, "/v1/calls", expired);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredResponse.StatusCode);
        Assert.Equal("Bearer", expiredResponse.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("expired", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_any_of_our_roles_is_forbidden()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/v1/applications/a-1", Gateway.Tokens.Issue("user-1", ["visitor"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Problem.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(403, body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("applicant")]
    [InlineData("member")]
    [InlineData("staff")]
    [InlineData("partner")]
    [InlineData("operator")]
    public async Task Each_role_reaches_signed_in_routes(string role)
    {
        var (response, _) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1/applications", Gateway.Tokens.Issue("user-" + role, [role], "ADU"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_service_checks_the_forwarded_token_itself()
    {
        var (own, ownBody) = await SendAsync(HttpMethod.Get, "/v1/applications/a-1", Applicant("ADU"));
        var (other, otherBody) = await SendAsync(HttpMethod.Get, "/v1/applications/a-1", Applicant("BNH"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(("ADU", "APPLICATION_STATE_SUBMITTED"), (ownBody.GetProperty("leadCouncilCode").GetString(), ownBody.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("This application belongs to another council.", otherBody.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var (response, _) = await SendAsync(HttpMethod.Get, "/v1/calls");

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
            return await Gateway.Rest.SendAsync(request);
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
