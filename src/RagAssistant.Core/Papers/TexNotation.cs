using System.Text;
using System.Text.RegularExpressions;

namespace RagAssistant.Core.Papers;

/// <summary>
/// The LaTeX that titles and abstracts carry ("CO$_2$", "R^2", "\emph{labeled}", "``deep''") as a reader should see it:
/// math delimiters dropped, sub- and superscripts as Unicode (CO₂, R², σₘₐₓ²), symbol commands as their symbols (α, ≤, ℝ),
/// text commands as their text. A script with a character Unicode has no sub- or superscript for (B_L) stays as written.
/// The stored text is never changed: this is for display, and, through Unicode compatibility folding, for matching
/// ("CO$_2$", "CO_2", "CO₂" and "CO2" all fold to "CO2"; see <see cref="Folded"/>).
/// </summary>
public static partial class TexNotation
{
    // Characters that announce markup; text without any of them is returned as it is, without allocating.
    private static readonly System.Buffers.SearchValues<char> Markers = System.Buffers.SearchValues.Create("$_^\\`{");

    [GeneratedRegex(@"(?:https?://|www\.)\S+")]
    private static partial Regex Url();

    // $x$ with no space just inside either dollar, as LaTeX is written; "costs $5 and $10" is prose.
    [GeneratedRegex(@"(?<!\\)\$(?<math>[^$\s](?:[^$]{0,198}?[^$\s\\])?)\$")]
    private static partial Regex InlineMath();

    // \href{url}{text} shows its text; \url{u} its address.
    [GeneratedRegex(@"\\href\{[^{}]*\}\{(?<text>[^{}]*)\}")]
    private static partial Regex Href();

    // {\em labeled}, {\bf x}, {\it x} and \emph{x}-style commands written inside the braces ({\emph compression}).
    [GeneratedRegex(@"\{\\(?:em|bf|it|sl|sc|tt|rm|emph|textbf|textit)\s+(?<text>[^{}]*)\}")]
    private static partial Regex FontGroup();

    [GeneratedRegex(@"\\(?:emph|textbf|textit|texttt|textrm|textsc|text|mathrm|mathbf|mathit|mathsf|mathtt|boldsymbol|bm|operatorname|url|mbox)\{(?<text>[^{}]*)\}")]
    private static partial Regex TextCommand();

    [GeneratedRegex(@"\\(?:mathbb|mathbbm)\{(?<letter>[A-Za-z])\}")]
    private static partial Regex Blackboard();

    [GeneratedRegex(@"\\mathcal\{(?<letter>[A-Za-z])\}")]
    private static partial Regex Calligraphic();

    [GeneratedRegex(@"\\frac\{(?<top>[^{}]*)\}\{(?<bottom>[^{}]*)\}")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\\(?<name>[A-Za-z]+)")]
    private static partial Regex Command();

    // A sub- or superscript after a letter, digit, closing bracket or an earlier script: braced, a signed number, or one
    // character that no letter follows (so snake_case words such as the_well stay as they are).
    [GeneratedRegex(@"(?<=[\p{L}\p{N})\]}])(?<mark>[_^])(?:\{(?<braced>[^{}]{1,24})\}|(?<number>-?\d+)(?![\p{Ll}_])|(?<single>[\p{L}*'])(?![\p{Ll}_\d]))")]
    private static partial Regex Script();

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "φ", ["varphi"] = "φ",
        ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ",
        ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω", ["ell"] = "ℓ", ["infty"] = "∞", ["times"] = "×",
        ["cdot"] = "·", ["pm"] = "±", ["mp"] = "∓", ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥", ["ne"] = "≠", ["neq"] = "≠",
        ["approx"] = "≈", ["sim"] = "∼", ["simeq"] = "≃", ["propto"] = "∝", ["to"] = "→", ["rightarrow"] = "→", ["leftarrow"] = "←",
        ["Rightarrow"] = "⇒", ["mapsto"] = "↦", ["in"] = "∈", ["notin"] = "∉", ["subset"] = "⊂", ["subseteq"] = "⊆", ["cup"] = "∪",
        ["cap"] = "∩", ["forall"] = "∀", ["exists"] = "∃", ["nabla"] = "∇", ["partial"] = "∂", ["sum"] = "∑", ["prod"] = "∏",
        ["int"] = "∫", ["sqrt"] = "√", ["ldots"] = "…", ["dots"] = "…", ["cdots"] = "⋯", ["log"] = "log", ["exp"] = "exp",
        ["min"] = "min", ["max"] = "max", ["sup"] = "sup", ["inf"] = "inf", ["lim"] = "lim", ["det"] = "det", ["mid"] = "|",
        ["ll"] = "≪", ["gg"] = "≫", ["circ"] = "∘", ["star"] = "⋆", ["ast"] = "∗", ["top"] = "ᵀ", ["prime"] = "′",
        ["left"] = "", ["right"] = "", ["big"] = "", ["Big"] = "", ["bigg"] = "", ["Bigg"] = "", ["quad"] = " ", ["qquad"] = " ",
        ["em"] = "", ["it"] = "", ["bf"] = "",
    };

