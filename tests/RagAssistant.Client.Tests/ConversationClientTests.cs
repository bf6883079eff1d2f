using RagAssistant.Contracts;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Client.Tests.Hosting;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Client.Tests;

/// <summary>
/// A REST follow-up, listed, read and deleted through <see cref="RagAssistantClient"/>, against the app with an API key:
/// the key's holder is one user, whose conversations these are, and another user's stay out of reach.
/// </summary>
[Collection(GuardedAppCollection.Name)]
public sealed class ConversationClientTests(GuardedApp app)
{
    [Fact]
    public async Task A_follow_up_by_conversation_id_is_kept_listed_read_and_deleted_for_the_key_holder_only()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);
        var id = "client-" + Guid.NewGuid().ToString("N")[..8];

        var first = await client.AskAsync(new AskRequest("neural networks for atmospheric CO2 transport", ConversationId: id));
        var followUp = await client.AskAsync(new AskRequest("And which of those conserve mass?", ConversationId: id));

        Assert.Equal(id, followUp.ConversationId);
        Assert.Contains("CO2", followUp.Query);
        var listed = await client.ListConversationsAsync();
        Assert.Equal(2, Assert.Single(listed.Conversations, c => c.ConversationId == id).Questions);
        var kept = await client.GetConversationAsync(id);
        Assert.Equal([first.Answer, followUp.Answer], kept!.Turns.Select(turn => turn.Answer));
        Assert.Equal(first.Citations.Select(c => c.PaperId), kept.Turns[0].Citations.Select(c => c.PaperId));

        // Kept under the key holder's name; a conversation of someone else's is not reachable with the key.
        var conversations = app.Host.Services.GetRequiredService<ConversationService>();
        Assert.NotNull(await conversations.FindAsync(ConversationOwner.User(RagAssistant.Web.Security.ApiKeyAuthentication.KeyHolderId), id));
        var exchange = new ChatExchange("Their question", Contracts.AnswerKind.Answer, "Their answer.", [], [], ExchangeOutcome.Answered, null, DateTimeOffset.UnixEpoch);
        await app.Host.Services.GetRequiredService<IConversationStore>().AppendAsync(
            ChatTranscript.Start("theirs-" + id, ConversationOwner.User("someone-else"), exchange.Question, DateTimeOffset.UnixEpoch), exchange, null);
        Assert.Null(await client.GetConversationAsync("theirs-" + id));
        Assert.False(await client.DeleteConversationAsync("theirs-" + id));

        Assert.True(await client.DeleteConversationAsync(id));
        Assert.Null(await client.GetConversationAsync(id));
        Assert.False(await client.DeleteConversationAsync(id));
    }
}
