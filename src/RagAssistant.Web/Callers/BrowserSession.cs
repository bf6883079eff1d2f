using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Callers;

/// <summary>
/// A browser's anonymous session: a random id in a cookie, issued once (HttpOnly, SameSite=Lax), that owns the
/// conversations the browser starts while nobody is signed in — a reload or a new tab of the same browser sees them.
/// </summary>
public static class BrowserSession
{
    public const string Cookie = "rag_session";

    /// <summary>The session the request carries, or null.</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies[Cookie] is { } presented && ConversationIds.IsValid(presented) ? presented : null;

    /// <summary>The session the request carries, else a new one set on the response (which must not have started).</summary>
    public static string ReadOrIssue(HttpContext context)
    {
        if (Read(context) is { } known) return known;
        var issued = ConversationIds.New();
        context.Response.Cookies.Append(Cookie, issued, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
            Secure = context.Request.IsHttps,
        });
        return issued;
    }
}
