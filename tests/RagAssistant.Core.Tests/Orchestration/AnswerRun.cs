using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>Every event of one answer, collected, with the views tests need.</summary>
internal sealed partial record AnswerRun(IReadOnlyList<AnswerEvent> Events)
{
    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();

    public static async Task<AnswerRun> AskAsync(AnswerOrchestrator orchestrator, AnswerRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in orchestrator.AskAsync(request, cancellationToken)) events.Add(answerEvent);
        return new AnswerRun(events);
    }

    public static Task<AnswerRun> AskAsync(AnswerOrchestrator orchestrator, string question) => AskAsync(orchestrator, new AnswerRequest(question));

    public SourcesEvent Sources => Events.OfType<SourcesEvent>().Single();

    public DoneEvent Done => Events.OfType<DoneEvent>().Single();

    public string Text => string.Concat(Events.OfType<TextDeltaEvent>().Select(delta => delta.Text));

    public IReadOnlyList<CitationEvent> Citations => [.. Events.OfType<CitationEvent>()];

    /// <summary>The turn this answer adds to its conversation, as the conversation service records it.</summary>
    public ConversationTurn Turn(string question)
    {
        var answer = new AnswerAccumulator();
        foreach (var answerEvent in Events) answer.Add(answerEvent);
        return ConversationTurn.Of(question, answer)!;
    }

    /// <summary>The numbers that appear as [n] in the text the user saw.</summary>
    public IReadOnlySet<int> MarkersInText => Marker().Matches(Text).Select(match => int.Parse(match.Groups[1].Value)).ToHashSet();

    /// <summary>Titles of the papers the text cites.</summary>
    public IReadOnlyList<string> CitedTitles =>
        [.. Sources.Sources.Where(source => MarkersInText.Contains(source.N)).Select(source => source.Title)];
}
