using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Components.Pages.Chat;
using RagAssistant.Web.Components.Pages.Papers;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>
/// The app's own pages rendered by bUnit over the running app's real services (store, indexer, orchestrator), so a
/// test can do what a circuit client can: send any upload name, ask, click. Only the browser is left out.
/// </summary>
internal static class AppPages
{
    public static BunitContext Context(RagAppHost app)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // A scope of the app's provider: the page's scoped services are resolved as in a circuit, whose caller is a
        // browser session of its own.
        var scope = app.Services.CreateScope().ServiceProvider;
        scope.GetRequiredService<PageCaller>().Current = new Caller(ConversationOwner.Session(ConversationIds.New()), "address:127.0.0.1");
        context.Services.AddFallbackServiceProvider(scope);
        return context;
    }

    /// <summary>Uploads through the Papers page's own InputFile and waits until the job is indexed or has failed.</summary>
    public static async Task<(IRenderedComponent<PapersPage> Page, UploadJob Job)> UploadAsync(BunitContext context, RagAppHost app, params InputFileContent[] files)
    {
        var uploads = app.Services.GetRequiredService<PaperUploads>();
        var caller = context.Services.GetRequiredService<PageCaller>().Current!;
        var previous = await UploadWait.NewestIdAsync(uploads, caller);
        var page = context.Render<PapersPage>();
        page.FindComponent<InputFile>().UploadFiles(files);
        return (page, await UploadWait.EndedAsync(uploads, caller, previous, HubClient.HangGuard));
    }

    public static async Task<IRenderedComponent<ChatPage>> AskAsync(BunitContext context, string question)
    {
        var chat = context.Render<ChatPage>();
        await chat.InvokeAsync(() => chat.Find("textarea#question").Input(question));
        await chat.InvokeAsync(() => chat.Find("form.composer").Submit());
        chat.WaitForAssertion(() => Assert.Equal("answered", chat.Find("article.answer").GetAttribute("data-outcome")), HubClient.HangGuard);
        return chat;
    }
}
