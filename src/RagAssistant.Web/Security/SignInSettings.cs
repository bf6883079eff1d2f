namespace RagAssistant.Web.Security;

/// <summary>
/// Which ways of signing in this server offers, read once at start: the server key (<c>Rag:ApiKey</c>) and an
/// organisation's identity provider (<c>Authentication:OpenIdConnect:Authority</c>). Either one makes the app protected:
/// every page and surface then needs a signed-in caller. Neither: the app is open, for a laptop on loopback.
/// </summary>
public sealed record SignInSettings(bool ServerKey, bool Organisation)
{
    public bool IsProtected => ServerKey || Organisation;

    public static SignInSettings From(IConfiguration configuration) => new(
        ServerKey: !string.IsNullOrEmpty(configuration[$"{ApiKeyOptions.Section}:{nameof(ApiKeyOptions.ApiKey)}"]),
        Organisation: !string.IsNullOrEmpty(configuration[$"{OrganisationSignIn.Section}:Authority"]));
}
