using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Plugins;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.Extractive;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>The kernel as dependency injection builds it: the papers plugin, the prompt functions, and the writer the configuration picks.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class KernelTests(SampleCorpusFixture corpus)
{
    [Fact]
    public async Task The_kernel_offers_search_papers_and_get_paper_to_a_model()
    {
        await using var services = await corpus.ServicesAsync();
        var kernel = services.GetRequiredService<Kernel>();

        var found = await kernel.InvokeAsync(PapersPlugin.PluginName, "search_papers", new KernelArguments { ["query"] = "seismic arrival time picking", ["top"] = 3 });
        var matches = found.GetValue<IReadOnlyList<SearchResult>>()!;
        Assert.Equal(3, matches.Count);
        Assert.StartsWith("PhaseNet", matches[0].Title);

        var paper = (await kernel.InvokeAsync(PapersPlugin.PluginName, "get_paper", new KernelArguments { ["paper_id"] = matches[0].PaperId })).GetValue<PaperDetails>()!;
        Assert.Equal(matches[0].Title, paper.Title);
        Assert.Contains("seismic", paper.Abstract, StringComparison.OrdinalIgnoreCase);

        var function = kernel.Plugins.GetFunction(PapersPlugin.PluginName, "search_papers");
        Assert.Equal(["query", "top", "from_date", "to_date"], function.Metadata.Parameters.Select(parameter => parameter.Name));
        Assert.All(function.Metadata.Parameters, parameter => Assert.False(string.IsNullOrWhiteSpace(parameter.Description)));
    }

    [Fact]
    public async Task Dates_limit_the_search_and_a_malformed_date_is_refused()
    {
        await using var services = await corpus.ServicesAsync();
        var plugin = services.GetRequiredService<PapersPlugin>();

        var dated = await plugin.SearchPapersAsync("neural networks", 20, from_date: "2024-01-01", to_date: "2024-12-31");
        Assert.NotEmpty(dated);
        Assert.All(dated, match => Assert.StartsWith("2024-", match.Date));
        await Assert.ThrowsAsync<ArgumentException>(() => plugin.SearchPapersAsync("neural networks", from_date: "last year"));
    }

    [Fact]
    public async Task The_prompt_functions_load_from_the_build_output()
    {
        await using var services = await corpus.ServicesAsync();
        var prompts = services.GetRequiredService<PromptLibrary>();
        var kernel = services.GetRequiredService<Kernel>();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "prompts"), prompts.Folder);
        Assert.Equal(["Answer", "CondenseFollowUp", "ResearchAgent", "Summarize", "WeighEvidence"], kernel.Plugins[PromptLibrary.PluginName].Select(function => function.Name).Order());
    }

    [Fact]
    public async Task Agent_mode_and_the_evidence_step_without_a_model_are_refused_at_startup()
    {
        var agent = await Assert.ThrowsAsync<InvalidOperationException>(() => corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Chat:Mode"] = "agent" }));
        Assert.Contains("Chat:Provider=openai", agent.Message);
        var evidence = await Assert.ThrowsAsync<InvalidOperationException>(() => corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Chat:EvidenceStep"] = "true" }));
        Assert.Contains("Chat:EvidenceStep", evidence.Message);
        var mode = await Assert.ThrowsAsync<InvalidOperationException>(() => corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Chat:Mode"] = "swarm" }));
        Assert.Contains("Chat:Mode", mode.Message);
    }

    [Fact]
    public async Task The_OpenAI_connector_is_wired_and_an_unreachable_endpoint_ends_in_an_unreachable_error()
    {
        // Port 9 (discard) refuses connections here: the real connector runs, and nothing is faked.
        await using var services = await corpus.ServicesAsync(configure: new Dictionary<string, string?>
        {
            ["Chat:Provider"] = "openai",
            ["Chat:Model"] = "any-model",
            ["Chat:Endpoint"] = "http://127.0.0.1:9/v1",
            // No retries and no extractive fallback (both on by default), so the unreachable endpoint is the answer's end.
            ["Chat:MaxRetries"] = "0",
            ["Chat:FallbackToExtractive"] = "false",
        });
        Assert.IsType<OpenAIChatCompletionService>(services.GetRequiredService<IChatCompletionService>());

        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        var error = Assert.IsType<ErrorEvent>(run.Events[^1]);
        Assert.True(error.ServiceUnreachable, error.Message);
    }

    [Fact]
    public async Task Extractive_is_the_default_and_an_unusable_chat_configuration_fails_clearly()
    {
        await using (var services = await corpus.ServicesAsync())
        {
            Assert.IsType<ExtractiveAnswerWriter>(services.GetRequiredService<IAnswerWriter>());
            Assert.IsType<RuleBasedFollowUpCondenser>(services.GetRequiredService<IFollowUpCondenser>());
        }
        await using (var services = await corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Chat:Provider"] = "openai", ["Chat:Endpoint"] = "http://127.0.0.1:9/v1" }))
        {
            var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<AnswerOrchestrator>());
            Assert.Contains("Chat:Model", error.Message);
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Chat:Provider"] = "gpt" }));
    }
}
