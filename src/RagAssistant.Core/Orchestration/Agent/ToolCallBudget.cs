using System.Diagnostics;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace RagAssistant.Core.Orchestration.Agent;

/// <summary>
/// The limits of one agent-mode answer, as a Semantic Kernel auto-invocation filter: at most <paramref name="maxCalls"/>
/// tool calls, and none that would start after <paramref name="timeBudget"/>. The call over the limit is not made: the
/// model's tool loop is terminated and <see cref="StopReason"/> says why, so the answer is written from what was found.
/// </summary>
public sealed class ToolCallBudget(int maxCalls, TimeSpan timeBudget) : IAutoFunctionInvocationFilter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Tool calls made so far.</summary>
    public int Calls { get; private set; }

    /// <summary>Why the model was stopped, in words for the one-line notice; null while it was not.</summary>
    public string? StopReason { get; private set; }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        StopReason ??= Calls >= maxCalls ? $"the limit of {maxCalls} tool calls"
            : _clock.Elapsed >= timeBudget ? $"the time budget of {timeBudget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
            : null;
        if (StopReason is not null)
        {
            context.Result = new FunctionResult(context.Function, $"Not called: {StopReason} was reached.");
            context.Terminate = true;
            return;
        }
        Calls++;
        await next(context);
    }
}
