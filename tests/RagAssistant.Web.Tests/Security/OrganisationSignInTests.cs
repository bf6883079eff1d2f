using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Web.Security;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// OpenID Connect is configuration only: no identity provider runs here, so a stand-in publishes just the discovery
/// document, and the tests check that the settings bind and that signing in hands the visitor to that authority.
/// </summary>
public sealed class OrganisationSignInTests
{
    [Fact]
    public async Task The_settings_bind_and_signing_in_redirects_to_the_configured_authority()
    {
        await using var provider = await DiscoveryDocument.StartAsync();
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = provider.Authority,
            ["Authentication:OpenIdConnect:ClientId"] = "rag-assistant",
            ["Authentication:OpenIdConnect:ClientSecret"] = "client-secret-for-the-test",
            ["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false",
            ["Authentication:OpenIdConnect:Scope:2"] = "email",
        });
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OrganisationSignIn.Scheme);
        Assert.Equal(provider.Authority, options.Authority);
        Assert.Equal("rag-assistant", options.ClientId);
        Assert.Equal("client-secret-for-the-test", options.ClientSecret);
        Assert.Equal("code", options.ResponseType);
        Assert.Contains("email", options.Scope);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        // With only an identity provider configured the app is still protected, and the sign-in page offers it.
        using var home = await browser.GetAsync("/papers");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        var signInPage = await browser.GetStringAsync(home.Headers.Location!);
        Assert.Contains("Sign in with your organisation", signInPage);
        Assert.DoesNotContain("Server key", signInPage);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/search?q=neural")).StatusCode);

        using var challenge = await browser.GetAsync("/signin/organisation?returnUrl=%2Fpapers");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal(provider.Authority + "/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("rag-assistant", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(new Uri(app.BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"]);
    }

    [Fact]
    public void A_users_subject_becomes_their_stable_name_identifier_with_a_name_to_show()
    {
        var fromProvider = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "248289761001"), new Claim("preferred_username", "jane@example.org"), new Claim("email", "jane@example.org")], "oidc"));

        var user = OrganisationSignIn.Normalise(fromProvider, "oidc");

        Assert.Equal("oidc:248289761001", user.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("jane@example.org", user.Identity!.Name);
        Assert.True(user.Identity.IsAuthenticated);
        Assert.NotEqual(ApiKeyAuthentication.KeyHolderId, user.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Throws<InvalidOperationException>(() => OrganisationSignIn.Normalise(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "No Subject")], "oidc")), "oidc"));
    }

    /// <summary>The discovery document and an empty key set of a stand-in provider, on Kestrel at a free loopback port.</summary>
    private sealed class DiscoveryDocument : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private DiscoveryDocument(WebApplication app, string authority) => (_app, Authority) = (app, authority);

        public string Authority { get; }

        public static async Task<DiscoveryDocument> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
            {
                var authority = $"{request.Scheme}://{request.Host}";
                return Results.Json(new Dictionary<string, object>
                {
                    ["issuer"] = authority,
                    ["authorization_endpoint"] = authority + "/authorize",
                    ["token_endpoint"] = authority + "/token",
                    ["jwks_uri"] = authority + "/jwks",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                });
            });
            app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
            await app.StartAsync();
            var address = app.Urls.Single().TrimEnd('/');
            return new DiscoveryDocument(app, address);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
