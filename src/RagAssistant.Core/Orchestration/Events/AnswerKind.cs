using System.Text.Json.Serialization;

namespace RagAssistant.Core.Orchestration.Events;

/// <summary>A direct answer to a question, or a literature summary grouped by theme.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerKind>))]
public enum AnswerKind
{
    [JsonStringEnumMemberName("answer")] Answer,
    [JsonStringEnumMemberName("summary")] Summary,
}
