using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Contracts;
using RagAssistant.Web.Chat;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>The chat hub as an external client sees it: connect, ask, collect the events.</summary>
internal static class HubClient
{
    /// <summary>A guard against a hung stream, far above any answer here; not a performance check.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, string? accessToken = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, ChatHub.Path), options =>
            {
                if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public static async Task<List<AnswerEvent>> AskAsync(HubConnection connection, string conversationId, string question)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>("Ask", conversationId, question, null, guard.Token)) events.Add(answerEvent);
        return events;
    }
}
