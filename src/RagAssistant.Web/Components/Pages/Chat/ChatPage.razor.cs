using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using RagAssistant.Core.Conversations;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Asking;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Components.Pages.Chat;

/// <summary>
/// The chat: asks through the <see cref="ConversationService"/> (which keeps the conversation, so that a reload of
/// <c>/c/{id}</c> shows it again), reveals the answer as it arrives, and stops it on request (the token reaches the
/// orchestrator, so generation stops on the server). Rendering and pacing live here; persistence does not.
/// Conversations are the caller's (<see cref="PageCaller"/>): another owner's <c>/c/{id}</c> is "not found", and the
/// sidebar lists only the caller's own. Questions go through <see cref="AskHandler"/>, as on every other surface.
/// </summary>
public sealed partial class ChatPage
{
    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private PageCaller Caller { get; set; } = default!;
    [Inject] private AskHandler Asking { get; set; } = default!;
    [Inject] private StarterQuestions StarterQuestions { get; set; } = default!;
    [Inject] private IndexReadiness IndexReadiness { get; set; } = default!;
    [Inject] private IOptions<ChatUiOptions> UiOptions { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<ChatPage> Logger { get; set; } = default!;

    [Parameter] public string? ConversationId { get; set; }

    private readonly List<LiveExchange> _exchanges = [];
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ConversationSummary> _history = [];
    private IReadOnlyList<string> _starters = [];
    /// <summary>Null until the first question of a new chat; then the id the service keeps it under.</summary>
    private string? _conversationId;
    private string? _title;
    private CancellationTokenSource? _answering;
    private bool _parametersSet;
    private string? _shownConversationId;
    private SourceSelection? _panel;
    private ElementReference _messageList;
    private ChatInput? _input;
    private IJSObjectReference? _module;
    private bool _interactive;
    private bool _sidebarOpen;
    private bool _summaryMode;
    private string? _announcement;
    private bool _waitingForIndex;
    private string? _focusSource;
    /// <summary>The address named a conversation the caller does not have (never had, deleted, or someone else's).</summary>
    private bool _notFound;
    /// <summary>The conversation store cannot be reached (Redis down, with several nodes): kept conversations cannot be shown.</summary>
    private string? _unavailable;
    /// <summary>Why the last question was not asked (the caller's question limit), until the next one is.</summary>
    private string? _refusal;

    private bool IsStreaming => _exchanges.Count > 0 && _exchanges[^1].IsStreaming;

    private ConversationOwner? Owner => Caller.Current?.Owner;

    protected override async Task OnInitializedAsync()
    {
        _starters = await LoadStartersAsync();
        await RefreshHistoryAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var first = !_parametersSet;
        _parametersSet = true;
        // The page navigates to its own new address after the first answer; that is not a different conversation.
        if (ConversationId is not null && ConversationId == _conversationId)
        {
            _shownConversationId = ConversationId;
            return;
        }
        // Nothing to switch from: a question asked while the page was still loading (starters from a slow or
        // unreachable store) keeps its answer instead of being cancelled and cleared (found by the Qdrant fault tests).
        if (first ? ConversationId is null : ConversationId == _shownConversationId) return;
        _shownConversationId = ConversationId;
        if (IsStreaming) _answering?.Cancel();
        _exchanges.Clear();
        _panel = null;
        var transcript = ConversationId is null || Owner is not { } owner ? null : await KeptAsync(() => Conversations.FindAsync(owner, ConversationId, _disposed.Token));
        (_conversationId, _title) = (transcript?.Id, transcript?.Title);
        _notFound = ConversationId is not null && transcript is null && _unavailable is null;
        if (transcript is not null) _exchanges.AddRange(transcript.Exchanges.Select(LiveExchange.FromTranscript));
        _sidebarOpen = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Tests and people alike should not type into a page that is not yet listening.
            _interactive = true;
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/chat.js");
            await _module.InvokeVoidAsync("placeCitationTips", _messageList);
            if (!IndexReadiness.Ready) _ = WaitForIndexAsync();
            StateHasChanged();
            return;
        }
        if (_module is null) return;
        if (_focusSource is { } id)
        {
            _focusSource = null;
            await _module.InvokeVoidAsync("focusElement", id);
        }
        if (IsStreaming) await _module.InvokeVoidAsync("followAnswer", _messageList);
    }

