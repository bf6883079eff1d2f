using System.Text.Json;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Reads a conversation's lines (<see cref="ConversationLines"/>), oldest first, into its transcript: the latest
/// exchanges and turns, and every question asked. A pending question settled by a later exchange or withdrawal is
/// gone; one still open is an interrupted exchange, unless <paramref name="inFlight"/> says this process is answering it
/// now. A line that does not parse (cut short by a crash, damaged by hand) is skipped and reported to
/// <paramref name="skipped"/>; a damaged first line makes the whole conversation unreadable.
/// </summary>
public sealed class ConversationReplay(int keepExchanges, int keepTurns, Func<PendingQuestion, bool> inFlight, Action<int, string> skipped)
{
    private readonly LinkedList<(ChatExchange? Exchange, PendingQuestion? Pending)> _items = new();
    private readonly Dictionary<(string, DateTimeOffset), LinkedListNode<(ChatExchange? Exchange, PendingQuestion? Pending)>> _open = [];
    private readonly Queue<ConversationTurn> _turns = new();
    private ConversationHeader? _header;
    private bool _unreadable;
    private int _exchanges;
    private int _exchangesHeld;
    private int _number;

    /// <summary>Takes in the next line.</summary>
    public void Add(string line)
    {
        _number++;
        if (line.Length == 0 || _unreadable) return;
        try
        {
            if (_header is null)
            {
                _header = ConversationLines.ReadHeader(line);
                _unreadable = _header is null;
                return;
            }
            if (ConversationLines.ReadLine(line) is not { } read) return;
            if (read.Pending is { } pending) Open(pending);
            else if (read.Withdrawn is { } withdrawn) Settle(withdrawn.Question, withdrawn.AskedAt);
            else if (read.Exchange is { } exchange) Keep(exchange, read.Turn);
        }
        catch (JsonException exception)
        {
            skipped(_number, exception.Message);
            if (_header is null) _unreadable = true;
        }
    }

    /// <summary>
    /// The conversation, or null when it is unreadable or holds no exchange yet; <paramref name="updated"/> is when it
    /// was last written. Questions counts every exchange, interrupted ones included.
    /// </summary>
    public (ChatTranscript? Transcript, int Questions) Build(DateTimeOffset updated)
    {
        if (_header is null || _unreadable) return (null, 0);
        var exchanges = _items
            .Select(item => item.Exchange ?? (inFlight(item.Pending!) ? null : ChatExchange.Interrupted(item.Pending!)))
            .OfType<ChatExchange>()
            .TakeLast(keepExchanges)
            .ToList();
        var questions = _exchanges + _open.Values.Count(node => !inFlight(node.Value.Pending!));
        if (exchanges.Count == 0) return (null, 0);
        return (new ChatTranscript(_header.Id, _header.OwnerOf(), _header.Title, _header.Created, updated, exchanges, [.. _turns]), questions);
    }

    private void Open(PendingQuestion pending)
    {
        _open[(pending.Question, pending.AskedAt)] = _items.AddLast((null, pending));
    }

    private void Keep(ChatExchange exchange, ConversationTurn? turn)
    {
        Settle(exchange.Question, exchange.AskedAt);
        _exchanges++;
        _items.AddLast((exchange, null));
        if (++_exchangesHeld > keepExchanges) DropOldestExchange();
        if (turn is null) return;
        _turns.Enqueue(turn);
        if (_turns.Count > Math.Max(keepExchanges, keepTurns)) _turns.Dequeue();
    }

    private void Settle(string question, DateTimeOffset askedAt)
    {
        if (_open.Remove((question, askedAt), out var node)) _items.Remove(node);
    }

    /// <summary>Older exchanges leave memory. Open questions stay, to be settled by a later line: they are few (interrupted ones).</summary>
    private void DropOldestExchange()
    {
        var node = _items.First!;
        while (node.Value.Exchange is null) node = node.Next!;
        _items.Remove(node);
        _exchangesHeld--;
    }
}
