using System.Text.RegularExpressions;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// What kind of sentence answers a question, read from its wording: "how well / which is best / by how much / does it
/// help" wants a result, "how does it work / what data" a method, "why / what problem" the background, and anything else a
/// finding or the key idea — never the motivation. <see cref="Fit"/> says how well a sentence of each role serves it.
/// </summary>
internal sealed partial class QuestionAim
{
    // Words that ask how well something did: a comparison, a figure, a verdict.
    [GeneratedRegex(
        @"\b(?:how (?:well|accurate|accurately|much|many|fast|good|large|big|small|effective|successful|reliable|close|often)|by how much|" +
        @"best|better|worse|most|least|outperforms?|beats?|compare[sd]?|comparison|versus|vs\.?|accuracy|precision|error|errors|speed-?ups?|" +
        @"faster|slower|cheaper|gains?|results?|findings?|what happens|drawbacks?|limitations?|successful|reliable|rank|ranks|ranking)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ResultWords();

    // A yes/no question ("Does it help?", "Can PINNs solve …?") asks for the verdict, when nothing asks how.
    [GeneratedRegex(@"^(?:does|do|did|is|are|can|could|will|would|has|have)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    [GeneratedRegex(
        @"^how (?:does|do|did|can|could|is|are|was|were|to|should|would)\b|\bhow (?:it|they) works?\b|" +
        @"\bwhat (?:method|methods|technique|techniques|approach|approaches|architecture|algorithm|mechanism|strategy|data|dataset|datasets|loss|model|inputs?|features?)\b|" +
        @"\b(?:trained|pretrained|pre-trained) on\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex MethodWords();

    [GeneratedRegex(@"^why\b|\bwhat (?:problem|problems|challenge|challenges|issue|issues|gap|motivates?)\b|\bmotivation\b", RegexOptions.IgnoreCase)]
    private static partial Regex MotivationWords();

    public static readonly QuestionAim Result = new("result", new()
    {
        [SentenceRole.Result] = 1.0, [SentenceRole.Method] = 0.45, [SentenceRole.Objective] = 0.35,
        [SentenceRole.Background] = 0.1, [SentenceRole.Other] = 0.05,
    });

    public static readonly QuestionAim Method = new("method", new()
    {
        [SentenceRole.Method] = 1.0, [SentenceRole.Objective] = 0.6, [SentenceRole.Result] = 0.55,
        [SentenceRole.Background] = 0.1, [SentenceRole.Other] = 0.05,
    });

    public static readonly QuestionAim Motivation = new("motivation", new()
    {
        [SentenceRole.Background] = 1.0, [SentenceRole.Objective] = 0.8, [SentenceRole.Method] = 0.4,
        [SentenceRole.Result] = 0.4, [SentenceRole.Other] = 0.05,
    });

    /// <summary>What a question with no telling words, and every bullet of a literature summary, wants: what the paper found or did.</summary>
    public static readonly QuestionAim Finding = new("finding", new()
    {
        [SentenceRole.Result] = 1.0, [SentenceRole.Method] = 0.8, [SentenceRole.Objective] = 0.7,
        [SentenceRole.Background] = 0.15, [SentenceRole.Other] = 0.05,
    });

    private readonly Dictionary<SentenceRole, double> _fit;

    private QuestionAim(string name, Dictionary<SentenceRole, double> fit) => (Name, _fit) = (name, fit);

    public string Name { get; }

    /// <summary>How well a sentence of this role serves the question, 0–1; a sentence whose role is unknown is neither preferred nor passed over.</summary>
    public double Fit(SentenceRole? role) => role is { } known ? _fit[known] : 0.5;

    /// <summary>A comparison or a figure asked for wins over "how"; then "how does it work"; then a yes/no question wants the verdict.</summary>
    public static QuestionAim Of(string question)
    {
        var text = question.Trim();
        if (MotivationWords().IsMatch(text)) return Motivation;
        if (ResultWords().IsMatch(text)) return Result;
        if (MethodWords().IsMatch(text)) return Method;
        return YesNo().IsMatch(text) ? Result : Finding;
    }
}
