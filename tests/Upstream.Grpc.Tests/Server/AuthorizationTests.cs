using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Grpc.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upstream.Grpc.Tests.Wire;

namespace Upstream.Grpc.Tests.Server;

/// <summary>ASP.NET Core authorization guards gRPC methods; refusals read as gRPC statuses, not HTTP 401/403.</summary>
public sealed class AuthorizationTests
{
    private const string EmptyCall = "/grpc.testing.TestService/EmptyCall";

    [Theory]
    [InlineData(null, "16")]
    [InlineData("member", "7")]
    [InlineData("staff", "0")]
    public async Task Attributes_on_the_service_decide_who_may_call(string? role, string expectedStatus)
    {
        await using var host = await StartAsync(app => app.MapGrpcService<StaffOnlyService>());
        using var client = new WireClient(host.Address);

        var response = await client.SendAsync(EmptyCall, WireClient.Frame([]), request => Authenticate(request, role));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(expectedStatus, response.GrpcStatus);
    }

    [Fact]
    public async Task RequireAuthorization_applies_to_every_method_of_the_service()
    {
        await using var host = await StartAsync(app => app.MapGrpcService<OpenService>().RequireAuthorization());
        using var client = new WireClient(host.Address);

        var anonymous = await client.SendAsync("/grpc.testing.TestService/CacheableUnaryCall", WireClient.Frame([]));
        var signedIn = await client.SendAsync("/grpc.testing.TestService/CacheableUnaryCall", WireClient.Frame([]), request => Authenticate(request, "member"));

        Assert.Equal("16", anonymous.GrpcStatus);
        Assert.Equal("0", signedIn.GrpcStatus);
        Assert.Equal("member-user", SimpleResponse.Parser.ParseFrom(Assert.Single(signedIn.Messages).Payload).Username);
    }

    private static void Authenticate(HttpRequestMessage request, string? role)
    {
        if (role is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", "Test " + role);
        }
    }

    private static Task<TestGrpcHost> StartAsync(Action<WebApplication> map) =>
        TestGrpcHost.StartAsync(
            services =>
            {
                services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
                services.AddAuthorization();
            },
            map);

    [Authorize(Roles = "staff")]
    private sealed class StaffOnlyService : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }

    private sealed class OpenService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse { Username = context.User.Identity?.Name ?? "" });
    }

    /// <summary>"Authorization: Test ROLE" signs in as ROLE-user with that role; no header, no identity.</summary>
    private sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var role = header[(SchemeName.Length + 1)..];
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, role + "-user"), new Claim(ClaimTypes.Role, role)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
