using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>A direct answer to a question, or a literature summary grouped by theme.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerKind>))]
public enum AnswerKind
{
    /// <summary>A direct answer to the question.</summary>
    [JsonStringEnumMemberName("answer")] Answer,

    /// <summary>A literature summary of the topic, grouped by theme.</summary>
    [JsonStringEnumMemberName("summary")] Summary,
}
