using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Text;

/// <summary>
/// An abstract's own reference markers ("as shown in [3]", "[4, 7]", "[2–5]") point into that paper's
/// bibliography, not at this answer's sources; quoted as they are, they would read as citations of other
/// papers. They are taken out of every sentence an answer quotes or a writer is shown.
/// </summary>
public static class ReferenceMarkers
{
    public static string Strip(string text) => CitationMarkers.Group().Replace(text, "");
}
