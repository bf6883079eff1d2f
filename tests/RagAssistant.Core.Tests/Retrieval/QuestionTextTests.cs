using RagAssistant.Core.Conversations;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Tests.Retrieval;

/// <summary>The one input rule: what it refuses, in which words, and what an accepted question becomes.</summary>
public sealed class QuestionTextTests
{
    [Theory]
    [InlineData(null, "The question is empty.")]
    [InlineData(" \t\n", "The question is empty.")]
    [InlineData("\0\u0007\u009F", "The question is empty.")]
    [InlineData("\uD800", "The question is empty.")]
    [InlineData("\uFFFE\uFDD0", "The question is empty.")]
    [InlineData("\u0301\u0301", "The question has no letter or digit.")]
    [InlineData("\u202E\u200B\u2066", "The question has no letter or digit.")]
    [InlineData("?!… —", "The question has no letter or digit.")]
    [InlineData("😀🇺🇦", "The question has no letter or digit.")]
    public void Text_without_a_letter_or_digit_is_refused_in_words(string? text, string problem) =>
        Assert.Equal(problem, QuestionText.Problem(text));

    [Theory]
    [InlineData("CO2?")]
    [InlineData("٣")] // an Arabic-Indic digit
    [InlineData("½")] // a number that is not a decimal digit
    [InlineData("שלום")]
    [InlineData("日本")]
    [InlineData("\U0001D400")] // MATHEMATICAL BOLD CAPITAL A, a letter outside the basic plane
    public void Text_with_a_letter_or_digit_of_any_script_is_accepted(string text) => Assert.Null(QuestionText.Problem(text));

    [Fact]
    public void The_length_is_judged_as_sent_and_the_noun_names_the_field()
    {
        Assert.Null(QuestionText.Problem(new string('q', QuestionText.MaxLength)));
        Assert.Equal("The query is longer than 2000 characters.", QuestionText.Problem(new string(' ', QuestionText.MaxLength + 1), "query"));
        Assert.Equal("The query is empty.", QuestionText.Problem("", "query"));
    }

    [Fact]
    public void An_accepted_question_is_composed_trimmed_and_rid_of_what_cannot_be_stored()
    {
        // Tabs and line breaks stay, as whitespace; NUL, half a pair and a noncharacter go; e + combining acute composes.
        Assert.Equal("cafe\u0301 ok\tnow".Normalize(), QuestionText.Normalise("  \0cafe\u0301 o\uD800k\tno\uFFFEw \n"));
        Assert.Equal("\u00e9", QuestionText.Normalise("e\u0301"));
        // Direction marks and joiners belong to the text of some scripts and emoji: kept.
        Assert.Equal("a\u200Db\u200Fc", QuestionText.Normalise("a\u200Db\u200Fc"));
    }

    [Fact]
    public void A_conversation_title_is_never_cut_between_the_halves_of_a_surrogate_pair()
    {
        var question = new string('x', ChatTranscript.MaxTitleLength - 2) + "😀😀😀";

        var title = ChatTranscript.TitleFrom(question);

        Assert.Equal(string.Concat(title.EnumerateRunes().Select(rune => rune.ToString())), title);
        Assert.EndsWith("…", title);
    }
}
