using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RagAssistant.Client.Models;
using RagAssistant.Contracts;

namespace RagAssistant.Client;

/// <summary>
/// The RagAssistant REST API (<c>/api</c>) as typed calls. Failed requests throw <see cref="RagAssistantException"/>
/// with the server's problem details. Thread-safe; keep one per server.
/// </summary>
public sealed class RagAssistantClient : IDisposable
{
    /// <summary>The header the API key travels in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// Longer than HttpClient's 100 s default, because a whole answer from a language model on a CPU can take minutes;
    /// cancel through the token for anything shorter.
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly RagAssistantClientOptions _options;
    private readonly bool _ownsHttp;

    /// <summary>A client on an <see cref="HttpClient"/> you manage (e.g. from <c>IHttpClientFactory</c>).</summary>
    public RagAssistantClient(HttpClient http, RagAssistantClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        (_http, _options) = (http, options);
    }

    /// <summary>A client with its own <see cref="HttpClient"/>, disposed with it.</summary>
    public RagAssistantClient(RagAssistantClientOptions options)
        : this(new HttpClient { Timeout = AnswerTimeout }, options) => _ownsHttp = true;

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => _options.BaseAddress;

    /// <summary>Hybrid search over the indexed papers (<c>GET /api/search</c>).</summary>
    /// <param name="query">What to look for, in plain words.</param>
    /// <param name="top">How many papers, 1 to 100.</param>
    /// <param name="mode">How to rank; re-ranked by default.</param>
    /// <param name="from">Only papers dated on or after this day.</param>
    /// <param name="to">Only papers dated on or before this day.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SearchResponse> SearchAsync(
        string query, int top = 10, SearchMode mode = SearchMode.Reranked, DateOnly? from = null, DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>
        {
            "q=" + Uri.EscapeDataString(query ?? ""),
            "top=" + top.ToString(CultureInfo.InvariantCulture),
            "mode=" + mode.ToString().ToLowerInvariant(),
        };
        if (from is { } start) parameters.Add("from=" + start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (to is { } end) parameters.Add("to=" + end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var request = Request(HttpMethod.Get, "api/search?" + string.Join('&', parameters));
        return await SendAsync<SearchResponse>(request, cancellationToken);
    }

    /// <summary>One paper by id (<c>GET /api/papers/{id}</c>), or null when the index has no such paper.</summary>
    /// <param name="paperId">A <c>paper_id</c> from a search result or a citation.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<PaperDetails?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paperId);
        using var request = Request(HttpMethod.Get, "api/papers/" + Uri.EscapeDataString(paperId.Trim()));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<PaperDetails>(response, cancellationToken);
    }

    /// <summary>A whole cited answer (<c>POST /api/ask</c>).</summary>
    /// <param name="request">The question and its options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<AnswerResponse> AskAsync(AskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = Request(HttpMethod.Post, "api/ask");
        message.Content = JsonContent.Create(request, options: WireJson.Options);
        return await SendAsync<AnswerResponse>(message, cancellationToken);
    }

    /// <summary>
    /// The answer's events as the server writes them (<c>POST /api/ask/stream</c>, server-sent events), ending with a
    /// <see cref="DoneEvent"/> or an <see cref="ErrorEvent"/>. Stop enumerating, or cancel, to stop the answer.
    /// </summary>
    /// <param name="request">The question and its options.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public async IAsyncEnumerable<AnswerEvent> StreamAnswerAsync(AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = Request(HttpMethod.Post, "api/ask/stream");
        message.Content = JsonContent.Create(request, options: WireJson.Options);
        message.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<AnswerEvent>(item.Data, WireJson.Options) is { } answerEvent) yield return answerEvent;
        }
    }

    /// <summary>The state of the server's index (<c>GET /api/index/status</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IndexStatus> GetIndexStatusAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "api/index/status");
        return await SendAsync<IndexStatus>(request, cancellationToken);
    }

    /// <summary>Your conversations, most recent first (<c>GET /api/conversations</c>); another caller's are never listed.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ConversationList> ListConversationsAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "api/conversations");
        return await SendAsync<ConversationList>(request, cancellationToken);
    }

    /// <summary>One of your conversations with its turns (<c>GET /api/conversations/{id}</c>), or null when you have none of that id.</summary>
    /// <param name="conversationId">The id you asked with (<see cref="AskRequest.ConversationId"/>) or one from <see cref="ListConversationsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ConversationDetails?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        using var request = Request(HttpMethod.Get, "api/conversations/" + Uri.EscapeDataString(conversationId));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<ConversationDetails>(response, cancellationToken);
    }

    /// <summary>Deletes one of your conversations (<c>DELETE /api/conversations/{id}</c>); false when you had none of that id.</summary>
    /// <param name="conversationId">The conversation to delete.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<bool> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        using var request = Request(HttpMethod.Delete, "api/conversations/" + Uri.EscapeDataString(conversationId));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, _options.Resolve(path));
        if (!string.IsNullOrEmpty(_options.ApiKey)) request.Headers.Add(ApiKeyHeader, _options.ApiKey);
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken)
            ?? throw new RagAssistantException(response.StatusCode, "The server answered with an empty body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        ProblemDetails? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(WireJson.Options, cancellationToken);
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall back to the status line.
            }
        }
        var message = problem?.Detail ?? problem?.Title ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (problem?.Errors is { Count: > 0 } errors)
        {
            message = $"{problem.Title} {string.Join(" ", errors.Values.SelectMany(messages => messages))}".Trim();
        }
        throw new RagAssistantException(response.StatusCode, message, problem?.Errors);
    }
}
