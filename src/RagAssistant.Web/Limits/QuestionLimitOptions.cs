namespace RagAssistant.Web.Limits;

/// <summary>
/// The <c>QuestionLimits</c> configuration section: how many questions one user (or, when the app is open, one client
/// address) may ask per window, counted together over the chat page, hub <c>Ask</c> calls, <c>POST /api/ask</c> and
/// the MCP answer tools — an answer costs seconds of CPU, a plain request does not.
/// </summary>
public sealed class QuestionLimitOptions
{
    public const string Section = "QuestionLimits";

    /// <summary>Questions per caller per <see cref="Window"/>; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 30;

    /// <summary>The fixed window the questions are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
