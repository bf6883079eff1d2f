using RagAssistant.Core.Evaluation;

namespace RagAssistant.Core.Tests.Evaluation;

/// <summary>The sample corpus's judged question set loads whole, and a bad line is refused with its file, line and field.</summary>
public sealed class JudgedQuestionFileTests
{
    [Fact]
    public void The_shipped_question_set_has_every_kind_and_at_least_thirty_questions()
    {
        var questions = JudgedQuestionFile.Load(Path.Combine(TestRepository.Root, "eval", "samples", "retrieval-questions.jsonl"));

        Assert.True(questions.Count >= 30, $"only {questions.Count} questions");
        Assert.Equal(Enum.GetValues<QuestionKind>().Order(), questions.Select(question => question.Kind).Distinct().Order());
        Assert.All(questions.Where(question => question.Kind == QuestionKind.Topic), question => Assert.True(question.Relevant.Count >= 2, question.Question));
    }

    [Theory]
    [InlineData("""{"question": "What is PonderNet?", "kind": "named", "relevant": "hf-1"}""", "field \"relevant\" must be an array")]
    [InlineData("""{"question": "What is PonderNet?", "kind": "famous", "relevant": ["hf-1"]}""", "field \"kind\" must be")]
    [InlineData("""{"question": "", "kind": "named", "relevant": ["hf-1"]}""", "field \"question\" is missing")]
    [InlineData("""{"question": "Who wrote AlexNet?", "kind": "unanswerable", "relevant": ["hf-1"]}""", "must be empty exactly when")]
    [InlineData("""{"question": "What is""", "not a JSON object")]
    public void A_bad_line_is_refused_with_its_file_line_and_field(string bad, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"judged-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, ["""{"question": "What is PonderNet?", "kind": "named", "relevant": ["hf-1"]}""", "", bad]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => JudgedQuestionFile.Load(path));

            Assert.StartsWith($"{path}:3:", error.Message);
            Assert.Contains(problem, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
