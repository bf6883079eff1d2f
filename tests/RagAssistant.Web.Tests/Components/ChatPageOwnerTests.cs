using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Contracts;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Components.Pages.Chat;

namespace RagAssistant.Web.Tests.Components;

/// <summary>The page's side of owned conversations and of the question limit: what another browser sees, and a refusal.</summary>
public sealed class ChatPageOwnerTests : ChatPageContext
{
    private static readonly ConversationOwner OtherBrowser = ConversationOwner.Session("someone-else");

    private async Task<string> KeepOthersConversationAsync()
    {
        var exchange = new ChatExchange("Their private question about CarbonBench", AnswerKind.Answer, "Their answer [1].", TwoSources,
            [new CitationEvent(1, "paper-co2", "Their answer.", true, "supported")], ExchangeOutcome.Answered, null, DateTimeOffset.UnixEpoch);
        await Services.GetRequiredService<IConversationStore>().AppendAsync(
            ChatTranscript.Start("theirs", OtherBrowser, exchange.Question, DateTimeOffset.UnixEpoch), exchange, null);
        return "theirs";
    }

    [Fact]
    public async Task Another_browsers_conversation_address_is_not_found_and_is_not_listed()
    {
        var id = await KeepOthersConversationAsync();

        var page = Render<ChatPage>(parameters => parameters.Add(p => p.ConversationId, id));

        page.WaitForAssertion(() => Assert.Contains("Conversation not found", page.Find(".conversation-not-found").TextContent));
        Assert.DoesNotContain("Their private question", page.Markup);
        Assert.DoesNotContain("Their answer", page.Markup);
        Assert.Empty(page.FindAll(".conversation-link"));
        Assert.Equal("New chat", page.Find("#chat-heading").TextContent);

        // Asking there starts a conversation of this browser's own; theirs is untouched.
        await AskAsync(page, "What is CarbonBench?");
        Answers.Send(new SourcesEvent("CarbonBench", AnswerKind.Answer, TwoSources));
        Answers.Send(new DoneEvent("A benchmark [1].", true, 0, 0, new AnswerTimings(1, 2, 3)));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        Assert.Contains("What is CarbonBench?", page.Find(".conversation-link").TextContent);
        Assert.Single((await Services.GetRequiredService<ConversationService>().FindAsync(OtherBrowser, id))!.Exchanges);
    }

    [Fact]
    public async Task The_sidebar_lists_only_the_browsers_own_conversations_and_its_own_reopen()
    {
        await KeepOthersConversationAsync();
        var page = RenderChat();
        await AskAsync(page, "What is CarbonBench?");
        Answers.Send(new SourcesEvent("CarbonBench", AnswerKind.Answer, TwoSources));
        Answers.Send(new DoneEvent("A benchmark [1].", true, 0, 0, new AnswerTimings(1, 2, 3)));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        Assert.DoesNotContain("Their private question", page.Find(".sidebar").TextContent);
        var own = page.Find(".conversation-link").GetAttribute("href")!["c/".Length..];
        var reopened = Render<ChatPage>(parameters => parameters.Add(p => p.ConversationId, own));
        reopened.WaitForAssertion(() => Assert.Equal("What is CarbonBench?", reopened.Find(".question-text").TextContent));
        Assert.Empty(reopened.FindAll(".conversation-not-found"));
    }

    [Fact]
    public async Task A_question_over_the_limit_is_refused_with_the_limit_named_and_nothing_is_asked()
    {
        QuestionLimits.PermitLimit = 1;
        QuestionLimits.Window = TimeSpan.FromHours(1);
        var page = RenderChat();
        await AskAsync(page, "What is CarbonBench?");
        Answers.Send(new SourcesEvent("CarbonBench", AnswerKind.Answer, TwoSources));
        Answers.Send(new DoneEvent("A benchmark [1].", true, 0, 0, new AnswerTimings(1, 2, 3)));
        page.WaitForAssertion(() => Assert.Equal("answered", page.Find("article.answer").GetAttribute("data-outcome")));

        await AskAsync(page, "And which papers use it?");

        page.WaitForAssertion(() => Assert.Contains("Too many questions: at most 1 per 3600 s", page.Find(".question-refused").TextContent));
        Assert.Contains("QuestionLimits:PermitLimit", page.Find(".question-refused").TextContent);
        Assert.Single(page.FindAll("article.answer"));
        Assert.Equal("What is CarbonBench?", Answers.Request?.Question);
    }
}
