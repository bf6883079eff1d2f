using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RagAssistant.Web.Security;

/// <summary>
/// The endpoints around the sign-in page (<c>Components/Pages/SignIn</c>): the hand-over to the organisation's identity
/// provider and sign-out. Both are open, so that a signed-out person can reach them.
/// </summary>
public static class SignInEndpoints
{
    public const string OrganisationPath = "/signin/organisation";

    /// <summary>Return URLs are resolved against it: what stays on it is local.</summary>
    private static readonly Uri PlaceholderOrigin = new("http://return-url.invalid/");

    public static WebApplication MapSignIn(this WebApplication app)
    {
        app.MapGet(OrganisationPath, (string? returnUrl, SignInSettings settings) => settings.Organisation
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl(returnUrl) }, [OrganisationSignIn.Scheme])
                : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

        // A form post with the antiforgery token, so another site cannot sign a visitor out.
        app.MapPost(SignInExtensions.SignOutPath, async (HttpContext context, IAntiforgery antiforgery) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Redirect(SignInExtensions.SignInPath);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Where to go after signing in: a path on this site only, so the sign-in page cannot send anyone elsewhere, and
    /// percent-encoded, because a Location header carries ASCII only (Kestrel refuses <c>/c/ü</c> as it stands).
    /// Anything else is the chat page.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl)
    {
        if (returnUrl is not ['/', ..] || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            || returnUrl.Any(char.IsControl))
        {
            return "/";
        }
        // Resolved, its path and query come back percent-encoded.
        return Uri.TryCreate(PlaceholderOrigin, returnUrl, out var resolved) && resolved.Authority == PlaceholderOrigin.Authority
            ? resolved.PathAndQuery + resolved.Fragment
            : "/";
    }
}
