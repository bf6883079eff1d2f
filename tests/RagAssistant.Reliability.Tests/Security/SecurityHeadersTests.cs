using System.Net;
using System.Text.RegularExpressions;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Security;

/// <summary>The pages carry headers that stop scripts the app did not send, framing, MIME sniffing and referrer leaks.</summary>
public sealed partial class SecurityHeadersTests(SampleApp sample) : IClassFixture<SampleApp>
{
    [GeneratedRegex("""<script type="importmap" nonce="(?<nonce>[^"]+)">""")]
    private static partial Regex ImportMapNonce();

    [Fact]
    public async Task Pages_send_a_strict_content_security_policy_whose_nonce_only_the_import_map_carries()
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };
        foreach (var path in new[] { "/", "/papers" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));

            // The only inline script, Blazor's import map, carries this response's nonce; any other inline script would be blocked.
            var html = await response.Content.ReadAsStringAsync();
            var nonce = System.Net.WebUtility.HtmlDecode(ImportMapNonce().Match(html).Groups["nonce"].Value); // as the browser reads the attribute
            Assert.Contains($"script-src 'self' 'nonce-{nonce}'", csp);
            Assert.Equal(1, Regex.Count(html, "<script(?![^>]*\\bsrc=)"));
        }
    }

    [Fact]
    public async Task Each_response_gets_a_fresh_nonce()
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };
        using var first = await http.GetAsync("/");
        using var second = await http.GetAsync("/");
        Assert.NotEqual(first.Headers.GetValues("Content-Security-Policy").Single(), second.Headers.GetValues("Content-Security-Policy").Single());
    }
}