    private async Task AskStarterAsync(string question)
    {
        await AskAsync(question);
    }

    private async Task AskAsync(string question)
    {
        if (IsStreaming || Caller.Current is not { } caller) return;
        var kind = _summaryMode ? AnswerKind.Summary : (AnswerKind?)null;
        var request = new AskRequest(question, kind, ConversationId: _conversationId ?? ConversationIds.New());
        // The same rules and limit as every other surface; the composer already stops at the length (maxlength), a
        // client sending more over the circuit is told so like anyone else.
        _refusal = (await Asking.RefusalAsync(request, caller, _disposed.Token))?.Message;
        if (_refusal is not null)
        {
            _announcement = _refusal;
            return;
        }
        question = QuestionText.Normalise(question);
        _notFound = false;
        var isFirst = _conversationId is null;
        _conversationId = request.ConversationId;
        _title ??= ChatTranscript.TitleFrom(question);
        var exchange = new LiveExchange(question, kind, Clock.GetUtcNow());
        _exchanges.Add(exchange);
        _announcement = "Answering…";
        using var answering = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _answering = answering;
        StateHasChanged();
        if (_module is not null) await _module.InvokeVoidAsync("scrollToEnd", _messageList);

        var reveal = RevealAsync(exchange, answering.Token);
        try
        {
            // Kept even when stopped or failed, so a reload shows what happened.
            await foreach (var answerEvent in Asking.AnswerAsync(request, caller, answering.Token, keepUnfinished: true))
            {
                exchange.Apply(answerEvent);
                if (answerEvent is TextDeltaEvent)
                {
                    // The first words show at once; the rest follows at the reveal pace.
                    if (!Paced) exchange.RevealAll();
                    else if (exchange.VisibleText.Length == 0) exchange.Reveal(UiOptions.Value.RevealWordsPerTick);
                }
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (answering.IsCancellationRequested)
        {
            exchange.Stop();
        }
        catch (Exception exception)
        {
            // The exception's text may show the app's internals: the reader gets a reference to it in the log.
            var reference = ErrorReference.Current();
            Logger.LogError(exception, "The answer stream failed (reference {Reference})", reference);
            exchange.Fail(ErrorReference.Sentence("The answer", reference));
        }
        await reveal;
        // Stopped while the last words were still being revealed: what is shown is what stays.
        if (exchange.IsStreaming) exchange.Stop();
        _answering = null;
        _announcement = exchange.Outcome switch
        {
            ExchangeOutcome.Answered => "Answer complete.",
            ExchangeOutcome.Stopped => "Answer stopped.",
            _ => "The answer failed.",
        };
        await RefreshHistoryAsync();
        if (isFirst && !_disposed.IsCancellationRequested)
        {
            // The address now names the conversation, so a reload comes back to it.
            Navigation.NavigateTo($"c/{_conversationId}", new NavigationOptions { ReplaceHistoryEntry = true });
        }
        if (!_disposed.IsCancellationRequested) StateHasChanged();
    }

    private bool Paced => UiOptions.Value.RevealInterval > TimeSpan.Zero;

    /// <summary>Reveals received text a few words per tick until the answer has ended and is all shown, or is stopped.</summary>
    private async Task RevealAsync(LiveExchange exchange, CancellationToken cancellationToken)
    {
        if (!Paced) return;
        using var timer = new PeriodicTimer(UiOptions.Value.RevealInterval);
        try
        {
            while (exchange.IsStreaming && await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (exchange.Reveal(UiOptions.Value.RevealWordsPerTick)) StateHasChanged();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Stop()
    {
        _answering?.Cancel();
        if (_input is not null) _ = _input.FocusAsync();
    }

    private void NewChat()
    {
        if (IsStreaming) return;
        _sidebarOpen = false;
        // A new chat starts as the page first opens: with direct answers, whatever the last chat asked for.
        _summaryMode = false;
        if (ConversationId is null)
        {
            (_conversationId, _title) = (null, null);
            _exchanges.Clear();
            _panel = null;
        }
        else
        {
            Navigation.NavigateTo("");
        }
        if (_input is not null) _ = _input.FocusAsync();
    }

    /// <summary>Deletes a conversation from the sidebar; deleting the one on screen starts a new chat.</summary>
    private async Task DeleteAsync(string id)
    {
        var onScreen = id == _conversationId;
        if ((onScreen && IsStreaming) || Owner is not { } owner) return;
        if (await KeptAsync<object>(async () => await Conversations.DeleteAsync(owner, id, CancellationToken.None)) is null) return;
        await RefreshHistoryAsync();
        if (onScreen)
        {
            (_conversationId, _title) = (null, null);
            _exchanges.Clear();
            _panel = null;
            if (ConversationId is not null) Navigation.NavigateTo("", new NavigationOptions { ReplaceHistoryEntry = true });
        }
        _announcement = "Conversation deleted.";
    }

    private void OpenSource(LiveExchange exchange, int n)
    {
        _panel = new SourceSelection(exchange, n);
        // Focus moves once the panel is in the page, which is after this render.
        _focusSource = $"source-{n}";
    }

    private void ClosePanel() => _panel = null;

    private void OnKeyDown(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            if (_panel is not null) _panel = null;
            else if (_sidebarOpen) _sidebarOpen = false;
        }
    }

    private async Task CopyAsync(LiveExchange exchange)
    {
        if (_module is null) return;
        var copied = await _module.InvokeAsync<bool>("copyText", SummaryMarkdown.Build(exchange.Question, exchange.VisibleText, exchange.Sources));
        _announcement = copied ? "Summary copied as Markdown." : "Copying is not allowed here; use Download .md.";
    }

    private async Task DownloadAsync(LiveExchange exchange)
    {
        if (_module is null) return;
        await _module.InvokeVoidAsync("downloadText", SummaryMarkdown.FileName(exchange.Question),
            SummaryMarkdown.Build(exchange.Question, exchange.VisibleText, exchange.Sources));
        _announcement = "Summary downloaded.";
    }

    /// <summary>The cited papers of an answer or summary as a .bib file (the same entries as the REST answer's <c>bibtex</c> field).</summary>
    private async Task DownloadBibTexAsync(LiveExchange exchange)
    {
        if (_module is null || exchange.CitedSources.Count == 0) return;
        await _module.InvokeVoidAsync("downloadText", Path.ChangeExtension(SummaryMarkdown.FileName(exchange.Question), ".bib"),
            BibTex.Format(exchange.CitedSources), "application/x-bibtex;charset=utf-8");
        _announcement = "References downloaded as BibTeX.";
    }

    private async Task RefreshHistoryAsync()
    {
        if (Owner is not { } owner || _disposed.IsCancellationRequested) return;
        _history = await KeptAsync(() => Conversations.ListAsync(owner, CancellationToken.None)) ?? _history;
    }

    /// <summary>Reads kept conversations; when their store is unreachable, says so on the page instead of failing the circuit.</summary>
    private async Task<T?> KeptAsync<T>(Func<Task<T>> read)
    {
        try
        {
            var kept = await read();
            _unavailable = null;
            return kept;
        }
        catch (ConversationStoreUnavailableException exception)
        {
            Logger.LogWarning("Kept conversations cannot be read: {Message}", exception.Message);
            _unavailable = "Your conversations cannot be shown right now: the server keeping them is unreachable. Try again in a moment.";
            return default;
        }
    }

    private async Task<IReadOnlyList<string>> LoadStartersAsync()
    {
        if (!IndexReadiness.Ready || IndexReadiness.Problem is not null) return [];
        try
        {
            return await StarterQuestions.SuggestAsync(UiOptions.Value.StarterQuestions, _disposed.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Suggestions are a convenience; a store hiccup must not break the page.
            Logger.LogWarning("No starter questions: {Message}", exception.Message);
            return [];
        }
    }

    /// <summary>While the sample papers are being indexed, the page checks back until it can offer questions.</summary>
    private async Task WaitForIndexAsync()
    {
        if (_waitingForIndex) return;
        _waitingForIndex = true;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (!IndexReadiness.Ready && IndexReadiness.Problem is null && await timer.WaitForNextTickAsync(_disposed.Token))
            {
            }
            _starters = await LoadStartersAsync();
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A closed tab or a reload stops the answer on the server too.
        // Not disposed: an answer still unwinding links to its token.
        await _disposed.CancelAsync();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private sealed record SourceSelection(LiveExchange Exchange, int N);
}
