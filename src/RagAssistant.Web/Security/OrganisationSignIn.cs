using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RagAssistant.Web.Security;

/// <summary>
/// Sign-in through an organisation's identity provider with OpenID Connect (authorization code flow). Configuration only:
/// the <c>Authentication:OpenIdConnect</c> section binds onto <see cref="OpenIdConnectOptions"/> (<c>Authority</c>,
/// <c>ClientId</c>, <c>ClientSecret</c>, <c>CallbackPath</c>, <c>RequireHttpsMetadata</c>, …); the signed-in user is kept
/// in the app's cookie like a key holder.
/// </summary>
public static class OrganisationSignIn
{
    public const string Section = "Authentication:OpenIdConnect";

    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Owners from the identity provider are kept apart from the key holder by this prefix on their subject.</summary>
    public const string IdPrefix = "oidc:";

    public static AuthenticationBuilder AddOrganisationSignIn(this AuthenticationBuilder authentication, IConfiguration configuration) =>
        authentication.AddOpenIdConnect(Scheme, "Your organisation", options =>
        {
            // Defaults first, so the section can override any of them.
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.MapInboundClaims = false;
            configuration.GetSection(Section).Bind(options);
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.Events.OnTokenValidated = context =>
            {
                context.Principal = Normalise(context.Principal!, context.Scheme.Name);
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// The principal the rest of the app relies on: a stable <see cref="ClaimTypes.NameIdentifier"/> from the provider's
    /// subject (<c>sub</c>) and a <see cref="ClaimTypes.Name"/> to show, whatever claim names the provider uses.
    /// </summary>
    public static ClaimsPrincipal Normalise(ClaimsPrincipal principal, string authenticationType)
    {
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? throw new InvalidOperationException("The identity provider's token has no subject (sub) claim, so the user cannot be told apart.");
        var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value
            ?? principal.FindFirst("email")?.Value ?? principal.FindFirst(ClaimTypes.Name)?.Value ?? subject;
        var claims = principal.Claims.Where(claim => claim.Type is not (ClaimTypes.NameIdentifier or ClaimTypes.Name))
            .Append(new Claim(ClaimTypes.NameIdentifier, IdPrefix + subject))
            .Append(new Claim(ClaimTypes.Name, name));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
