using RagAssistant.Web.Asking;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Components.Pages.Chat;
using RagAssistant.Web.Indexing;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Tests.Components;

/// <summary>
/// A bUnit context with what the chat page needs: a scripted answer stream, a conversation store and an (empty)
/// embedded index in a temporary folder, and text shown as soon as it arrives (no reveal pacing).
/// </summary>
public abstract class ChatPageContext : BunitContext
{
    protected ChatPageContext()
    {
        // A hang guard, not a speed check: bUnit's 1 s default fails these waits when the machine is busy (CI beside other builds).
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        DataDir = Directory.CreateTempSubdirectory("rag-bunit-").FullName;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<IAnswerStream>(Answers);
        Services.AddSingleton(Options.Create(new RagOptions { DataDir = DataDir }));
        Services.AddSingleton(Options.Create(new ChatUiOptions { RevealInterval = TimeSpan.Zero }));
        Services.AddSingleton(Options.Create(new AssistantOptions()));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IConversationStore>(new FileConversationStore(Path.Combine(DataDir, FileConversationStore.FolderName), new ConversationOptions(),
            TimeProvider.System, NullLogger<FileConversationStore>.Instance));
        Services.AddSingleton<ConversationService>();
        Services.AddSingleton<IPaperIndex>(new EmbeddedPaperIndex(DataDir));
        Services.AddSingleton<StarterQuestions>();
        Services.AddSingleton(new IndexReadiness { Ready = true, Papers = 2 });
        Services.AddSingleton(Options.Create(QuestionLimits));
        Services.AddSingleton<ICallerWindows, LocalCallerWindows>();
        Services.AddSingleton<QuestionLimiter>();
        Services.AddSingleton<AskHandler>();
        Services.AddSingleton(Caller);
    }

    protected string DataDir { get; }

    /// <summary>Who the page's caller is: a browser session of its own, as the circuit would name it.</summary>
    protected PageCaller Caller { get; } = new() { Current = new Caller(ConversationOwner.Session("session-1"), "address:127.0.0.1") };

    protected QuestionLimitOptions QuestionLimits { get; } = new();

    protected ScriptedAnswerStream Answers { get; } = new();

    protected static readonly IReadOnlyList<AnswerSource> TwoSources =
    [
        new(1, "paper-co2", "Atmospheric Transport Modeling of CO2 with Neural Networks", new DateOnly(2024, 8, 20), 6, "https://example.org/co2",
            "Large deep neural networks are poised to revolutionize weather prediction. We assemble the CarbonBench dataset for emulators.", 0.91),
        new(2, "paper-ham", "Cross Domain Generalization of Hamiltonian Representation", new DateOnly(2024, 9, 6), 4, null,
            "We model our system with a graph neural network and employ meta learning.", 0.74),
    ];

    protected IRenderedComponent<ChatPage> RenderChat() =>
        Render<ChatPage>();

    /// <summary>Types and sends; each step inside the renderer, so no render slips in between finding an element and using it.</summary>
    protected static async Task AskAsync(IRenderedComponent<ChatPage> page, string question)
    {
        await page.InvokeAsync(() => page.Find("textarea#question").Input(question));
        await page.InvokeAsync(() => page.Find("form.composer").Submit());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) DeleteDataDir();
    }

    /// <summary>
    /// The conversation service finishes recording an answer after the page has gone, so a file can still land in the folder
    /// while it is deleted; try again briefly, and leave a temporary folder behind rather than fail a test that passed.
    /// </summary>
    private void DeleteDataDir()
    {
        for (var attempt = 1; Directory.Exists(DataDir); attempt++)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}
