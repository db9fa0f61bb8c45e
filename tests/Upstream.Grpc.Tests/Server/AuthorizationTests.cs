using System.Security.Claims;
using System.Text.Encodings.Web;
using Grpc.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Upstream.Grpc.Tests.Server;

/// <summary>
/// ASP.NET Core authorization guards gRPC methods (attributes or RequireAuthorization); a gRPC client reads the
/// refusal as UNAUTHENTICATED or PERMISSION_DENIED.
/// </summary>
public sealed class AuthorizationTests
{
    [Theory]
    [InlineData(null, StatusCode.Unauthenticated)]
    [InlineData("member", StatusCode.PermissionDenied)]
    [InlineData("staff", StatusCode.OK)]
    public async Task Attributes_on_the_service_decide_who_may_call(string? role, StatusCode expected)
    {
        await using var host = await StartAsync(app => app.MapGrpcService<StaffOnlyService>());
        var client = new TestService.TestServiceClient(host.Channel);

        var call = client.EmptyCallAsync(new Empty(), As(role));
        var status = await Record.ExceptionAsync(() => call.ResponseAsync) is RpcException e ? e.StatusCode : StatusCode.OK;

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task RequireAuthorization_applies_to_every_method_of_the_service()
    {
        await using var host = await StartAsync(app => app.MapGrpcService<OpenService>().RequireAuthorization());
        var client = new TestService.TestServiceClient(host.Channel);

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await client.CacheableUnaryCallAsync(new SimpleRequest()));
        var signedIn = await client.CacheableUnaryCallAsync(new SimpleRequest(), As("member"));

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal("member-user", signedIn.Username);
    }

    private static Metadata As(string? role) => role is null ? [] : new Metadata { { "authorization", "Test " + role } };

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
            Task.FromResult(new SimpleResponse { Username = context.GetHttpContext().User.Identity?.Name ?? "" });
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
