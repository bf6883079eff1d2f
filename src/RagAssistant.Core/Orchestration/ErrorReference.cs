using System.Diagnostics;
using System.Security.Cryptography;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// What a caller is shown instead of an internal error's text: a reference that finds the detail in the log. Inside a
/// request it is the trace id, which ASP.NET Core also puts in its problem documents and log scopes.
/// </summary>
public static class ErrorReference
{
    public static string Current() =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The sentence a person reads when something failed inside the server.</summary>
    public static string Sentence(string what, string reference) =>
        $"{what} could not be completed because of an error inside the server (reference {reference}; the detail is in the server's log).";
}
