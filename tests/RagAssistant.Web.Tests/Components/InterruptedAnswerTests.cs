using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Components.Pages.Chat;

namespace RagAssistant.Web.Tests.Components;

/// <summary>What the page shows of a question whose server stopped while answering it.</summary>
public sealed class InterruptedAnswerTests : ChatPageContext
{
    [Fact]
    public async Task A_question_left_pending_by_a_stopped_server_reloads_as_interrupted_with_a_notice()
    {
        // Another process over the same data directory starts answering, and stops before the answer ends.
        var stopped = new FileConversationStore(Path.Combine(DataDir, FileConversationStore.FolderName), new ConversationOptions(), TimeProvider.System,
            NullLogger<FileConversationStore>.Instance);
        var asked = DateTimeOffset.UtcNow;
        await stopped.BeginAsync(ChatTranscript.Start("lost", Caller.Current!.Owner, "What is CarbonBench?", asked), new PendingQuestion("What is CarbonBench?", asked));

        var page = Render<ChatPage>(parameters => parameters.Add(p => p.ConversationId, "lost"));

        page.WaitForAssertion(() => Assert.Equal("What is CarbonBench?", page.Find(".question-text").TextContent));
        Assert.Equal("interrupted", page.Find("article.answer").GetAttribute("data-outcome"));
        Assert.Contains("This answer was interrupted: the server answering it stopped. Ask again.", page.Find(".answer-note").TextContent);
        Assert.Empty(page.FindAll(".conversation-not-found"));
        Assert.Contains("What is CarbonBench?", page.Find(".conversation-link").TextContent);
    }
}
