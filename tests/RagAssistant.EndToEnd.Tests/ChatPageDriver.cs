using Microsoft.Playwright;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>What a person does on the chat page, in Playwright terms; shared by the tests and the benchmark.</summary>
public sealed class ChatPageDriver(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator LastAnswer => Page.Locator("article.answer").Last;

    /// <summary>Opens the chat and waits for the live circuit: a prerendered page ignores input until then.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        await Page.GotoAsync(baseAddress.ToString());
        await Page.Locator(".chat[data-interactive=true]").WaitForAsync();
    }

    /// <summary>Types a question and sends it with Enter, as a keyboard user would.</summary>
    public async Task AskAsync(string question)
    {
        var box = Page.Locator("textarea#question");
        await box.FillAsync(question);
        await box.PressAsync("Enter");
    }

    public async Task WaitForAnswerAsync(int exchanges)
    {
        // Generous: the first question also warms up the embedding model. A guard against hanging, not a speed check.
        await Page.Locator($"#exchange-{exchanges - 1} article.answer[data-outcome=answered]").WaitForAsync(new() { Timeout = 120_000 });
    }

    /// <summary>Records every length the newest answer's visible text takes, from now on.</summary>
    public Task WatchAnswerGrowthAsync() => Page.EvaluateAsync("""
        () => {
          window.__answerLengths = [];
          const messages = document.querySelector('.messages');
          new MutationObserver(() => {
            const answers = messages.querySelectorAll('.answer-text');
            const last = answers[answers.length - 1];
            if (!last) return;
            const length = last.innerText.trim().length;
            if (window.__answerLengths.at(-1) !== length) window.__answerLengths.push(length);
          }).observe(messages, { subtree: true, childList: true, characterData: true });
        }
        """);

    public async Task<int[]> AnswerLengthsAsync() => await Page.EvaluateAsync<int[]>("() => window.__answerLengths");

    /// <summary>
    /// Sends the question in the box with Enter and returns the milliseconds until the new answer shows text,
    /// measured in the page (performance.now), so network and rendering are both inside the number.
    /// </summary>
    public async Task<double> MeasureFirstTextAsync(string question)
    {
        await Page.Locator("textarea#question").FillAsync(question);
        return await Page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              const messages = document.querySelector('.messages');
              const before = messages.querySelectorAll('.exchange').length;
              const box = document.querySelector('#question');
              const check = () => {
                const exchanges = messages.querySelectorAll('.exchange');
                if (exchanges.length <= before) return;
                const text = exchanges[exchanges.length - 1].querySelector('.answer-text');
                if (text && text.innerText.trim().length > 0) {
                  observer.disconnect();
                  resolve(performance.now() - start);
                }
              };
              const observer = new MutationObserver(check);
              observer.observe(messages, { subtree: true, childList: true, characterData: true });
              const start = performance.now();
              box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
            })
            """);
    }

    public async Task NewChatAsync()
    {
        await Page.Locator(".chat-toolbar .new-chat").ClickAsync();
        await Page.Locator(".welcome").WaitForAsync();
    }
}
