using Microsoft.Extensions.Logging.Abstractions;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Papers;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Tests.Chat;

public sealed class ChatModelTests
{
    [Fact]
    public void Revealing_advances_a_few_words_at_a_time_and_catches_up_with_a_backlog()
    {
        var exchange = new LiveExchange("q", null, DateTimeOffset.UnixEpoch);
        exchange.Apply(new TextDeltaEvent("one two three four five"));

        Assert.True(exchange.Reveal(2));
        Assert.Equal("one two", exchange.VisibleText);
        Assert.True(exchange.Reveal(2));
        Assert.Equal("one two three four", exchange.VisibleText);
        exchange.Apply(new TextDeltaEvent(string.Concat(Enumerable.Repeat(" word", 120))));
        exchange.Reveal(2);
        // 121 words behind: a twelfth of the backlog per tick, not two.
        Assert.Equal(4 + 11, exchange.VisibleText.Split(' ').Length);
        Assert.True(exchange.IsStreaming);

        exchange.Stop();
        Assert.False(exchange.IsStreaming);
        Assert.Equal(ExchangeOutcome.Stopped, exchange.Outcome);
    }

    [Fact]
    public void A_chip_takes_the_check_of_its_own_occurrence()
    {
        var exchange = new LiveExchange("q", null, DateTimeOffset.UnixEpoch);
        exchange.Apply(new CitationEvent(1, "p", "first", true, "ok"));
        exchange.Apply(new CitationEvent(1, "p", "second", false, "no"));

        Assert.Equal("first", exchange.CitationFor(1, 0)?.Sentence);
        Assert.Equal("second", exchange.CitationFor(1, 1)?.Sentence);
        Assert.Null(exchange.CitationFor(1, 2));
        exchange.Apply(new DoneEvent("", true, 0, 1, new AnswerTimings(0, 0, 0)));
        Assert.Equal("second", exchange.CitationFor(1, 2)?.Sentence);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\boot.ini")]
    [InlineData("/etc/papers.txt")]
    [InlineData("sub/papers.txt")]
    [InlineData("C:papers.txt")]
    [InlineData("..")]
    [InlineData(".hidden.txt")]
    [InlineData("papers\u0000.txt")]
    [InlineData("papers.exe")]
    [InlineData("")]
    [InlineData("invoice\u202Etxt.jsonl")] // shows as "invoicelnosj.txt"
    [InlineData("papers\u2067.txt")]
    [InlineData("\u200Fpapers.txt")]
    public void Upload_names_that_are_not_plain_file_names_of_paper_files_are_refused(string name)
    {
        Assert.NotNull(RagAssistant.Web.Papers.UploadFileName.Problem(name));
    }

    [Theory]
    [InlineData("daily-papers-2024-09-06.txt")]
    [InlineData("my papers.jsonl")]
    [InlineData("export.NDJSON")]
    [InlineData("מאמרים.txt")] // right-to-left letters are a name; only the controls that reorder one are refused
    [InlineData("论文.jsonl")]
    public void Plain_paper_file_names_are_accepted(string name)
    {
        Assert.Null(RagAssistant.Web.Papers.UploadFileName.Problem(name));
    }

    [Fact]
    public void The_summary_document_replaces_the_writers_reference_list_with_a_full_one()
    {
        AnswerSource[] sources =
        [
            new(1, "a", "Paper *A* [v2]", new DateOnly(2024, 1, 2), 1, "https://example.org/a", "abstract", 0.9),
            new(2, "b", "Paper B", null, null, null, "abstract", 0.8),
        ];

        var markdown = SummaryMarkdown.Build("Summarise X", "**Theme**\n- claim [1]\n- other [2]\n\nReferences\n[1] Paper A\n[2] Paper B\n", sources);

        Assert.Equal(
            "# Summarise X\n\n**Theme**\n- claim [1]\n- other [2]\n\n## References\n\n" +
            "[1] Paper \\*A\\* \\[v2\\] (2024-01-02, 1 author). <https://example.org/a>  \n[2] Paper B  \n",
            markdown.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Cited_sentences_are_found_in_the_abstract_when_quoted_or_closely_paraphrased()
    {
        const string abstractText = "Deep networks predict weather well. We build the CarbonBench dataset for tracer transport. Results hold for six months.";

        var marked = CitedSentenceHighlighter.Mark(abstractText, ["We build the CarbonBench dataset for tracer transport", "results hold for six months of transport"]);

        Assert.Equal([false, true, true], marked.Select(sentence => sentence.Cited));
    }

    [Fact]
    public async Task Conversations_survive_a_new_store_and_are_listed_per_session()
    {
        var dataDir = Directory.CreateTempSubdirectory("rag-store-").FullName;
        try
        {
            FileConversationStore Open() => new(dataDir, new ConversationOptions(), TimeProvider.System, NullLogger<FileConversationStore>.Instance);
            var store = Open();
            var turn = new ConversationTurn("What is X?", "X", "X is a thing [1].", ["p1"]);
            var exchange = new ChatExchange("What is X?", AnswerKind.Summary, "X is a thing [1].",
                [new AnswerSource(1, "p1", "Paper", new DateOnly(2024, 5, 6), 3, null, "Abstract.", 0.5)],
                [new CitationEvent(1, "p1", "X is a thing.", false, "not supported: 10%")], ExchangeOutcome.Answered, null, DateTimeOffset.UnixEpoch);
            var (a, b) = (ConversationOwner.Session("session-a"), ConversationOwner.Session("session-b"));
            await store.AppendAsync(ChatTranscript.Start("c1", a, "What is X?", DateTimeOffset.UnixEpoch), exchange, turn);
            await store.AppendAsync(ChatTranscript.Start("c2", b, "Other", DateTimeOffset.UnixEpoch), exchange, null);

            var reopened = Open();
            Assert.Equal("c1", Assert.Single(await reopened.ListAsync(a)).Id);
            var listed = (await reopened.FindAsync(a, "c1"))!;
            Assert.Equal("c1", listed.Id);
            Assert.Equal(exchange with { Sources = listed.Exchanges[0].Sources, Citations = listed.Exchanges[0].Citations }, listed.Exchanges[0]);
            Assert.Equal(exchange.Sources, listed.Exchanges[0].Sources);
            Assert.Equal(exchange.Citations, listed.Exchanges[0].Citations);
            Assert.Equal("X", Assert.Single(listed.RecentTurns(6)).Query);
            Assert.Null(await reopened.FindAsync(a, "../c1"));
            await Assert.ThrowsAsync<ArgumentException>(() => reopened.AppendAsync(ChatTranscript.Start("../evil", a, "q", DateTimeOffset.UnixEpoch), exchange, null));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void Starter_questions_name_papers_and_end_with_a_summary_of_the_common_topic()
    {
        Paper Paper(string id, string title, int upvotes) =>
            new(id, title, "abstract", new DateOnly(2024, 1, 1), 3, upvotes, null, new SourceLocation("f.txt", 1));
        Paper[] papers =
        [
            Paper("1", "Sapiens: Foundation for Human Vision Models", 50),
            Paper("2", "Scaling Language Models with Less Data", 20),
            Paper("3", "Language Models as Judges", 10),
            Paper("4", "Atmospheric Transport Modeling of CO$_2$ with Neural Networks", 5),
        ];

        var questions = StarterQuestions.Compose(papers, 4);

        Assert.Equal(
        [
            "What is Sapiens, and what does it contribute?",
            "What is known about Scaling Language Models with Less Data?",
            "What is known about Language Models as Judges?",
            "Summarise what the papers say about language models",
        ], questions);
    }
}
