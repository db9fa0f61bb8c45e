using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Upstream.ServiceDefaults.Identity;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Every service validates bearer tokens itself, even behind the gateway: a token forwarded by the gateway is
    /// checked again, so a service reached directly is no weaker. Fails at start-up if not configured.
    /// </summary>
    public static IHostApplicationBuilder AddServiceAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = TokenSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false; // keep "sub", "role" and "council" as issued
                options.TokenValidationParameters = settings.ValidationParameters();
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
