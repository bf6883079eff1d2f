using System.Text;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Unicode NFKC, the original tokenizer's first step: ligatures and full-width letters fold to plain ones.
/// Relies on the runtime's ICU, so hosts must not run with InvariantGlobalization.
/// </summary>
internal static class NfkcNormalizer
{
    public static string Normalize(string text) => Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC);
}
