using System.Text.Json.Serialization.Metadata;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Api.Answers;

/// <summary>
/// The <c>"type"</c> discriminator of each <see cref="AnswerEvent"/>, read from the contract itself so that the SSE
/// event names can never drift from the JSON the events carry.
/// </summary>
public static class AnswerEventNames
{
    private static readonly Dictionary<Type, string> Names = WireJson.Options.GetTypeInfo(typeof(AnswerEvent))
        .PolymorphismOptions!.DerivedTypes
        .ToDictionary(derived => derived.DerivedType, derived => (string)derived.TypeDiscriminator!);

    public static string Of(AnswerEvent answerEvent) => Names[answerEvent.GetType()];
}
