using System.ClientModel;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace RagAssistant.Core.Orchestration.Writers;

/// <summary>
/// Keeps a language model from hanging or failing an answer. Each attempt must deliver its next piece of text within
/// <see cref="AssistantOptions.Timeout"/>; a transient failure before any text was shown is retried up to
/// <see cref="AssistantOptions.MaxRetries"/> times, waiting <see cref="AssistantOptions.RetryDelay"/> and twice as long
/// each time. When no attempt succeeds, the answer says why in one line and — with
/// <see cref="AssistantOptions.FallbackToExtractive"/> — continues with the extractive writer over the same sources.
/// Text already shown is never retracted: a model that fails mid-answer ends the answer with an error.
/// </summary>
public sealed class ResilientAnswerWriter(
    IAnswerWriter model,
    IAnswerWriter fallback,
    IOptions<AssistantOptions> options,
    ILogger<ResilientAnswerWriter>? logger = null) : IAnswerWriter
{
    private readonly ILogger _logger = logger ?? NullLogger<ResilientAnswerWriter>.Instance;

    /// <summary>The language-model writer this one guards.</summary>
    public IAnswerWriter Model => model;

    public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var attempts = Math.Max(0, settings.MaxRetries) + 1;
        Exception? failure = null;
        var tried = 0;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            tried = attempt;
            if (attempt > 1)
            {
                var delay = settings.RetryDelay * Math.Pow(2, attempt - 2);
                _logger.LogWarning("The language model failed ({Reason}); attempt {Attempt} of {Attempts} in {DelayMs} ms",
                    Describe(failure!), attempt, attempts, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(settings.Timeout);
            await using var fragments = model.WriteAsync(context, limit.Token).GetAsyncEnumerator(limit.Token);
            var shown = false;
            while (true)
            {
                var (more, error) = await MoveNextAsync(fragments, limit, settings.Timeout, cancellationToken);
                if (error is not null)
                {
                    if (shown) throw error;
                    failure = error;
                    break;
                }
                if (!more) yield break;
                limit.CancelAfter(settings.Timeout); // the limit is per piece of text, not for the whole answer
                shown = true;
                yield return fragments.Current;
            }
            if (!IsTransient(failure)) break;
        }

        _logger.LogWarning("The language model could not answer ({Reason}); {Action}",
            Describe(failure!), settings.FallbackToExtractive ? "answering from the abstracts instead" : "giving up");
        if (!settings.FallbackToExtractive) throw failure!;
        // One line that says what happened, then an answer the user can still check against the cited abstracts.
        yield return $"*The language model did not answer ({Describe(failure!)}; {tried} {(tried == 1 ? "attempt" : "attempts")}), so this answer quotes the abstracts instead.*\n\n";
        await foreach (var fragment in fallback.WriteAsync(context, cancellationToken)) yield return fragment;
    }

    private static async Task<(bool More, Exception? Error)> MoveNextAsync(
        IAsyncEnumerator<string> fragments, CancellationTokenSource limit, TimeSpan timeout, CancellationToken caller)
    {
        try
        {
            return (await fragments.MoveNextAsync(), null);
        }
        catch (Exception exception) when (!caller.IsCancellationRequested)
        {
            // Our own limit fired (the caller's token did not): the model was too slow, which is worth a retry.
            return (false, limit.IsCancellationRequested
                ? new TimeoutException($"no text within {timeout.TotalSeconds:0.#} s", exception)
                : exception);
        }
    }

    /// <summary>Worth another attempt: the model may answer next time. Bad requests and refused keys will not.</summary>
    private static bool IsTransient(Exception? exception) =>
        exception switch
        {
            null => false,
            TimeoutException or HttpRequestException => true,
            HttpOperationException { StatusCode: null } => true,
            HttpOperationException { StatusCode: { } status } => IsTransientStatus((int)status),
            ClientResultException { Status: var status } => status == 0 || IsTransientStatus(status),
            _ => IsTransient(exception.InnerException),
        };

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    private static string Describe(Exception exception) =>
        exception switch
        {
            TimeoutException timeout => timeout.Message,
            HttpOperationException { StatusCode: { } status } => $"the endpoint answered HTTP {(int)status}",
            ClientResultException { Status: > 0 and var status } => $"the endpoint answered HTTP {status}",
            HttpRequestException request => $"cannot reach the endpoint: {request.Message}",
            _ when exception.InnerException is HttpRequestException inner => $"cannot reach the endpoint: {inner.Message}",
            _ => exception.Message,
        };
}
