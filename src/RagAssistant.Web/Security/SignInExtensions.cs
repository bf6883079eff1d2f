using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Security;

/// <summary>
/// The one wiring place of who may use the app. Protected (<see cref="SignInSettings.IsProtected"/>): a fallback policy
/// makes every endpoint need a signed-in caller unless it says otherwise (the sign-in page, static files, /health,
/// the OpenAPI document). A caller that presents the key (header, bearer, the chat hub's access_token) is judged by the API
/// key scheme; anyone else by the sign-in cookie. An anonymous request for a page is sent to <c>/signin</c>; anything
/// else — REST, MCP, the hub, the page's circuit — is answered 401. Open: no policy asks for anything.
/// </summary>
public static class SignInExtensions
{
    /// <summary>Picks the scheme that judges a request: the API key when one is presented, else the cookie.</summary>
    public const string CallerScheme = "Caller";

    /// <summary>Picks how an anonymous request is refused: a redirect to sign-in for pages, 401 for everything else.</summary>
    public const string RefusalScheme = "Refusal";

    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string CookieName = "rag_auth";

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var settings = SignInSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ServerKeyStrength>();
        builder.Services.AddOptions<SignInLimitOptions>()
            .BindConfiguration(SignInLimitOptions.Section)
            .Validate(o => o.PerAddress >= 0 && o.PerAccount >= 0, "SignInLimits:PerAddress and SignInLimits:PerAccount must be 0 (off) or more.")
            .Validate(o => o.Window > TimeSpan.Zero, "SignInLimits:Window must be a positive time span such as 00:05:00.")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SignInThrottle>();

        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CallerScheme;
                options.DefaultChallengeScheme = RefusalScheme;
                options.DefaultForbidScheme = RefusalScheme;
            })
            .AddPolicyScheme(CallerScheme, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.PresentedKey(context) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.Scheme)
            .AddPolicyScheme(RefusalScheme, "Sign-in page or 401", options =>
                options.ForwardDefaultSelector = context => IsPage(context)
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, configureOptions: null)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
            });
        if (settings.Organisation) authentication.AddOrganisationSignIn(builder.Configuration);

        var authorization = builder.Services.AddAuthorizationBuilder();
        if (settings.IsProtected)
        {
            authorization.SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            authorization.AddPolicy(ApiKeyAuthentication.Policy, policy => policy.RequireAuthenticatedUser());
        }
        else
        {
            authorization.AddPolicy(ApiKeyAuthentication.Policy, policy => policy.RequireAssertion(_ => true));
        }
        return builder;
    }

    /// <summary>A Blazor page (not its circuit, which is a hub): somewhere a person can be sent to sign in first.</summary>
    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
