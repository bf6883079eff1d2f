using System.Security.Cryptography;
using System.Text;

namespace RagAssistant.Core.Papers;

/// <summary>Stable paper ids: the same paper in two files, or in two runs, gets the same id.</summary>
public static class PaperIdentity
{
    /// <summary>Id from the title alone, since Daily Papers pages carry no other identifier.</summary>
    public static string FromTitle(string title) => "hf-" + Hash(NormalizeTitle(title))[..16];

    /// <summary>Lower-case letters and digits only, so case, punctuation, LaTeX markup and spacing differences do not split a paper in two.</summary>
    public static string NormalizeTitle(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in NormalisableText.Of(title).Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
