using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>A server key that could be guessed stops a Production server at start, saying how to make one; Development only warns.</summary>
public sealed class ServerKeyStrengthTests
{
    [Theory]
    [InlineData("a", "shorter than 32 characters")]
    [InlineData("correct-horse-battery", "shorter than 32 characters")]
    [InlineData("abababababababababababababababababababab", "made of 2 different characters")]
    public async Task A_weak_key_stops_a_production_server_at_start_with_how_to_make_a_strong_one(string key, string why)
    {
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Rag:ApiKey"] = key,
        });

        var failure = Assert.ThrowsAny<Exception>(app.Start);

        var message = string.Join(" | ", Chain(failure).Select(exception => exception.Message));
        Assert.Contains("Rag:ApiKey is too weak to protect a server", message);
        Assert.Contains(why, message);
        Assert.Contains("openssl rand -hex 32", message);
        if (key.Length > 1) Assert.DoesNotContain(key, message);
    }

    [Fact]
    public async Task In_development_a_weak_key_starts_the_app_protected_and_warns()
    {
        var logs = new CapturedLogs();
        await using var app = new RagAppHost(localEmbeddings: false, services: logs.AddTo, settings: new Dictionary<string, string?> { ["Rag:ApiKey"] = "dev" });

        await app.StartAsync();

        Assert.Contains(logs.Records, record => record.Contains("Rag:ApiKey is weak", StringComparison.Ordinal) && record.Contains("openssl rand -hex 32", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/search?q=neural")).StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
            }
        }
    }
}
