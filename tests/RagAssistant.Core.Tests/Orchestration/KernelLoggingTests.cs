using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// The kernel's function logs obey the app's <c>Microsoft.SemanticKernel</c> level, as appsettings.json sets it: an
/// operator who asks for Warning there does not get lines per prompt call at Information for every answer.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class KernelLoggingTests(SampleCorpusFixture corpus)
{
    private static readonly Dictionary<string, string?> OpenAi = new() { ["Chat:Provider"] = "openai", ["Chat:Model"] = "scripted" };

    [Fact]
    public async Task A_language_model_answer_logs_its_prompt_calls_under_the_Semantic_Kernel_level()
    {
        var quiet = await RecordAnswerAsync(semanticKernelLevel: LogLevel.Warning);
        Assert.DoesNotContain(quiet, record => record.Level < LogLevel.Warning && !record.Category.StartsWith("RagAssistant", StringComparison.Ordinal));

        // The same answer with the level lowered does log its prompt call, so the check above cannot pass vacuously.
        var verbose = await RecordAnswerAsync(semanticKernelLevel: LogLevel.Information);
        Assert.Contains(verbose, record => record.Category.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) && record.Level == LogLevel.Information);
    }

    private async Task<IReadOnlyCollection<(string Category, LogLevel Level)>> RecordAnswerAsync(LogLevel semanticKernelLevel)
    {
        var records = new ConcurrentQueue<(string Category, LogLevel Level)>();
        var model = new ScriptedChatCompletion(["Neural architecture search automates the design of network architectures [1]."]);
        await using var services = await corpus.ServicesAsync(configure: OpenAi, register: collection => collection
            .AddSingleton<IChatCompletionService>(model)
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.SemanticKernel", semanticKernelLevel)
                .AddProvider(new RecordingProvider(records))));
        records.Clear();
        await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers automate neural architecture search?");
        return records;
    }

    private sealed class RecordingProvider(ConcurrentQueue<(string Category, LogLevel Level)> records) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, records);

        public void Dispose()
        {
        }
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string Category, LogLevel Level)> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            records.Enqueue((category, logLevel));
        }
    }
}
