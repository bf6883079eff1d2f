using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Api;

/// <summary>A question only a paper's body answers, asked over REST: the answer cites that paper and the page the sentence is on.</summary>
public sealed class FullTextAnswerApiTests(FullTextApp fullText) : IClassFixture<FullTextApp>
{
    [Fact]
    public async Task A_question_answered_only_by_the_body_cites_the_paper_and_its_page()
    {
        using var http = new HttpClient { BaseAddress = fullText.App.BaseAddress };
        var paper = await fullText.App.Services.GetRequiredService<IPaperIndex>().GetPaperAsync(FullTextApp.PaperId);
        Assert.DoesNotContain(FullTextApp.BodyOnlyFact, paper!.Abstract);

        using var response = await http.PostAsJsonAsync("/api/ask", new { question = FullTextApp.BodyOnlyQuestion });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerResponse>())!;
        Assert.Contains(FullTextApp.BodyOnlyFact, answer.Answer);
        var citation = Assert.Single(answer.Citations, cited => cited.PaperId == FullTextApp.PaperId);
        Assert.True(citation.Verified, citation.Verdict);
        Assert.Contains(FullTextApp.BodyOnlyPage, citation.Pages ?? []);
        var source = Assert.Single(answer.Sources, listed => listed.PaperId == FullTextApp.PaperId);
        var passage = Assert.Single(source.Passages!, offered => offered.Text.Contains(FullTextApp.BodyOnlyFact));
        Assert.Equal((FullTextApp.BodyOnlyPage, "2.1 Processing PDFs"), (passage.Page, passage.Section));
    }
}
