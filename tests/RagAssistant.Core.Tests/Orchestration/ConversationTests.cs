using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Tests.Orchestration;

[Collection(SampleCorpusCollection.Name)]
public sealed class ConversationTests(SampleCorpusFixture corpus)
{
    [Fact]
    public async Task A_follow_up_is_condensed_with_the_previous_question_and_finds_the_same_subject()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        const string question = "Which papers emulate CO2 transport with neural nets?";

        var first = await AnswerRun.AskAsync(orchestrator, new AnswerRequest(question));
        var followUp = await AnswerRun.AskAsync(orchestrator, new AnswerRequest("And which of those conserve mass?", [first.Turn(question)]));

        Assert.Contains("Atmospheric Transport Modeling of CO$_2$ with Neural Networks", first.CitedTitles);
        Assert.Contains("conserve mass", followUp.Sources.Query);
        Assert.Contains("CO2 transport", followUp.Sources.Query);
        Assert.Contains("Atmospheric Transport Modeling of CO$_2$ with Neural Networks", followUp.CitedTitles);
        Assert.Contains("mass", followUp.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first.Sources.Query, first.Turn(question).Query);
        Assert.Contains(first.Turn(question).CitedPaperIds, id => first.Sources.Sources.Any(source => source.PaperId == id));
    }

    [Theory]
    [InlineData("and which of those conserve mass?", true)]
    [InlineData("What about their training cost?", true)]
    [InlineData("more?", true)]
    [InlineData("Which papers use Kolmogorov-Arnold networks for time series?", false)]
    public void The_rule_recognises_follow_ups(string question, bool followUp) =>
        Assert.Equal(followUp, RuleBasedFollowUpCondenser.IsFollowUp(question));

    [Fact]
    public async Task A_new_question_in_a_conversation_is_not_mixed_with_the_old_one()
    {
        var history = new[] { new ConversationTurn("Which papers emulate CO2 transport?", "emulate CO2 transport", "…", []) };
        var query = await new RuleBasedFollowUpCondenser().CondenseAsync("Which papers use Kolmogorov-Arnold networks for time series?", history);
        Assert.Equal("Which papers use Kolmogorov-Arnold networks for time series?", query);
    }
}
