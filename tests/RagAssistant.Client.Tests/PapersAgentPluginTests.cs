using System.Text.Json;
using Microsoft.SemanticKernel;
using RagAssistant.Client.Plugins;
using RagAssistant.Client.Tests.Hosting;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Tests;

/// <summary>Another team's Semantic Kernel agent, given the tools by <see cref="PapersAgentPlugin"/> over REST.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class PapersAgentPluginTests(GuardedApp app)
{
    private Kernel KernelWithPlugin(RagAssistantClient client)
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new PapersAgentPlugin(client), PapersAgentPlugin.PluginName);
        return kernel;
    }

    [Fact]
    public async Task A_kernel_finds_the_CO2_paper_and_gets_a_cited_answer_through_the_plugin()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);
        var kernel = KernelWithPlugin(client);

        var found = await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "search_papers", new KernelArguments { ["query"] = SampleCorpus.Co2Query, ["top"] = 3 });
        var results = found.GetValue<IReadOnlyList<SearchResult>>()!;
        Assert.InRange(results.Count, 1, 3);
        Assert.StartsWith(SampleCorpus.Co2TitleStart, results[0].Title);
        Assert.Equal(SampleCorpus.Co2Date, results[0].Date);

        var asked = await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "ask", new KernelArguments { ["question"] = SampleCorpus.Co2Question });
        var answer = asked.GetValue<AnswerResponse>()!;
        Assert.True(answer.Covered);
        Assert.Contains(answer.Citations, citation => citation.Title.StartsWith(SampleCorpus.Co2TitleStart, StringComparison.Ordinal));
        Assert.Equal(CitedAnswer.MarkersIn(answer.Answer), answer.Citations.Select(citation => citation.N).ToHashSet());
        Assert.All(answer.Citations, citation => Assert.Contains(answer.Sources, source => source.N == citation.N && source.PaperId == citation.PaperId));
    }

    [Fact]
    public async Task What_a_model_reads_from_the_plugin_is_snake_case_like_every_other_surface()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);
        var kernel = KernelWithPlugin(client);

        var asked = await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "ask", new KernelArguments { ["question"] = SampleCorpus.Co2Question });
        // Function calling hands a model the result serialized with default options; the models name their fields themselves.
        var seenByModel = JsonSerializer.SerializeToElement(asked.GetValue<object>());

        Assert.True(seenByModel.GetProperty("citations")[0].TryGetProperty("paper_id", out _));
        Assert.True(seenByModel.TryGetProperty("unsupported_citations", out _));
    }

    [Fact]
    public async Task Summarize_literature_and_get_paper_work_through_the_plugin()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);
        var kernel = KernelWithPlugin(client);

        var summarized = await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "summarize_literature",
            new KernelArguments { ["topic"] = "neural networks for atmospheric CO2 transport" });
        var summary = summarized.GetValue<AnswerResponse>()!;
        var paper = (await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "get_paper",
            new KernelArguments { ["paper_id"] = summary.Citations[0].PaperId })).GetValue<PaperDetails>();
        var missing = (await kernel.InvokeAsync(PapersAgentPlugin.PluginName, "get_paper",
            new KernelArguments { ["paper_id"] = "hf-0000000000000000" })).GetValue<PaperDetails>();

        Assert.Equal(AnswerKind.Summary, summary.Kind);
        Assert.NotEmpty(summary.Citations);
        Assert.Equal(summary.Citations[0].Title, paper?.Title);
        Assert.False(string.IsNullOrWhiteSpace(paper?.Abstract));
        Assert.Null(missing);
    }

    [Fact]
    public void The_functions_and_parameters_a_model_sees_are_described()
    {
        var plugin = KernelPluginFactory.CreateFromObject(new PapersAgentPlugin(new RagAssistantClient(new RagAssistantClientOptions())), PapersAgentPlugin.PluginName);

        Assert.Equal(["ask", "get_paper", "search_papers", "summarize_literature"], plugin.Select(function => function.Name).Order());
        foreach (var function in plugin)
        {
            Assert.False(string.IsNullOrWhiteSpace(function.Description), function.Name);
            Assert.All(function.Metadata.Parameters, parameter => Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{function.Name}.{parameter.Name}"));
        }
        Assert.Equal(["query", "top", "from_date", "to_date"], plugin["search_papers"].Metadata.Parameters.Select(parameter => parameter.Name));
    }
}
