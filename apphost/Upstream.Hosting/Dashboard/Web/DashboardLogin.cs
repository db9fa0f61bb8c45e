using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>
/// Only whoever can read the app host's console may read the dashboard: the token it prints is exchanged once for
/// a cookie (HttpOnly, SameSite=Strict, which also keeps other sites from posting actions). Anything else gets
/// 401 and the login page. OTLP paths are left to the receiver, which checks its own API key.
/// </summary>
internal sealed class DashboardLogin(string token)
{
    public const string CookieName = "upstream-dashboard";
    private readonly string _session = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("session:" + token)));

    public string Token => token;

    public bool Accepts(string? given) => given is not null && Same(given, token);

    public bool IsSignedIn(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var cookie) && cookie is not null && Same(cookie, _session);

    public void Use(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/v1") || IsSignedIn(context))
            {
                await next(context);
                return;
            }

            if (Accepts(context.Request.Query["t"]))
            {
                SignIn(context, path.StartsWithSegments("/login") ? "/" : path.ToString());
                return;
            }

            if (path.StartsWithSegments("/login") && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync();
                if (Accepts(form["token"]))
                {
                    SignIn(context, "/");
                    return;
                }
            }

            await LoginPage(context.Request.Query.ContainsKey("t") || HttpMethods.IsPost(context.Request.Method)).ExecuteAsync(context);
        });
    }

    private void SignIn(HttpContext context, string returnTo)
    {
        context.Response.Cookies.Append(CookieName, _session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
        context.Response.Redirect(returnTo.StartsWith('/') ? returnTo : "/");
    }

    private static IResult LoginPage(bool wrongToken) => Html.Page("Sign in", "", $"""
        <p>The dashboard shows the processes, logs and traces of this machine's Upstream app host. Open the link the app host
        printed at start, or paste its login token.</p>
        {(wrongToken ? "<p class=\"error\" role=\"alert\">That token is not this app host's.</p>" : "")}
        <form method="post" action="/login"><input name="token" aria-label="token" autocomplete="off" size="40" autofocus> <button>Sign in</button></form>
        """, StatusCodes.Status401Unauthorized);

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
