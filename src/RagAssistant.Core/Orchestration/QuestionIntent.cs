using System.Text.RegularExpressions;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// Reads what kind of answer a question asks for — a literature summary ("summarise what these papers say
/// about …") or a direct answer — and what it is about, without the request around it.
/// </summary>
public static partial class QuestionIntent
{
    [GeneratedRegex(@"\b(?:summari[sz]e|summary|summaries|overview|literature|survey|state of the art|what do (?:the|these|those) papers say|review (?:the|what))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SummaryRequest();

    // "Summarise what these papers say about", "Which papers", "Is there any work on", "Can you find papers that" …
    [GeneratedRegex(
        @"^\s*(?:please\s+)?(?:(?:can|could) you\s+)?(?:" +
        @"(?:summari[sz]e|give (?:me )?an overview of|write (?:a |me a )?(?:short )?(?:literature )?(?:review|summary)(?:\s+(?:of|on|about))?|review)\s+(?:what\s+)?(?:(?:the|these|those|all)\s+)?(?:(?:papers?|literature|studies|works?|research)\s+)?(?:(?:say|says|said|report|find)\s+)?(?:(?:about|on|regarding)\s+)?" +
        @"|(?:which|what)\s+(?:papers?|studies|works?|articles?|research)\s+(?:(?:do|does|are|is|have|has)\s+)?(?:there\s+)?(?:(?:on|about)\s+)?" +
        @"|(?:is|are)\s+there\s+(?:any\s+)?(?:(?:papers?|work|studies|research|articles?)\s+)?(?:(?:on|about|that|which)\s+)?" +
        @"|(?:find|list|show(?: me)?|tell me about)\s+(?:the\s+)?(?:(?:papers?|studies|work)\s+)?(?:(?:on|about|that)\s+)?" +
        @")",
        RegexOptions.IgnoreCase)]
    private static partial Regex RequestOpening();

    public static AnswerKind Classify(string question) => SummaryRequest().IsMatch(question) ? AnswerKind.Summary : AnswerKind.Answer;

    /// <summary>
    /// The subject of the question for retrieval: "Summarise what these papers say about uncertainty for neural
    /// network potentials" is about "uncertainty for neural network potentials". The wrapper words would otherwise
    /// pull the question's vector towards every abstract. Unchanged when too little would be left.
    /// </summary>
    public static string Subject(string question)
    {
        var subject = RequestOpening().Replace(question.Trim(), "", 1).Trim().TrimEnd('?', '.', '!').Trim();
        return subject.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 ? subject : question.Trim();
    }
}
