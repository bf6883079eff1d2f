namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// How the nodes' language model answers: <see cref="ScriptedChatServer"/>, an OpenAI-compatible endpoint in this test
/// process (the one stand-in: no model can be had offline). It answers at once — a condensing request with the latest
/// message as it is, an answer with a sentence citing [1] — except a question carrying <see cref="Stall"/>, which it
/// never answers: that answer stays in flight, so a test can take its node down while it is.
/// </summary>
internal static class LanguageModelScript
{
    public const string Stall = "(stall)";

    private const string CondenseMarker = "Latest message: ";
    private const string AnswerMarker = "Question: ";

    public static ScriptedChatServer Start() => new((_, request) => Reply(request));

    /// <summary>The question a request to the model is about: the latest message of a condensing request, else the answer's question.</summary>
    public static string QuestionOf(ScriptedChatServer.Request request)
    {
        var user = request.Messages.LastOrDefault(message => message.Role == "user").Content ?? "";
        foreach (var marker in new[] { CondenseMarker, AnswerMarker })
        {
            var at = user.LastIndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return user[(at + marker.Length)..].Trim();
        }
        return user;
    }

    /// <summary>True for a request that condenses a follow-up: it carries the conversation so far.</summary>
    public static bool IsCondensing(ScriptedChatServer.Request request) =>
        request.Messages.LastOrDefault(message => message.Role == "user").Content?.Contains(CondenseMarker, StringComparison.Ordinal) == true;

    private static ScriptedChatServer.Reply Reply(ScriptedChatServer.Request request)
    {
        var question = QuestionOf(request);
        if (question.Contains(Stall, StringComparison.Ordinal)) return new ScriptedChatServer.Silence(TimeSpan.FromMinutes(10));
        return IsCondensing(request)
            ? new ScriptedChatServer.Answer(question)
            : new ScriptedChatServer.Answer("The first source answers this question [1].");
    }
}
