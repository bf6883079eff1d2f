namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// What is written beside the shipped sentence-role model (<c>sentence-roles.json</c>): the embedding model whose vectors
/// it reads, how it decodes a sequence, how it was trained (the command, the seed, the data) and what it reached on
/// CSAbstruct's test split. The classifier is used only with the embedding model named here.
/// </summary>
public sealed record SentenceRoleModelCard(
    string EmbeddingModel,
    int Dimensions,
    RoleDecoding Decoding,
    int Seed,
    string Command,
    string TrainedOn,
    int TrainingSentences,
    double DevAccuracy,
    double TestAccuracy,
    double TestMacroF1,
    IReadOnlyDictionary<string, double> TestF1ByRole,
    int TestSentences);
