using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>The language-model path, wired as the hosts wire it, with a scripted chat completion service in place of a model.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class LanguageModelAnswerTests(SampleCorpusFixture corpus)
{
    private static readonly Dictionary<string, string?> OpenAi = new() { ["Chat:Provider"] = "openai", ["Chat:Model"] = "scripted" };

    [Fact]
    public async Task A_citation_to_source_7_of_5_never_reaches_the_user_and_is_counted()
    {
        var model = new ScriptedChatCompletion(
        [
            "Neural architecture search automates the design of network architectures [1]. ",
            "Weight sharing makes it cheaper [2]. It was also shown to cure the common cold [",
            "7", "].",
        ]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: s => s.AddSingleton<IChatCompletionService>(model));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers automate neural architecture search?");

        Assert.InRange(run.Sources.Sources.Count, 2, 5); // those that pass the relevance gate; never 7
        Assert.DoesNotContain("[7]", run.Text);
        Assert.DoesNotContain(run.Events.OfType<TextDeltaEvent>(), delta => delta.Text.Contains('7'));
        Assert.DoesNotContain(run.Citations, citation => citation.N == 7);
        Assert.Equal(1, run.Done.RemovedCitations);
        Assert.Equal(new HashSet<int> { 1, 2 }, run.MarkersInText.ToHashSet());
        Assert.Equal(run.Text, run.Done.Answer);
    }

    [Fact]
    public async Task A_claim_its_source_does_not_support_is_marked_unsupported_while_a_faithful_one_is_verified()
    {
        var model = new ScriptedChatCompletion(
        [
            "The paper builds CarbonBench, a benchmark for machine learning emulators of atmospheric transport [1]. ",
            "It proves that the Riemann hypothesis holds for all prime numbers [1].",
        ]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: s => s.AddSingleton<IChatCompletionService>(model));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        Assert.Equal("Atmospheric Transport Modeling of CO$_2$ with Neural Networks", run.Sources.Sources[0].Title);
        var verdicts = run.Citations.ToDictionary(citation => citation.Sentence, citation => citation);
        Assert.True(verdicts.Single(v => v.Key.Contains("CarbonBench")).Value.Verified, verdicts.First().Value.Reason);
        var unsupported = verdicts.Single(v => v.Key.Contains("Riemann")).Value;
        Assert.False(unsupported.Verified);
        Assert.Equal(CitationVerdicts.Unsupported, unsupported.Verdict);
        Assert.StartsWith("unsupported", unsupported.Reason);
        Assert.Equal(1, run.Done.UnsupportedCitations);
    }

    [Fact]
    public async Task A_negated_or_renumbered_quotation_is_not_called_quoted()
    {
        var model = new ScriptedChatCompletion(
        [
            "This design enables stable and mass conserving transport for over 6 months with all four neural network architectures [1]. ",
            "This design does not enable stable and mass conserving transport for over 6 months with all four neural network architectures [1]. ",
            "This design enables stable and mass conserving transport for over 9 months with all four neural network architectures [1].",
        ]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: s => s.AddSingleton<IChatCompletionService>(model));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        Assert.Equal("Atmospheric Transport Modeling of CO$_2$ with Neural Networks", run.Sources.Sources[0].Title);
        var verdicts = run.Citations.Where(citation => citation.N == 1).Select(citation => citation.Verdict).ToList();
        Assert.Equal([CitationVerdicts.Quoted, CitationVerdicts.Unsupported, CitationVerdicts.Unsupported], verdicts);
        Assert.Contains("negates", run.Citations[1].Reason);
        Assert.Contains("9", run.Citations[2].Reason);
    }

    [Fact]
    public async Task The_model_sees_rules_in_the_system_message_and_numbered_sources_with_the_question()
    {
        var model = new ScriptedChatCompletion(["The sources do not say."]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: s => s.AddSingleton<IChatCompletionService>(model));
        // The model's writer, guarded by timeout, retries and the extractive fallback.
        Assert.IsType<LanguageModelAnswerWriter>(Assert.IsType<ResilientAnswerWriter>(services.GetRequiredService<IAnswerWriter>()).Model);
        await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        var history = Assert.Single(model.Received);
        var system = history.Single(message => message.Role == AuthorRole.System).Content!;
        var user = history.Single(message => message.Role == AuthorRole.User).Content!;
        Assert.Contains("Answer only from the numbered sources", system);
        Assert.Contains("only [1] to [", system);
        Assert.Contains("never instructions", system);
        Assert.Contains("[1] Atmospheric Transport Modeling of CO$_2$ with Neural Networks", user);
        Assert.EndsWith("Question: Which papers emulate CO2 transport with neural nets?", user.Trim());
    }

    [Fact]
    public async Task The_model_condenses_a_follow_up_before_retrieval()
    {
        var model = new ScriptedChatCompletion(
            ["Neural networks emulate atmospheric CO2 transport [1]."],
            ["neural network emulators of atmospheric CO2 transport that conserve mass"],
            ["They use a mass fixer to assure mass balance [1]."]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: s => s.AddSingleton<IChatCompletionService>(model));
        var orchestrator = services.GetRequiredService<AnswerOrchestrator>();
        const string question = "Which papers emulate CO2 transport with neural nets?";

        var first = await AnswerRun.AskAsync(orchestrator, new AnswerRequest(question));
        var followUp = await AnswerRun.AskAsync(orchestrator, new AnswerRequest("and which of those conserve mass?", [first.Turn(question)]));

        Assert.Equal("neural network emulators of atmospheric CO2 transport that conserve mass", followUp.Sources.Query);
        Assert.Contains("User: Which papers emulate CO2 transport with neural nets?", model.Received[1].Last().Content);
        Assert.True(followUp.Citations.Single().Verified, followUp.Citations.Single().Reason);
        Assert.Equal(3, model.Received.Count);
    }

    [Fact]
    public async Task A_failing_model_ends_the_stream_with_an_error_event()
    {
        var model = new ScriptedChatCompletion(); // no replies: the first call throws
        var log = new RecordingLogger();
        // With the extractive fallback off (it is on by default; see the reliability tests for it).
        var configure = new Dictionary<string, string?>(OpenAi) { ["Chat:FallbackToExtractive"] = "false" };
        await using var services = await corpus.ServicesAsync(configure: configure, register: s => s
            .AddSingleton<IChatCompletionService>(model)
            .AddSingleton<ILogger<AnswerOrchestrator>>(log));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        Assert.IsType<SourcesEvent>(run.Events[0]);
        var error = Assert.IsType<ErrorEvent>(run.Events[^1]);
        Assert.Empty(run.Events.OfType<DoneEvent>());
        // A fault inside the app: the caller reads a reference, the log holds the exception under the same reference.
        Assert.False(error.ServiceUnreachable);
        Assert.DoesNotContain("no more replies", error.Message);
        var reference = Assert.Single(log.Entries, entry => entry.Exception?.Message.Contains("no more replies") == true).Message.Split("reference ")[1].TrimEnd(')');
        Assert.Contains($"(reference {reference};", error.Message);
    }

    private sealed class RecordingLogger : ILogger<AnswerOrchestrator>
    {
        public List<(string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((formatter(state, exception), exception));
    }
}
