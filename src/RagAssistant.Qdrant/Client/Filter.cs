using System.Text.Json.Serialization;

namespace RagAssistant.Qdrant.Client;

/// <summary>A condition of a Qdrant filter: a field test or a nested filter.</summary>
[JsonDerivedType(typeof(Filter))]
[JsonDerivedType(typeof(FieldCondition))]
public abstract record Condition;

/// <summary>Qdrant's boolean filter: all of <see cref="Must"/>, at least one of <see cref="Should"/>, none of <see cref="MustNot"/>.</summary>
public sealed record Filter(
    IReadOnlyList<Condition>? Must = null,
    IReadOnlyList<Condition>? Should = null,
    IReadOnlyList<Condition>? MustNot = null) : Condition
{
    public static Filter All(params Condition[] conditions) => new(Must: conditions);

    public static Filter Any(IReadOnlyList<Condition> conditions) => new(Should: conditions);
}

/// <summary>A test on one payload field: an exact match or a range.</summary>
public sealed record FieldCondition(string Key, MatchValue? Match = null, RangeValue? Range = null) : Condition
{
    public static FieldCondition Equal(string key, string value) => new(key, Match: new MatchValue(value));

    public static FieldCondition Equal(string key, long value) => new(key, Match: new MatchValue(value));

    public static FieldCondition AnyOf(string key, IReadOnlyList<string> values) => new(key, Match: new MatchValue(Any: values));

    public static FieldCondition Between(string key, RangeValue range) => new(key, Range: range);
}

/// <summary><c>value</c> is a keyword, integer or bool; <c>any</c> a list of keywords.</summary>
public sealed record MatchValue(object? Value = null, IReadOnlyList<string>? Any = null);

/// <summary>Bounds are numbers, or RFC 3339 date-times ("2024-08-20" included) on a datetime field.</summary>
public sealed record RangeValue(object? Gt = null, object? Gte = null, object? Lt = null, object? Lte = null);