    private static readonly Dictionary<char, char> Subscripts = Pairs(
        "0123456789+-=()aeoxhklmnpstijruvβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥᵦᵧᵨᵩᵪ");

    private static readonly Dictionary<char, char> Superscripts = Pairs(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW*'",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ*′");

    /// <summary>The text as a reader should see it; unchanged when it holds no markup.</summary>
    public static string Readable(string text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Markers) < 0) return text;
        var result = new StringBuilder(text.Length);
        var last = 0;
        // Addresses are left alone: an underscore or a dollar in a URL is part of it.
        foreach (Match url in Url().Matches(text))
        {
            result.Append(Prose(text[last..url.Index])).Append(url.Value);
            last = url.Index + url.Length;
        }
        return result.Append(Prose(text[last..])).ToString();
    }

    /// <summary>
    /// The readable text folded for matching: Unicode compatibility forms (CO₂ → CO2, R² → R2, ﬁ → fi). Search terms and
    /// the Papers filter compare this form, so every spelling of a formula finds the others.
    /// </summary>
    public static string Folded(string text) => NormalisableText.Of(Readable(text)).Normalize(NormalizationForm.FormKC);

    private static string Prose(string text)
    {
        if (text.Length == 0 || text.AsSpan().IndexOfAny(Markers) < 0) return text;
        text = text.Replace("``", "“", StringComparison.Ordinal).Replace("''", "”", StringComparison.Ordinal);
        text = Href().Replace(text, match => match.Groups["text"].Value);
        // The dollars go first, so a script inside them still sees the letter before it (CO$_2$).
        text = InlineMath().Replace(text.Replace("$$", "$", StringComparison.Ordinal), "${math}");
        return Math(text);
    }

    /// <summary>Commands and scripts; text outside $…$ gets the same treatment, since abstracts often drop the dollars.</summary>
    private static string Math(string text)
    {
        text = FontGroup().Replace(text, match => match.Groups["text"].Value);
        text = TextCommand().Replace(text, match => match.Groups["text"].Value);
        text = Blackboard().Replace(text, match => Doublestruck(match.Groups["letter"].Value[0]));
        text = Calligraphic().Replace(text, match => match.Groups["letter"].Value);
        text = Fraction().Replace(text, match => $"{Grouped(match.Groups["top"].Value)}/{Grouped(match.Groups["bottom"].Value)}");
        text = Command().Replace(text, match => Symbols.GetValueOrDefault(match.Groups["name"].Value, match.Value));
        text = text.Replace(@"\{", "{", StringComparison.Ordinal).Replace(@"\}", "}", StringComparison.Ordinal)
            .Replace(@"\%", "%", StringComparison.Ordinal).Replace(@"\&", "&", StringComparison.Ordinal)
            .Replace(@"\_", "_", StringComparison.Ordinal).Replace(@"\$", "$", StringComparison.Ordinal)
            .Replace(@"\,", " ", StringComparison.Ordinal).Replace(@"\;", " ", StringComparison.Ordinal).Replace(@"\!", "", StringComparison.Ordinal);
        // Scripts may nest one level in practice (sigma_{max}^2): two passes convert both.
        for (var pass = 0; pass < 2; pass++) text = Script().Replace(text, Scripted);
        return text;
    }

    private static string Scripted(Match match)
    {
        var map = match.Groups["mark"].Value == "_" ? Subscripts : Superscripts;
        var content = match.Groups["braced"].Success ? match.Groups["braced"].Value
            : match.Groups["number"].Success ? match.Groups["number"].Value
            : match.Groups["single"].Value;
        var converted = new StringBuilder(content.Length);
        foreach (var c in content.Replace("−", "-", StringComparison.Ordinal))
        {
            if (c == ' ') continue;
            if (!map.TryGetValue(c, out var script)) return match.Value;
            converted.Append(script);
        }
        return converted.Length == 0 ? match.Value : converted.ToString();
    }

    /// <summary>"a+b" as a fraction's part reads as "(a+b)"; a single term needs no brackets.</summary>
    private static string Grouped(string part) => part.Any(c => c is '+' or '-' or ' ') ? $"({part})" : part;

    private static string Doublestruck(char letter) => letter switch
    {
        'R' => "ℝ", 'N' => "ℕ", 'Z' => "ℤ", 'Q' => "ℚ", 'C' => "ℂ", 'P' => "ℙ", 'H' => "ℍ",
        'E' => "𝔼", _ => letter.ToString(),
    };

    private static Dictionary<char, char> Pairs(string plain, string scripted)
    {
        var plainChars = plain.ToCharArray();
        var scriptedChars = scripted.ToCharArray();
        if (plainChars.Length != scriptedChars.Length) throw new InvalidOperationException("Script tables differ in length.");
        return plainChars.Zip(scriptedChars).ToDictionary(pair => pair.First, pair => pair.Second);
    }
}
