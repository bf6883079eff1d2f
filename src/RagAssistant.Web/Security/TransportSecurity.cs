using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace RagAssistant.Web.Security;

/// <summary>
/// HTTPS as the app sees it, directly or through a reverse proxy that ends TLS. Forwarded headers
/// (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>) are read only when ASP.NET Core's own switch
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> is set, and then only from the proxies in
/// <c>ForwardedHeaders:KnownProxies</c> / <c>ForwardedHeaders:KnownNetworks</c> (default: loopback) — the switch alone
/// would trust them from any client, who could then pick its own address, owner and limits. A request that is HTTPS
/// (so judged) gets <c>Secure</c> cookies and, outside Development, <c>Strict-Transport-Security</c>.
/// </summary>
public static class TransportSecurity
{
    public const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = Entries(section, "KnownProxies")
            .Select(entry => IPAddress.TryParse(entry.Text, out var address) ? address : throw Unreadable(entry, "an IP address such as 10.0.0.5"))
            .ToList();
        var networks = Entries(section, "KnownNetworks")
            .Select(entry => IPNetwork.TryParse(entry.Text, out var network) ? network : throw Unreadable(entry, "a network such as 10.0.0.0/24"))
            .ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            // A proxy on this machine (Caddy, nginx in front of one node) works without further settings.
            networks.Add(IPNetwork.Parse("127.0.0.0/8"));
            proxies.Add(IPAddress.IPv6Loopback);
        }
        // After ASP.NET Core's own setup, which empties both lists when the switch is on.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        // The sign-in cookie and the session cookie are Secure on HTTPS already; the antiforgery cookie is not by default.
        builder.Services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>HSTS on HTTPS responses; not in Development, where a browser would remember it for localhost.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    /// <summary>The list under <paramref name="key"/> (<c>__0</c>, <c>__1</c>, …), each entry with its own key for messages.</summary>
    private static IEnumerable<(string Path, string Text)> Entries(IConfigurationSection section, string key) =>
        section.GetSection(key).GetChildren()
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => (entry.Path, entry.Value!.Trim()));

    /// <summary>Stops the start naming the key, as every bad setting does.</summary>
    private static InvalidOperationException Unreadable((string Path, string Text) entry, string expected) =>
        new($"{entry.Path} must be {expected}, not \"{entry.Text}\".");
}
