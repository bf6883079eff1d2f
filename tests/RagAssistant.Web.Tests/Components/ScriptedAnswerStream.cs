using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Web.Tests.Components;

/// <summary>An answer stream the test feeds event by event, so it can look at the page between two events.</summary>
public sealed class ScriptedAnswerStream : IAnswerStream
{
    private readonly Channel<AnswerEvent> _events = Channel.CreateUnbounded<AnswerEvent>();

    private readonly TaskCompletionSource<AnswerRequest> _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnswerRequest? Request { get; private set; }

    /// <summary>
    /// The first request, once it arrives. The conversation service records the question before asking, so the request
    /// may come after the page's last render: wait on this, not on a render.
    /// </summary>
    public Task<AnswerRequest> Asked => _asked.Task;

    /// <summary>The token the page passed with its question.</summary>
    public CancellationToken Token { get; private set; }

    public void Send(AnswerEvent answerEvent) => _events.Writer.TryWrite(answerEvent);

    public async IAsyncEnumerable<AnswerEvent> AskAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Request = request;
        _asked.TrySetResult(request);
        Token = cancellationToken;
        while (await _events.Reader.WaitToReadAsync(cancellationToken))
        {
            var answerEvent = await _events.Reader.ReadAsync(cancellationToken);
            yield return answerEvent;
            if (answerEvent is DoneEvent or ErrorEvent) yield break;
        }
    }
}
