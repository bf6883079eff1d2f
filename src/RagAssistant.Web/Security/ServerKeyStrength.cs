using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Security;

/// <summary>
/// Refuses to start outside Development with a server key that could be guessed: shorter than <see cref="MinLength"/>
/// characters or made of fewer than <see cref="MinDistinct"/> different ones (<c>aaaa…</c>, <c>abab…</c>). In
/// Development the app starts and says so in the log. The sign-in limits slow guessing down; only the key's length makes
/// it hopeless.
/// </summary>
public sealed class ServerKeyStrength(IHostEnvironment environment, ILogger<ServerKeyStrength> logger) : IValidateOptions<ApiKeyOptions>
{
    /// <summary>What <c>openssl rand -hex 16</c> gives at the least; <c>-hex 32</c> gives 64.</summary>
    public const int MinLength = 32;

    public const int MinDistinct = 10;

    public const string Remedy = "Make one with `openssl rand -hex 32` and set it as Rag__ApiKey.";

    /// <summary>Why <paramref name="key"/> is too weak to protect a server, or null when it is not.</summary>
    public static string? Weakness(string key)
    {
        if (key.Length < MinLength) return $"it is shorter than {MinLength} characters ({key.Length})";
        var distinct = key.Distinct().Count();
        return distinct < MinDistinct ? $"it is made of {distinct} different characters, and a server key needs {MinDistinct} or more" : null;
    }

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey) || Weakness(options.ApiKey) is not { } weakness) return ValidateOptionsResult.Success;
        if (environment.IsDevelopment())
        {
            logger.LogWarning("Rag:ApiKey is weak: {Weakness}. Development starts anyway; any other environment refuses to. {Remedy}", weakness, Remedy);
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail($"Rag:ApiKey is too weak to protect a server: {weakness}. {Remedy}");
    }
}
