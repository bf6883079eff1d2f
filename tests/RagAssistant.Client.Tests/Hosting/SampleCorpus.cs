namespace RagAssistant.Client.Tests.Hosting;

/// <summary>What the sample corpus (samples/hf-daily-papers) is known to hold, for questions with a known answer.</summary>
public static class SampleCorpus
{
    public const string Co2Question = "Which neural networks emulate atmospheric CO2 transport?";
    public const string Co2Query = "neural network emulators of atmospheric CO2 transport";
    public const string Co2TitleStart = "Atmospheric Transport Modeling of CO";
    public const string Co2Date = "2024-08-20";
}
