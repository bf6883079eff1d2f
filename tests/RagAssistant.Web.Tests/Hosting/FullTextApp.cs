using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;

namespace RagAssistant.Web.Tests.Hosting;

/// <summary>
/// One running app with the sample papers indexed by the local embedding model and, through the app's own indexer, the S2ORC paper from
/// its PDF: a question only that paper's body answers, with the page the answer stands on.
/// </summary>
public sealed class FullTextApp : IAsyncLifetime
{
    public const string PaperTitle = "S2ORC: The Semantic Scholar Open Research Corpus";

    /// <summary>Answered by one sentence on page 3 of the paper's body ("…30.5M PDFs are selected for processing…"); its abstract says nothing of it.</summary>
    public const string BodyOnlyQuestion = "How many PDFs were selected for processing by the filtering criteria of S2ORC?";

    public const string BodyOnlyFact = "30.5M PDFs";

    public const int BodyOnlyPage = 3;

    public static string PaperId => PaperIdentity.FromTitle(PaperTitle);

    public RagAppHost App { get; } = new(localEmbeddings: true);

    public async Task InitializeAsync()
    {
        await App.StartAsync();
        var indexed = await App.Services.GetRequiredService<PaperIndexer>().IndexAsync([Path.Combine(TestRepository.PdfPapers, "2020.acl-main.447.pdf")]);
        if (indexed.Added != 1) throw new InvalidOperationException($"The S2ORC PDF was not indexed: {string.Join("; ", indexed.Errors.Select(error => error.Message))}");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
