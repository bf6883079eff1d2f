using Microsoft.AspNetCore.Authentication;

namespace RagAssistant.Web.Security;

public static class ApiKeyAuthentication
{
    /// <summary>The authentication scheme of <see cref="ApiKeyAuthenticationHandler"/>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy the machine surfaces require: a caller the API key scheme let in.</summary>
    public const string Policy = "MachineSurface";

    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        builder.Services.AddAuthentication(Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }
}
