namespace RagAssistant.Embeddings.Tests;

internal static class VectorAssert
{
    public static void Close(IReadOnlyList<float> expected, ReadOnlySpan<float> actual, float tolerance, string label)
    {
        Assert.Equal(expected.Count, actual.Length);
        var worst = 0f;
        var worstAt = -1;
        for (var i = 0; i < actual.Length; i++)
        {
            var difference = Math.Abs(expected[i] - actual[i]);
            if (float.IsNaN(difference) || difference > worst)
            {
                worst = float.IsNaN(difference) ? float.PositiveInfinity : difference;
                worstAt = i;
            }
        }

        Assert.True(worst <= tolerance, $"{label}: value {worstAt} differs by {worst:E2}, more than {tolerance:E0}.");
    }
}
