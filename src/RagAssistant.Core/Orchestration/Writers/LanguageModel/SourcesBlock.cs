using System.Globalization;
using System.Text;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Writers.LanguageModel;

/// <summary>
/// The sources and the history as plain text for a prompt. The prompt puts them between its own
/// BEGIN/END lines and tells the model that everything between is data; a source cannot fake the end
/// of the block, because those marker lines are defused inside the data. (Markup in the data cannot
/// open a new chat message either: Semantic Kernel encodes variable values.)
/// </summary>
public static partial class SourcesBlock
{
    private const int MaxHistoryAnswerChars = 600;

    public const string Begin = "BEGIN SOURCES";
    public const string End = "END SOURCES";

    public static string Format(IReadOnlyList<AnswerSource> sources) => Format(sources.Select(source => (source, Readable(source))));

    /// <summary>The abstracts, each followed by what the evidence step found it to say about the question (when it ran).</summary>
    public static string Format(IReadOnlyList<AnswerSource> sources, IReadOnlyDictionary<string, string>? evidence) =>
        evidence is null ? Format(sources)
        : Format(sources.Select(source => (source, evidence.TryGetValue(source.PaperId, out var line) ? $"{Readable(source)}\nEvidence for the question: {line}" : Readable(source))));

    /// <summary>The abstract, then the body passages retrieval offered, each after its page, so the model can cite what only the body says.</summary>
    private static string Readable(AnswerSource source) =>
        source.Passages is not { Count: > 0 } passages
            ? source.Abstract
            : $"{source.Abstract}\nFrom the body: " + string.Join(" ", passages.Select(passage => $"(p. {passage.Page}) {passage.Text}"));

    /// <summary>
    /// Each source as <c>[n] Title (date)</c>, then the text shown for it: its abstract, or the passage a search matched.
    /// A tool's result also gives each paper's id, which a model needs to call <c>get_paper</c>.
    /// </summary>
    public static string Format(IEnumerable<(AnswerSource Source, string Text)> sources, bool withPaperIds = false)
    {
        var block = new StringBuilder();
        foreach (var (source, text) in sources)
        {
            var date = source.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated";
            block.Append('[').Append(source.N).Append("] ").Append(Defuse(source.Title)).Append(" (").Append(date).AppendLine(")");
            if (withPaperIds) block.Append("paper_id: ").AppendLine(source.PaperId);
            block.AppendLine(Defuse(ReferenceMarkers.Strip(text))).AppendLine();
        }
        return block.ToString().TrimEnd();
    }

    public static string FormatHistory(IReadOnlyList<ConversationTurn> history) =>
        history.Count == 0
            ? "(none)"
            : string.Join("\n", history.Select(turn => $"User: {Defuse(turn.Question)}\nAssistant: {Defuse(Shorten(CitationMarkers.Group().Replace(turn.Answer, "")))}"));

    private static string Shorten(string text) => text.Length <= MaxHistoryAnswerChars ? text : text[..MaxHistoryAnswerChars] + " …";

    private static string Defuse(string text) =>
        text.Replace(Begin, "BEGIN-SOURCES", StringComparison.OrdinalIgnoreCase).Replace(End, "END-SOURCES", StringComparison.OrdinalIgnoreCase);
}
