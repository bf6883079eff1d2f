using RagAssistant.Contracts;

namespace RagAssistant.Core.Tests.References;

/// <summary>The reference list an answer exports: keys a writer can rely on, and text that survives BibTeX whatever the title holds.</summary>
public sealed class BibTexTests
{
    private static AnswerSource Paper(string title, IReadOnlyList<string>? authors = null, DateOnly? date = null, string? url = null, int n = 1) =>
        new(n, $"paper-{n}", title, date, authors?.Count, url, "An abstract.", 0.5, Authors: authors);

    [Fact]
    public void Every_title_author_and_link_reads_back_exactly_through_a_strict_grammar()
    {
        var hostile = Paper(
            @"50% of {LLM} answers & $x_i$ #1 ~ ^ back\slash: Über die Méthode",
            ["Kyle Lo", "José Ñúñez-García", "Plato"],
            new DateOnly(2020, 5, 2),
            "https://example.org/paper?id=7&x=a_b#sec~1%20");
        var arxiv = Paper("S2ORC: The Semantic Scholar Open Research Corpus", ["Kyle Lo", "Lucy Lu Wang"], new DateOnly(2020, 7, 1), "https://arxiv.org/abs/1911.02782v3", n: 2);
        var bare = Paper("The {Unknown} Paper", n: 3);

        var entries = BibTexGrammar.Parse(BibTex.Format([hostile, arxiv, bare]));

        Assert.Equal(3, entries.Count);
        Assert.All(entries, entry => Assert.Equal("misc", entry.Type));
        Assert.Equal(hostile.Title, entries[0].Fields["title"]);
        Assert.Equal("Lo, Kyle and Ñúñez-García, José and Plato", entries[0].Fields["author"]);
        Assert.Equal("2020", entries[0].Fields["year"]);
        Assert.Equal(hostile.Url, entries[0].Fields["url"]);
        Assert.False(entries[0].Fields.ContainsKey("eprint"));
        Assert.Equal(("1911.02782", "arXiv", arxiv.Url), (entries[1].Fields["eprint"], entries[1].Fields["archivePrefix"], entries[1].Fields["url"]));
        Assert.Equal("Lo, Kyle and Wang, Lucy Lu", entries[1].Fields["author"]);
        Assert.Equal(["title"], entries[2].Fields.Keys);
        Assert.Equal(bare.Title, entries[2].Fields["title"]);
    }

    [Fact]
    public void Keys_are_first_author_year_and_first_telling_word_the_same_in_every_answer_and_unique_in_one()
    {
        var s2orc = Paper("S2ORC: The Semantic Scholar Open Research Corpus", ["Kyle Lo"], new DateOnly(2020, 7, 1));
        var accented = Paper("On the Évaluation of Parsers", ["Michael Färber"], new DateOnly(2019, 1, 1), n: 2);
        var anonymous = Paper("A Survey", n: 3);
        var sameKey = Paper("S2ORC again, a second paper", ["Anna Lo"], new DateOnly(2020, 1, 1), n: 4);

        var keys = BibTexGrammar.Parse(BibTex.Format([s2orc, accented, anonymous, sameKey])).Select(entry => entry.Key);

        Assert.Equal(["lo2020s2orc", "farber2019evaluation", "anonndsurvey", "lo2020s2orcb"], keys);
        Assert.Equal("lo2020s2orc", BibTexGrammar.Parse(BibTex.Format([s2orc])).Single().Key);
    }

    [Fact]
    public void An_answer_exports_the_papers_it_cites_and_only_those()
    {
        var answer = new AnswerAccumulator();
        answer.Add(new SourcesEvent("q", AnswerKind.Answer, [Paper("Cited Paper", ["Ada Lovelace"], new DateOnly(1843, 1, 1)), Paper("Uncited Paper", n: 2)]));
        answer.Add(new TextDeltaEvent("It computes [1]."));
        answer.Add(new CitationEvent(1, "paper-1", "It computes [1].", true, "quoted", CitationVerdicts.Quoted));
        answer.Add(new DoneEvent("It computes [1].", true, 0, 0, new AnswerTimings(1, 1, 1)));

        var exported = BibTexGrammar.Parse(answer.ToResponse().Bibtex!);

        Assert.Equal("lovelace1843cited", Assert.Single(exported).Key);
    }
}
