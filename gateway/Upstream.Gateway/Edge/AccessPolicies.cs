using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Edge;

/// <summary>
/// The policies routes name in ReverseProxy:Routes:*:AuthorizationPolicy. Decided from the token alone, before
/// the request is forwarded, so a caller without the role is refused whatever body it sends. The services
/// check again (ownership rules live there).
/// </summary>
public static class AccessPolicies
{
    /// <summary>No token needed; a token that is sent must still be valid (a forged one is refused).</summary>
    public const string Public = "public";

    /// <summary>A valid token carrying any of our roles.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>A valid token of programme staff.</summary>
    public const string Staff = "staff";

    /// <summary>Staff or a partner: open data for partners (the 360Giving grants), not for members or applicants.</summary>
    public const string StaffOrPartner = "staff-or-partner";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalWriter>();
        return services.AddAuthorization(options =>
        {
            options.AddPolicy(Public, policy => policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || context.Resource is not HttpContext http
                || !http.Request.Headers.ContainsKey("Authorization")));
            options.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser().RequireClaim(UpstreamClaims.Role, Roles.All));
            options.AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireClaim(UpstreamClaims.Role, Roles.Staff));
            options.AddPolicy(StaffOrPartner, policy => policy.RequireAuthenticatedUser().RequireClaim(UpstreamClaims.Role, Roles.Staff, Roles.Partner));
            // A route that names no policy gets the strictest sensible default rather than none.
            options.DefaultPolicy = options.GetPolicy(SignedIn)!;
        });
    }

    /// <summary>401 and 403 as problem details (or gRPC statuses), saying why a token was refused.</summary>
    private sealed class RefusalWriter : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Succeeded)
            {
                await _default.HandleAsync(next, context, policy, result);
                return;
            }

            var grpc = GrpcStatusReply.IsGrpc(context.Request);
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync(); // 401 and WWW-Authenticate: Bearer, with the token's fault
                var detail = TokenFault((await context.AuthenticateAsync()).Failure);
                await (grpc
                    ? GrpcStatusReply.WriteAsync(context, GrpcStatusReply.Unauthenticated, detail)
                    : ProblemReply.WriteAsync(context, StatusCodes.Status401Unauthorized, detail, "UNAUTHENTICATED"));
                return;
            }

            const string Denied = "Your role does not allow this request.";
            await (grpc
                ? GrpcStatusReply.WriteAsync(context, GrpcStatusReply.PermissionDenied, Denied)
                : ProblemReply.WriteAsync(context, StatusCodes.Status403Forbidden, Denied, "PERMISSION_DENIED"));
        }

        // The handler caches its result per request, so asking again costs nothing.
        private static string TokenFault(Exception? failure) =>
            failure switch
            {
                null => "Sign in: this request needs a bearer token.",
                SecurityTokenExpiredException => "The bearer token has expired; sign in again.",
                _ => "The bearer token is not valid.",
            };
    }
}
