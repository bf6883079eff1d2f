namespace RagAssistant.Web.Security;

/// <summary>
/// The <c>SignInLimits</c> configuration section (environment <c>SignInLimits__PerAddress</c>, …): how many times the
/// server key may be tried on <c>/signin</c> per window, from one client address and at the key holder's account from
/// all addresses together. Enough for a person who mistypes; far too few to guess a key.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string Section = "SignInLimits";

    /// <summary>Attempts from one client address per <see cref="Window"/>; 0 turns this limit off.</summary>
    public int PerAddress { get; set; } = 10;

    /// <summary>
    /// Attempts at one account from every address together per <see cref="Window"/>, against guessing spread over many
    /// addresses; 0 turns this limit off. Attempts an address was already refused for do not count here.
    /// </summary>
    public int PerAccount { get; set; } = 100;

    /// <summary>The fixed window the attempts are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
