using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Chat;

/// <summary>
/// The server's chat hub (<c>/hubs/chat</c>) over SignalR: streamed answers within a conversation, so follow-up
/// questions are understood in context. Connects on first use; the API key travels as a bearer token (SignalR
/// puts it in the <c>access_token</c> query where a transport cannot carry headers).
/// </summary>
public sealed class RagAssistantChatClient : IAsyncDisposable
{
    /// <summary>The hub's path on the server.</summary>
    public const string HubPath = "hubs/chat";

    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>Builds the connection; nothing is sent until the first question or <see cref="StartAsync"/>.</summary>
    /// <param name="options">The server and its API key.</param>
    /// <param name="configureConnection">Optional transport settings, e.g. a message handler or the transports allowed.</param>
    public RagAssistantChatClient(RagAssistantClientOptions options, Action<HttpConnectionOptions>? configureConnection = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Connection = new HubConnectionBuilder()
            .WithUrl(options.Resolve(HubPath), connection =>
            {
                if (!string.IsNullOrEmpty(options.ApiKey)) connection.AccessTokenProvider = () => Task.FromResult<string?>(options.ApiKey);
                configureConnection?.Invoke(connection);
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions = WireJson.Options)
            .WithAutomaticReconnect()
            .Build();
    }

    /// <summary>The underlying SignalR connection, for its state and its Closed/Reconnecting events.</summary>
    public HubConnection Connection { get; }

    /// <summary>A fresh id for a new conversation.</summary>
    public static string NewConversationId() => Guid.NewGuid().ToString("N");

    /// <summary>Connects, unless already connected or connecting.</summary>
    /// <param name="cancellationToken">Cancels connecting.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Two questions asked at once must not both try to start the connection.
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (Connection.State == HubConnectionState.Disconnected) await Connection.StartAsync(cancellationToken);
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>
    /// Asks within a conversation and streams the answer's events, ending with a <see cref="DoneEvent"/> or an
    /// <see cref="ErrorEvent"/>. Invalid input fails with a <c>HubException</c>; cancelling stops the answer on the server.
    /// </summary>
    /// <param name="conversationId">1 to 64 letters, digits, '-' or '_'; the same id continues a conversation.</param>
    /// <param name="question">What to ask.</param>
    /// <param name="options">Kind of answer and date limits, if any.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    public async IAsyncEnumerable<AnswerEvent> AskAsync(
        string conversationId, string question, ChatAskOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await foreach (var answerEvent in Connection.StreamAsync<AnswerEvent>("Ask", conversationId, question, options, cancellationToken))
        {
            yield return answerEvent;
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _starting.Dispose();
    }
}
