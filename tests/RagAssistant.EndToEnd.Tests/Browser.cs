using Microsoft.Playwright;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright; Playwright's own browser download is never used. Install it with
/// <c>scripts/setup.sh</c> (the <c>chromium</c> apt package).
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run scripts/setup.sh (installs the chromium apt package).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: <c>RAG_E2E_ARTIFACTS</c>, or <c>artifacts/screenshots</c> at the checkout's root.</summary>
    public static string ArtifactsDir()
    {
        var configured = Environment.GetEnvironmentVariable("RAG_E2E_ARTIFACTS");
        var directory = string.IsNullOrWhiteSpace(configured) ? Path.Combine(TestRepository.Root, "artifacts", "screenshots") : configured;
        Directory.CreateDirectory(directory);
        return directory;
    }
}
