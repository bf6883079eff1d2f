namespace RagAssistant.Core.Tests.Conversations;

/// <summary>A clock the test moves by hand, for what happens after a conversation has been idle.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
